import type { Command } from 'commander'
import { loadConfig, WxConfigError, type WxmpConfig } from '@wxmp/core'
import {
  createLogger,
  createWebhook,
  EXAMPLES,
  MemoryMessageLog,
  openRedisDeliveryStore,
  defaultMessageLogFile,
  openSqliteMessageLog,
  reportMessageLogErrors,
  serveWebhook,
  type RedisDeliveryStore,
  type LogLevel,
  type Logger,
  type MessageLog,
  type WebhookApp,
} from '@wxmp/webhook'
import { demoAccount } from '../demo-account.js'
import { dataDirOf } from '../data-dir.js'
import { loadApp } from '../load-app.js'
import { onShutdown } from '../shutdown.js'

/** Flags of `wxmp webhook`. */
export interface WebhookFlags {
  example?: string
  app?: string
  host?: string
  port?: string
  path?: string
  config?: string
  dataDir?: string
  messageLog: string
  refusePlaintext?: boolean
  deadlineMs?: string
  logLevel?: string
  demo?: boolean
  transport?: string
}

/** Registers `wxmp webhook`. */
export function registerWebhookCommand(program: Command): void {
  program
    .command('webhook')
    .description('serve the webhook WeChat pushes messages to (verify, decrypt, route, reply)')
    .option('--example <name>', `serve a built-in example: ${Object.keys(EXAMPLES).join(', ')}`)
    .option(
      '--app <file>',
      'serve your own app: a module whose default export registers handlers (.ts works)',
    )
    .option(
      '--host <host>',
      'address to listen on (default 127.0.0.1; 0.0.0.0 to accept outside traffic)',
    )
    .option('--port <port>', 'port to listen on (default 8080)')
    .option('--path <path>', 'base path; each account is also at <path>/<appid> (default /wx)')
    .option('--config <file>', 'configuration file (JSON, the schema every wxmp role shares)')
    .option('--data-dir <dir>', 'where the message log and demo account live (default ./data)')
    .option('--message-log <store>', 'sqlite | memory | off', 'sqlite')
    .option('--refuse-plaintext', 'answer 401 to pushes that are not encrypted')
    .option('--deadline-ms <ms>', 'answer `success` when a handler runs longer (default 4500)')
    .option('--log-level <level>', 'debug | info | warn | error | silent')
    .option(
      '--transport <reader>',
      "fast (wxmp's HTTP reader; other requests go to node:http) | node (node:http only)",
      'fast',
    )
    .option(
      '--demo',
      'when no account is configured, use a generated demo account (kept in the data dir)',
    )
    .action(async (flags: WebhookFlags) => {
      await runWebhook(flags)
    })
}

/** Starts the webhook from CLI flags and keeps it running until SIGINT/SIGTERM. */
export async function runWebhook(flags: WebhookFlags): Promise<void> {
  const transport = flags.transport ?? 'fast'
  if (transport !== 'fast' && transport !== 'node')
    throw new WxConfigError(`--transport: "${transport}" is not one of fast, node`, '--transport')
  const app = await chooseApp(flags)
  const config = resolveConfig(flags)

  const logger = createLogger({ level: (config.logLevel ?? 'info') as LogLevel })
  const messageLog = openMessageLog(flags.messageLog, config.dataDir, logger)
  const delivery = openDeliveryStore(config)
  const wh = createWebhook({
    accounts: config.accounts,
    path: config.path,
    messageLog,
    ...(delivery.store === undefined ? {} : { deliveryStore: delivery.store }),
    logger,
    refusePlaintext: flags.refusePlaintext === true,
    ...(flags.deadlineMs === undefined
      ? {}
      : { deadlineMs: positiveInt(flags.deadlineMs, '--deadline-ms') }),
  })
  await app(wh)
  if (delivery.store !== undefined) await redisReachable(delivery.store, delivery.host)
  const running = await serveWebhook(wh, { host: config.host, port: config.port, transport })
  const base = config.path === '/' ? '' : config.path
  const lines = [
    `wxmp webhook listening on ${running.origin}${base || '/'}`,
    ...config.accounts.map(
      (a) =>
        `  account ${a.appid}: ${running.origin}${base}/${a.appid}  token ${a.token}  ${a.aesKey ? 'AES: plaintext, compatible and safe mode' : 'plaintext mode (no EncodingAESKey)'}`,
    ),
    `  enter the URL and token in 公众号 → 设置与开发 → 基本配置 → 服务器配置 (WeChat needs port 80 or 443 in front)`,
    `  retries and replays remembered ${delivery.where}`,
    `  health ${running.origin}/healthz  metrics ${running.origin}/metrics`,
  ]
  process.stdout.write(lines.join('\n') + '\n')

  onShutdown(async () => {
    await running.close()
    await wh.close()
  })
}

async function chooseApp(flags: WebhookFlags): Promise<WebhookApp> {
  if (flags.example !== undefined && flags.app !== undefined)
    throw new WxConfigError('use either --example or --app, not both', 'app')
  if (flags.app !== undefined) return loadApp(flags.app)
  const name = flags.example ?? 'echo'
  const example = EXAMPLES[name]
  if (example === undefined)
    throw new WxConfigError(
      `--example: unknown example "${name}"; choose one of ${Object.keys(EXAMPLES).join(', ')}`,
      'example',
    )
  return example.app
}

function resolveConfig(flags: WebhookFlags): WxmpConfig {
  const base = {
    ...(flags.host === undefined ? {} : { host: flags.host }),
    ...(flags.port === undefined ? {} : { port: positiveInt(flags.port, '--port', true) }),
    ...(flags.path === undefined ? {} : { path: flags.path }),
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
    ...(flags.logLevel === undefined ? {} : { logLevel: flags.logLevel }),
  }
  const env = process.env
  const configured = Boolean(env.WXMP_APPID || env.WXMP_TOKEN || flags.config || env.WXMP_CONFIG)
  if (flags.demo === true && !configured) {
    const demo = demoAccount(dataDirOf(flags, env))
    return loadConfig({
      flags: {
        ...base,
        appid: demo.appid,
        token: demo.token,
        aesKey: demo.aesKey,
        originalId: demo.originalId,
      },
    })
  }
  return loadConfig({
    flags: base,
    ...(flags.config === undefined ? {} : { configFile: flags.config }),
  })
}

/**
 * With `WXMP_REDIS_URL` (or `redisUrl`), retries and replays are remembered in Redis, so that
 * several instances behind one URL answer a re-send landing on any of them; else in this process.
 * The banner names the server without the URL's credentials.
 */
function openDeliveryStore(config: WxmpConfig): {
  store: RedisDeliveryStore | undefined
  where: string
  host: string
} {
  if (config.redisUrl === undefined) return { store: undefined, where: 'in this process', host: '' }
  const url = new URL(config.redisUrl)
  return {
    store: openRedisDeliveryStore(config.redisUrl),
    where: `in redis ${url.host} (shared by every instance using it)`,
    host: url.host,
  }
}

/**
 * Refuses to start (exit 2, as for any configuration error) when the configured Redis does not
 * answer: the message names the host, never the URL's password.
 */
async function redisReachable(store: RedisDeliveryStore, host: string): Promise<void> {
  try {
    await store.ready()
  } catch (err) {
    await store.close().catch(() => undefined)
    const cause = err instanceof Error ? err.message : String(err)
    throw new WxConfigError(
      `redisUrl: Redis at ${host} does not answer (${cause}); start it, fix WXMP_REDIS_URL, or unset it to remember retries in this process`,
      'redisUrl',
    )
  }
}

function openMessageLog(kind: string, dataDir: string, logger: Logger): MessageLog | undefined {
  if (kind === 'off') return undefined
  if (kind === 'memory') return new MemoryMessageLog()
  if (kind === 'sqlite') {
    const file = defaultMessageLogFile(dataDir)
    return openSqliteMessageLog({ file, onError: reportMessageLogErrors(logger, file) })
  }
  throw new WxConfigError(
    `--message-log: "${kind}" is not one of sqlite, memory, off`,
    'messageLog',
  )
}

function positiveInt(value: string, flag: string, allowZero = false): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1))
    throw new WxConfigError(
      `${flag}: "${value}" is not a ${allowZero ? 'non-negative' : 'positive'} whole number`,
      flag,
    )
  return n
}
