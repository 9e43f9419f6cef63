/**
 * `wxmp token`: the AccessToken central-control service (中控服务器) on HTTP. Accounts and client
 * keys come from the shared configuration; the store is Redis when `WXMP_REDIS_URL` (or
 * `redisUrl`) is set, else an SQLite file in the data dir; upstream is `WXMP_API_BASE`.
 */
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Command } from 'commander'
import { WxConfigError } from '@wxmp/core'
import type { WxmpConfig } from '@wxmp/core'
import {
  createTokenService,
  openRedisTokenStore,
  openSqliteTokenStore,
  serveTokenService,
} from '@wxmp/token'
import type { TokenStore } from '@wxmp/token'
import { onShutdown } from '../shutdown.js'
import { roleConfig, rolePort } from './role-config.js'
import type { RoleFlags } from './role-config.js'

/** Flags of `wxmp token`. */
export interface TokenFlags extends RoleFlags {
  mode?: string
  lockTtlMs?: string
}

/** Registers `wxmp token`. */
export function registerTokenCommand(program: Command): void {
  program
    .command('token')
    .description('serve the AccessToken central-control service: one refresher per account')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default 8091)')
    .option('--config <file>', 'configuration file: its accounts and clients (keys, accounts)')
    .option('--data-dir <dir>', 'where the SQLite token store lives without Redis (default ./data)')
    .option('--mode <mode>', 'stable (stable_token, default) | classic (/cgi-bin/token)')
    .option(
      '--lock-ttl-ms <ms>',
      'refresh lock lease (default 10000): a dead holder delays callers this long at most',
    )
    .action(async (flags: TokenFlags) => {
      await runTokenService(flags)
    })
}

/** Starts the token service from CLI flags and keeps it running until SIGINT/SIGTERM. */
export async function runTokenService(flags: TokenFlags): Promise<void> {
  const config = roleConfig(flags)
  const mode = flags.mode ?? 'stable'
  if (mode !== 'stable' && mode !== 'classic')
    throw new WxConfigError(`--mode: "${mode}" is not stable or classic`, 'mode')
  const port = rolePort(flags, 8091)
  checkServable(config)
  const timing = lockTiming(flags.lockTtlMs)

  const { store, where } = openStore(config)
  const service = createTokenService({
    accounts: config.accounts.map((account) => ({ appid: account.appid, secret: account.secret })),
    store,
    apiBase: config.apiBase,
    mode,
    ...timing,
  })
  const served = await serveTokenService(service, {
    host: config.host,
    port,
    clients: config.clients,
  })
  const lines = [
    `wxmp token service listening on ${served.url}`,
    `  upstream ${config.apiBase} · ${mode === 'stable' ? 'stable_token' : '/cgi-bin/token'} · store ${where}`,
    ...config.accounts.map((account) => `  account ${account.appid}`),
    ...config.clients.map(
      (client) =>
        `  client ${client.name}: ${client.accounts.join(', ')} (${client.allow.join(' ')})`,
    ),
    `  GET ${served.url}/v1/accounts/{appid}/access-token with Authorization: Bearer <client key>`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
  onShutdown(async () => {
    await served.close()
    await service.close()
    await store.close()
  })
}

/**
 * The lease and the two timeouts around it, which must nest: a WeChat call ends before the lease
 * (half of it, at most 5 s), and a caller waits longer than a lease (three of them, at least 15 s).
 */
function lockTiming(flag: string | undefined): {
  lock?: { ttlMs: number }
  upstreamTimeoutMs?: number
  waitTimeoutMs?: number
} {
  if (flag === undefined) return {}
  const ttlMs = Number(flag)
  if (!Number.isInteger(ttlMs) || ttlMs < 100)
    throw new WxConfigError(
      `--lock-ttl-ms: "${flag}" is not a whole number of at least 100`,
      'lock.ttlMs',
    )
  return {
    lock: { ttlMs },
    upstreamTimeoutMs: Math.min(5000, Math.floor(ttlMs / 2)),
    waitTimeoutMs: Math.max(15_000, ttlMs * 3),
  }
}

/** The service needs accounts with secrets and at least one client key to be of any use. */
function checkServable(config: WxmpConfig): void {
  if (config.accounts.length === 0)
    throw new WxConfigError(
      'accounts: the token service needs at least one account (WXMP_APPID/WXMP_SECRET or "accounts" in --config)',
      'accounts',
    )
  const missing = config.accounts.find((account) => account.secret === undefined)
  if (missing)
    throw new WxConfigError(
      `accounts: ${missing.appid} has no secret — the token service fetches its tokens; set WXMP_SECRET or "secret" in the config file`,
      'secret',
    )
  if (config.clients.length === 0)
    throw new WxConfigError(
      'clients: no client may call the token service — add {"name", "key", "accounts", "allow": ["token.get"]} to "clients" in --config',
      'clients',
    )
}

function openStore(config: WxmpConfig): { store: TokenStore; where: string } {
  if (config.redisUrl !== undefined)
    return { store: openRedisTokenStore(config.redisUrl), where: 'redis' }
  const dir = resolve(config.dataDir)
  mkdirSync(dir, { recursive: true })
  const file = join(dir, 'tokens.sqlite')
  return { store: openSqliteTokenStore(file), where: file }
}
