/**
 * The proxy's state in Redis (several machines): sessions, rate windows and the quota ledger
 * are shared by every instance. Check-and-count happens in one Lua script, so two instances
 * can never both take the last call of a window or of a day.
 */
import { Redis } from 'ioredis'
import type {
  DropInSession,
  ProxyState,
  QuotaOutcome,
  RateLimit,
  RateOutcome,
  WindowPosition,
} from './types.js'

/** The default key prefix: `wxmp:proxy:…`. */
export const DEFAULT_PROXY_PREFIX = 'wxmp:proxy'

// KEYS: previous and current window counter of each limit, in pairs. ARGV: fraction of the
// current window elapsed, counter TTL (ms), then each limit. Answers {0,0,0} when counted, else
// {i, prev, curr} of the first limit that refused (nothing counted).
const TAKE_RATE = `
local fraction = tonumber(ARGV[1])
local n = #KEYS / 2
for i = 1, n do
  local prev = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  local curr = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  if prev * (1 - fraction) + curr + 1 > tonumber(ARGV[2 + i]) then
    return {i, prev, curr}
  end
end
for i = 1, n do
  redis.call('INCR', KEYS[2 * i])
  redis.call('PEXPIRE', KEYS[2 * i], ARGV[2])
end
return {0, 0, 0}
`

// KEYS[1]: the account's ledger hash of one day. ARGV: endpoint, limit, TTL (ms).
const TAKE_QUOTA = `
local used = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if used >= tonumber(ARGV[2]) then return {0, used} end
used = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, used}
`

// A ledger outlives its Beijing day by a day, whatever the time zones of the instances.
const LEDGER_TTL_MS = 48 * 3600_000

/** What `openRedisProxyState` takes besides the connection. */
export interface RedisProxyStateOptions {
  /** Key prefix; default `wxmp:proxy`. */
  readonly prefix?: string
}

/** Proxy state in Redis; `openRedisProxyState(url | client)`. */
export class RedisProxyState implements ProxyState {
  readonly name = 'redis'
  readonly sharedRates = true
  /** The key prefix. */
  readonly prefix: string
  readonly #redis: Redis
  readonly #owned: boolean

  constructor(redis: Redis, prefix: string, owned: boolean) {
    this.#redis = redis
    this.prefix = prefix
    this.#owned = owned
  }

  /** See `ProxyState.putSession`: a key that expires with the session. */
  async putSession(hash: string, session: DropInSession, now: number): Promise<void> {
    const ttl = Math.max(1, Math.ceil(session.expiresAt - now))
    await this.#redis.set(`${this.prefix}:session:${hash}`, JSON.stringify(session), 'PX', ttl)
  }

  /** See `ProxyState.getSession`. */
  async getSession(hash: string, now: number): Promise<DropInSession | undefined> {
    const raw = await this.#redis.get(`${this.prefix}:session:${hash}`)
    if (raw === null) return undefined
    const session = JSON.parse(raw) as DropInSession
    // The key's own TTL runs on the Redis clock; the proxy's clock has the last word.
    return session.expiresAt > now ? session : undefined
  }

  /** See `ProxyState.takeRate`; the client name is a cluster hash tag, so one slot holds all. */
  async takeRate(
    group: string,
    limits: readonly RateLimit[],
    at: WindowPosition,
  ): Promise<RateOutcome> {
    if (limits.length === 0) return { allowed: true }
    const keys = limits.flatMap((l) => [
      `${this.prefix}:rate:{${group}}:${l.name}:${at.index - 1}`,
      `${this.prefix}:rate:{${group}}:${l.name}:${at.index}`,
    ])
    const ttl = Math.ceil(at.windowMs * 2)
    const args = [String(at.fraction), String(ttl), ...limits.map((l) => String(l.limit))]
    const [i, prev, curr] = (await this.#redis.eval(TAKE_RATE, keys.length, ...keys, ...args)) as [
      number,
      number,
      number,
    ]
    if (i === 0) return { allowed: true }
    return { allowed: false, index: i - 1, prev, curr }
  }

  /** See `ProxyState.takeQuota`. */
  async takeQuota(
    appid: string,
    endpoint: string,
    day: string,
    limit: number,
  ): Promise<QuotaOutcome> {
    const [ok, used] = (await this.#redis.eval(
      TAKE_QUOTA,
      1,
      this.#ledger(appid, day),
      endpoint,
      String(limit),
      String(LEDGER_TTL_MS),
    )) as [number, number]
    return { allowed: ok === 1, used }
  }

  /** See `ProxyState.quotaUsed`. */
  async quotaUsed(appid: string, endpoint: string, day: string): Promise<number> {
    return Number((await this.#redis.hget(this.#ledger(appid, day), endpoint)) ?? 0)
  }

  /** See `ProxyState.resetQuota`. */
  async resetQuota(appid: string, day: string): Promise<void> {
    await this.#redis.del(this.#ledger(appid, day))
  }

  /** Closes the connection if this state opened it. */
  async close(): Promise<void> {
    if (this.#owned) await this.#redis.quit()
  }

  #ledger(appid: string, day: string): string {
    return `${this.prefix}:quota:{${appid}}:${day}`
  }
}

/**
 * Opens the proxy's state on Redis: a URL (the connection is closed with the state) or an
 * ioredis client of yours (left open).
 *
 * @example
 * const state = openRedisProxyState(config.redisUrl)
 */
export function openRedisProxyState(
  redis: string | Redis,
  options: RedisProxyStateOptions = {},
): RedisProxyState {
  const prefix = options.prefix ?? DEFAULT_PROXY_PREFIX
  if (typeof redis === 'string') return new RedisProxyState(new Redis(redis), prefix, true)
  return new RedisProxyState(redis, prefix, false)
}
