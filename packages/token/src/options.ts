/** Options of `createTokenService`, their defaults and the checks that tie the timeouts together. */
import { WxConfigError, systemClock } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import type { TokenMetrics } from './metrics.js'
import type { TokenStore } from './types.js'
import type { FetchLike, TokenMode } from './upstream.js'

/** One account the service holds credentials for (core's `AccountConfig` fits). */
export interface TokenAccount {
  readonly appid: string
  /** The AppSecret; an account without one is answered with a config error. */
  readonly secret?: string | undefined
}

/** One line of the service's log. Never carries a secret or a token. */
export interface TokenLogEntry {
  readonly level: 'info' | 'warn' | 'error'
  readonly msg: string
  readonly appid?: string
  readonly kind?: string
  readonly errcode?: number
}

/** What `createTokenService` takes. */
export interface TokenServiceOptions {
  readonly accounts: readonly TokenAccount[]
  /** Shared state: `openSqliteTokenStore(file)` or `openRedisTokenStore(url)`. Yours to close. */
  readonly store: TokenStore
  /** Default: the global fetch. Tests pass `emulator.fetch`. */
  readonly fetch?: FetchLike
  /** Default `https://api.weixin.qq.com`. */
  readonly apiBase?: string
  readonly clock?: Clock
  /** `stable` (default): `stable_token`; `classic`: `/cgi-bin/token`. */
  readonly mode?: TokenMode
  /** The refresh lock: its lease, and how often a waiter looks again (first and longest pause). */
  readonly lock?: { ttlMs?: number; pollMs?: number; maxPollMs?: number }
  /** Longest a caller waits for a credential; must exceed the lock's TTL. Default 15 s. */
  readonly waitTimeoutMs?: number
  /** Longest wait for one WeChat answer; must be below the lock's TTL. Default 5 s. */
  readonly upstreamTimeoutMs?: number
  /** Refresh ahead of expiry within this window (WeChat's 300 s overlap). Default 300 s. */
  readonly refreshWindowMs?: number
  /** Each instance starts its active refresh up to this much into the window. Default 60 s. */
  readonly jitterMs?: number
  /** Retry delays after WeChat fails: doubling from `initialMs` up to `maxMs`. */
  readonly backoff?: { initialMs?: number; maxMs?: number }
  /** After a config error (wrong secret), WeChat is asked again only this much later. Default 10 min. */
  readonly configRetryMs?: number
  /** Refresh each credential ahead of expiry on a timer (default true), not only on demand. */
  readonly activeTimers?: boolean
  /** Random numbers in [0, 1) for jitter; default `Math.random`. */
  readonly random?: () => number
  readonly log?: (entry: TokenLogEntry) => void
  /** Counters for `/metrics`; a new set by default. */
  readonly metrics?: TokenMetrics
  /** Names this instance in lock owners (debugging); random by default. */
  readonly instanceId?: string
}

/** Options with defaults applied. */
export interface ResolvedOptions {
  readonly accounts: ReadonlyMap<string, TokenAccount>
  readonly store: TokenStore
  readonly fetch: FetchLike
  readonly apiBase: string
  readonly clock: Clock
  readonly mode: TokenMode
  readonly lockTtlMs: number
  readonly pollMs: number
  readonly maxPollMs: number
  readonly waitTimeoutMs: number
  readonly upstreamTimeoutMs: number
  readonly refreshWindowMs: number
  readonly jitterMs: number
  readonly backoffInitialMs: number
  readonly backoffMaxMs: number
  readonly configRetryMs: number
  readonly activeTimers: boolean
  readonly random: () => number
  readonly log: (entry: TokenLogEntry) => void
}

/** Applies defaults; throws `WxConfigError` when the timeouts do not nest (upstream < lock < wait). */
export function resolveOptions(options: TokenServiceOptions): ResolvedOptions {
  const o: ResolvedOptions = {
    accounts: new Map(options.accounts.map((a) => [a.appid.toLowerCase(), a])),
    store: options.store,
    fetch: options.fetch ?? ((request) => fetch(request)),
    apiBase: (options.apiBase ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
    clock: options.clock ?? systemClock,
    mode: options.mode ?? 'stable',
    lockTtlMs: positive(options.lock?.ttlMs ?? 10_000, 'lock.ttlMs'),
    pollMs: positive(options.lock?.pollMs ?? 10, 'lock.pollMs'),
    maxPollMs: positive(options.lock?.maxPollMs ?? 250, 'lock.maxPollMs'),
    waitTimeoutMs: positive(options.waitTimeoutMs ?? 15_000, 'waitTimeoutMs'),
    upstreamTimeoutMs: positive(options.upstreamTimeoutMs ?? 5_000, 'upstreamTimeoutMs'),
    refreshWindowMs: positive(options.refreshWindowMs ?? 300_000, 'refreshWindowMs'),
    jitterMs: nonNegative(options.jitterMs ?? 60_000, 'jitterMs'),
    backoffInitialMs: positive(options.backoff?.initialMs ?? 1_000, 'backoff.initialMs'),
    backoffMaxMs: positive(options.backoff?.maxMs ?? 60_000, 'backoff.maxMs'),
    configRetryMs: positive(options.configRetryMs ?? 600_000, 'configRetryMs'),
    activeTimers: options.activeTimers ?? true,
    random: options.random ?? Math.random,
    log: options.log ?? (() => {}),
  }
  if (o.upstreamTimeoutMs >= o.lockTtlMs) {
    throw new WxConfigError(
      `token.upstreamTimeoutMs (${o.upstreamTimeoutMs}) must be below token.lock.ttlMs (${o.lockTtlMs}): a holder must finish its WeChat call before its lease ends`,
      'upstreamTimeoutMs',
    )
  }
  if (o.lockTtlMs >= o.waitTimeoutMs) {
    throw new WxConfigError(
      `token.lock.ttlMs (${o.lockTtlMs}) must be below token.waitTimeoutMs (${o.waitTimeoutMs}): a dead lock holder must delay callers, not fail them`,
      'lock.ttlMs',
    )
  }
  if (o.jitterMs >= o.refreshWindowMs) {
    throw new WxConfigError('token.jitterMs must be below token.refreshWindowMs', 'jitterMs')
  }
  return o
}

function positive(value: number, field: string): number {
  if (Number.isFinite(value) && value > 0) return value
  throw new WxConfigError(`token.${field} must be a positive number, got ${value}`, field)
}

function nonNegative(value: number, field: string): number {
  if (Number.isFinite(value) && value >= 0) return value
  throw new WxConfigError(`token.${field} must be zero or more, got ${value}`, field)
}
