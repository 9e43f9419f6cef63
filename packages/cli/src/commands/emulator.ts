import type { Command } from 'commander'
import { loadConfig, WxConfigError, type WxmpConfig } from '@wxmp/core'
import { createEmulator, serveEmulator } from '@wxmp/emulator'
import { demoAccount } from '../demo-account.js'
import { onShutdown } from '../shutdown.js'

/** Flags of `wxmp emulator`. */
export interface EmulatorFlags {
  host?: string
  port?: string
  config?: string
  dataDir?: string
  seed?: string
}

/** Registers `wxmp emulator`. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('serve a local WeChat (api.weixin.qq.com) for offline development and tests')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default 8090)')
    .option('--config <file>', 'configuration file (JSON); its accounts are the emulated accounts')
    .option('--data-dir <dir>', 'where the demo account lives (default ./data)')
    .option('--seed <n>', 'seed for tokens and demo fans, for reproducible runs')
    .action(async (flags: EmulatorFlags) => {
      await runEmulator(flags)
    })
}

/** Starts the emulator from CLI flags and keeps it running until SIGINT/SIGTERM. */
export async function runEmulator(flags: EmulatorFlags): Promise<void> {
  const { config, demo } = resolveConfig(flags)
  const seed = flags.seed === undefined ? undefined : Number(flags.seed)
  if (seed !== undefined && !Number.isInteger(seed))
    throw new WxConfigError(`--seed: "${flags.seed}" is not a whole number`, 'seed')
  const emulator = createEmulator({
    accounts: config.accounts,
    ...(seed === undefined ? {} : { seed }),
  })
  const port = flags.port === undefined ? 8090 : Number(flags.port)
  if (!Number.isInteger(port) || port < 0)
    throw new WxConfigError(`--port: "${flags.port}" is not a port number`, 'port')
  const served = await serveEmulator(emulator, { host: config.host, port })
  const lines = [
    `wxmp emulator listening on ${served.url}`,
    `  use it as the API base instead of https://api.weixin.qq.com (e.g. WXMP_API_BASE=${served.url})`,
    ...config.accounts.map(
      (a) => `  account ${a.appid}${demo ? `  secret ${a.secret ?? ''}  token ${a.token}` : ''}`,
    ),
    `  inspection: ${served.url}/__emulator/stats`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
  onShutdown(() => served.close())
}

function resolveConfig(flags: EmulatorFlags): { config: WxmpConfig; demo: boolean } {
  const env = process.env
  const base = {
    ...(flags.host === undefined ? {} : { host: flags.host }),
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
  }
  const configured = Boolean(env.WXMP_APPID || flags.config || env.WXMP_CONFIG)
  if (!configured) {
    // The same demo account `wxmp webhook --demo` uses, so the two roles agree out of the box.
    const d = demoAccount(flags.dataDir || env.WXMP_DATA_DIR || './data')
    const flagsWithDemo = {
      ...base,
      appid: d.appid,
      secret: d.secret,
      token: d.token,
      aesKey: d.aesKey,
      originalId: d.originalId,
    }
    return { config: loadConfig({ flags: flagsWithDemo }), demo: true }
  }
  const config = loadConfig({
    flags: base,
    ...(flags.config === undefined ? {} : { configFile: flags.config }),
  })
  const missing = config.accounts.find((a) => a.secret === undefined)
  if (missing !== undefined) {
    throw new WxConfigError(
      `accounts: ${missing.appid} has no secret — the emulator checks the AppSecret on token calls; set WXMP_SECRET or "secret" in the config file`,
      'secret',
    )
  }
  return { config, demo: false }
}
