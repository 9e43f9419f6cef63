/** What `createProxy` takes, and the defaults it applies. */
import { WxConfigError, systemClock } from '@wxmp/core'
import type { Clock, RateLimitConfig } from '@wxmp/core'
import { endpointById, HOST_NAMES } from '@wxmp/spec'
import type { Host } from '@wxmp/spec'
import type { Redis } from 'ioredis'
import type { AuditSink } from './audit.js'
import type { ProxyMetrics } from './metrics.js'
import { MemoryProxyState } from './state/memory.js'
import { openRedisProxyState } from './state/redis.js'
import { openSqliteProxyState } from './state/sqlite.js'
import type { ProxyState } from './state/types.js'
import type { ProxyTokens } from './tokens.js'

/** An account the proxy acts for (core's `AccountConfig` fits). */
export interface ProxyAccount {
  readonly appid: string
  /** Needed only for the OAuth code exchange (`appSecret` endpoints), which the proxy signs. */
  readonly secret?: string | undefined
  /** Calls per Beijing day by endpoint id, overriding the table's `quota.perDay`. */
  readonly dailyQuota?: Readonly<Record<string, number>> | undefined
}

/** A caller of the proxy (core's `ClientConfig` fits). */
export interface ProxyClient {
  readonly name: string
  readonly key: string
  readonly accounts: readonly string[]
  readonly allow: readonly string[]
  readonly rateLimit?: RateLimitConfig | undefined
}

/** One line of the proxy's operational log (never a secret or token). */
export interface ProxyLogEntry {
  readonly level: 'info' | 'warn' | 'error'
  readonly msg: string
  readonly client?: string
  readonly appid?: string
  readonly endpoint?: string
}

/** A web-standard fetch. */
export type FetchLike = (request: Request) => Promise<Response>

/** `createProxy` options. */
export interface ProxyOptions {
  /** Accounts and clients (core's configuration fits). */
  readonly config: {
    readonly accounts: readonly ProxyAccount[]
    readonly clients: readonly ProxyClient[]
  }
  /** The token service: `createTokenService(...)` in process, or `remoteTokens({ urls, … })`. */
  readonly tokens: ProxyTokens
  /**
   * Where WeChat is. Default: WeChat's own hosts. One URL (the emulator) serves every host, the
   * mp/open ones named in `x-wxmp-host`; a map gives a base per host.
   */
  readonly apiBase?: string | Readonly<Partial<Record<Host, string>>>
  /** Default: node:http(s), with the same behaviour as the global fetch (upstream-http.ts). */
  readonly fetch?: FetchLike
  /** For drop-in token expiry, rate windows and the Beijing day. Default: the system clock. */
  readonly clock?: Clock
  /** Shared state on Redis (a URL, or an ioredis client of yours): rate limits across instances. */
  readonly redis?: string | Redis
  /** Otherwise: a `ProxyState`, or a SQLite file path. Default: in memory. */
  readonly store?: ProxyState | string
  /** Rate-limit window. Default 60 s (limits are configured per minute). */
  readonly rateWindowMs?: number
  /** Share of a daily quota after which calls are flagged. Default 0.8. */
  readonly quotaWarnAt?: number
  /** Lifetime of a drop-in token, in seconds. Default 7200 (WeChat's). */
  readonly dropInTtlSeconds?: number
  /** Largest request body accepted (uploads included). Default 25 MiB. */
  readonly maxBodyBytes?: number
  /** Longest wait for WeChat's answer headers. Default 30 s. */
  readonly upstreamTimeoutMs?: number
  /** Told about every call (JSON lines via `jsonLinesAudit`). */
  readonly audit?: AuditSink
  readonly log?: (entry: ProxyLogEntry) => void
  /** Counters for `/metrics`; a new set by default. */
  readonly metrics?: ProxyMetrics
}

/** Where each host's calls go, and whether to name the host in `x-wxmp-host`. */
export interface UpstreamTarget {
  readonly base: string
  readonly hostHeader: boolean
}

const WECHAT: Readonly<Record<Host, string>> = {
  api: `https://${HOST_NAMES.api}`,
  mp: `https://${HOST_NAMES.mp}`,
  open: `https://${HOST_NAMES.open}`,
}

/** The base URL of `host` under `apiBase`. */
export function targetOf(host: Host, apiBase: ProxyOptions['apiBase']): UpstreamTarget {
  const trim = (s: string) => s.replace(/\/+$/, '')
  if (apiBase === undefined) return { base: WECHAT[host], hostHeader: false }
  if (typeof apiBase === 'string') {
    // The real API host serves only api routes; anything else is one base for every host.
    if (trim(apiBase) === WECHAT.api) return { base: WECHAT[host], hostHeader: false }
    return { base: trim(apiBase), hostHeader: host !== 'api' }
  }
  const own = apiBase[host]
  return { base: own === undefined ? WECHAT[host] : trim(own), hostHeader: false }
}

/** Opens the state the options ask for: Redis, else the given store or file, else memory. */
export function stateOf(options: ProxyOptions): { state: ProxyState; owned: boolean } {
  if (options.redis !== undefined) return { state: openRedisProxyState(options.redis), owned: true }
  if (typeof options.store === 'string')
    return { state: openSqliteProxyState(options.store), owned: true }
  if (options.store !== undefined) return { state: options.store, owned: false }
  return { state: new MemoryProxyState(), owned: true }
}

/** Checks what the schema cannot: quota ids and rate patterns name endpoints of the table. */
export function checkLimits(options: ProxyOptions): void {
  for (const account of options.config.accounts) {
    for (const id of Object.keys(account.dailyQuota ?? {})) {
      if (endpointById(id) === undefined)
        throw new WxConfigError(
          `accounts[${account.appid}].dailyQuota: "${id}" is not an endpoint id of the table`,
          'dailyQuota',
        )
    }
  }
  for (const client of options.config.clients) {
    for (const pattern of Object.keys(client.rateLimit?.endpoints ?? {})) {
      const known = pattern === '*' || pattern.endsWith('.*') || endpointById(pattern) !== undefined
      if (!known)
        throw new WxConfigError(
          `clients[${client.name}].rateLimit.endpoints: "${pattern}" names no endpoint of the table`,
          'rateLimit',
        )
    }
  }
}

/** The clock to use. */
export const clockOf = (options: ProxyOptions): Clock => options.clock ?? systemClock
