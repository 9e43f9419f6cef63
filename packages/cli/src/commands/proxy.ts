/**
 * `wxmp proxy`: the API proxy on HTTP — the only process that calls WeChat's API. Accounts and
 * clients come from the shared configuration; tokens from `--token-service URL[,URL…]` (with
 * failover) or, without it, from the token logic in-process on the same store and lock; shared
 * state in Redis when `WXMP_REDIS_URL` is set, else SQLite files in the data dir.
 */
import { createWriteStream, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { WxConfigError } from '@wxmp/core'
import type { WxmpConfig } from '@wxmp/core'
import { createProxy, jsonLinesAudit, remoteTokens, serveProxy } from '@wxmp/proxy'
import type { ProxyTokens } from '@wxmp/proxy'
import { createTokenService, openRedisTokenStore, openSqliteTokenStore } from '@wxmp/token'
import type { TokenStore } from '@wxmp/token'
import { onShutdown } from '../shutdown.js'
import { roleConfig, rolePort } from './role-config.js'
import type { RoleFlags } from './role-config.js'

/** Flags of `wxmp proxy`. */
export interface ProxyFlags extends RoleFlags {
  tokenService?: string
  tokenServiceKey?: string
}

/** Registers `wxmp proxy`. */
export function registerProxyCommand(program: Command): void {
  program
    .command('proxy')
    .description(
      'serve the API proxy: client keys, allow-lists, rate limits and quotas in front of WeChat',
    )
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default 8092)')
    .option('--config <file>', 'configuration file: accounts and clients (keys, accounts, allow)')
    .option('--data-dir <dir>', 'where the SQLite state and the audit log live (default ./data)')
    .option(
      '--token-service <urls>',
      'token service URL(s), comma-separated, tried in order (default: token logic in-process)',
    )
    .option(
      '--token-service-key <key>',
      "this proxy's client key at the token service (or WXMP_TOKEN_SERVICE_KEY)",
    )
    .action(async (flags: ProxyFlags) => {
      await runProxy(flags)
    })
}

/** Starts the proxy from CLI flags and keeps it running until SIGINT/SIGTERM. */
export async function runProxy(flags: ProxyFlags): Promise<void> {
  const config = roleConfig(flags)
  const port = rolePort(flags, 8092)
  if (config.clients.length === 0)
    throw new WxConfigError(
      'clients: no client may call the proxy — add {"name", "key", "accounts", "allow"} to "clients" in --config',
      'clients',
    )
  const dataDir = resolve(config.dataDir)
  mkdirSync(dataDir, { recursive: true })

  const tokens = tokensFor(flags, config, dataDir)
  const audit = createWriteStream(join(dataDir, 'proxy-audit.jsonl'), { flags: 'a' })
  const proxy = createProxy({
    config,
    tokens: tokens.source,
    apiBase: config.apiBase,
    ...(config.redisUrl === undefined
      ? { store: join(dataDir, 'proxy.sqlite') }
      : { redis: config.redisUrl }),
    audit: jsonLinesAudit(audit),
  })
  const served = await serveProxy(proxy, { host: config.host, port })
  const lines = [
    `wxmp proxy listening on ${served.url}`,
    `  upstream ${config.apiBase} · tokens ${tokens.where} · state ${config.redisUrl === undefined ? join(dataDir, 'proxy.sqlite') : 'redis'}`,
    ...config.clients.map(
      (client) =>
        `  client ${client.name}: ${client.accounts.join(', ')} (${client.allow.join(' ')})`,
    ),
    `  audit log ${join(dataDir, 'proxy-audit.jsonl')}`,
    `  call WeChat's paths here with Authorization: Bearer <client key>; existing SDKs: this host + the key as their secret`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
  onShutdown(async () => {
    await served.close()
    await proxy.close()
    await tokens.close()
    await new Promise<void>((done) => audit.end(done))
  })
}

/** The proxy's token source: the remote service(s), or the token logic in-process. */
function tokensFor(
  flags: ProxyFlags,
  config: WxmpConfig,
  dataDir: string,
): { source: ProxyTokens; where: string; close(): Promise<void> } {
  if (flags.tokenService !== undefined) {
    const urls = flags.tokenService
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean)
    const clientKey = flags.tokenServiceKey ?? process.env.WXMP_TOKEN_SERVICE_KEY
    if (urls.length === 0)
      throw new WxConfigError('--token-service: give at least one URL', 'tokenService')
    if (clientKey === undefined)
      throw new WxConfigError(
        '--token-service-key: the proxy needs its client key at the token service (or WXMP_TOKEN_SERVICE_KEY)',
        'tokenServiceKey',
      )
    return {
      source: remoteTokens({ urls, clientKey }),
      where: urls.join(', '),
      close: async () => {},
    }
  }
  const missing = config.accounts.find((account) => account.secret === undefined)
  if (missing)
    throw new WxConfigError(
      `accounts: ${missing.appid} has no secret — without --token-service the proxy fetches tokens itself; set "secret" or pass --token-service`,
      'secret',
    )
  const store: TokenStore =
    config.redisUrl === undefined
      ? openSqliteTokenStore(join(dataDir, 'tokens.sqlite'))
      : openRedisTokenStore(config.redisUrl)
  const service = createTokenService({
    accounts: config.accounts.map((account) => ({ appid: account.appid, secret: account.secret })),
    store,
    apiBase: config.apiBase,
  })
  return {
    source: service,
    where: 'in-process',
    close: async () => {
      await service.close()
      await store.close()
    },
  }
}
