import { Redis } from 'ioredis'
import type {
  CredentialKind,
  CredentialSource,
  ForceRefreshLimits,
  ForceRefreshUsage,
  RefreshRecord,
  StoredFailure,
  StoredState,
  TokenStore,
} from '../types.js'
import { HISTORY_LENGTH } from '../types.js'
import { ACQUIRE, INVALIDATE, RELEASE, RENEW, TAKE_FORCE, WRITE } from './redis-scripts.js'

/** The default key prefix: keys are `wxmp:token:{<appid>}:<what>`. */
export const DEFAULT_REDIS_PREFIX = 'wxmp:token'

const SCRIPTS = {
  wxmpTokenAcquire: { lua: ACQUIRE, numberOfKeys: 2 },
  wxmpTokenRelease: { lua: RELEASE, numberOfKeys: 1 },
  wxmpTokenRenew: { lua: RENEW, numberOfKeys: 1 },
  wxmpTokenWrite: { lua: WRITE, numberOfKeys: 2 },
  wxmpTokenInvalidate: { lua: INVALIDATE, numberOfKeys: 1 },
  wxmpTokenTakeForce: { lua: TAKE_FORCE, numberOfKeys: 1 },
} as const

type ScriptName = keyof typeof SCRIPTS
type ScriptCaller = (...args: Array<string | number>) => Promise<unknown>

/**
 * The token store in Redis, for several machines. The lock is `SET lock owner PX ttl NX`
 * released and renewed by compare-and-delete / compare-and-PEXPIRE scripts: it expires on the
 * Redis server's clock, the one clock every instance agrees on. Fences come from an INCR
 * counter taken in the same script, and credential writes compare against it.
 */
export class RedisTokenStore implements TokenStore {
  readonly name = 'redis'
  /** The key prefix. */
  readonly prefix: string
  readonly #redis: Redis
  readonly #owned: boolean

  constructor(redis: Redis, prefix: string, owned: boolean) {
    this.#redis = redis
    this.prefix = prefix
    this.#owned = owned
    for (const [name, definition] of Object.entries(SCRIPTS)) {
      redis.defineCommand(name, definition)
    }
  }

  /** The key of `what` for `appid`; the braces make the AppID a cluster hash tag. */
  key(appid: string, what: string): string {
    return `${this.prefix}:{${appid}}:${what}`
  }

  /** See `TokenStore.read`. */
  async read(appid: string, kind: CredentialKind): Promise<StoredState | undefined> {
    const hash = await this.#redis.hgetall(this.key(appid, kind))
    if (Object.keys(hash).length === 0) return undefined
    const failure =
      hash.failure === undefined ? undefined : (JSON.parse(hash.failure) as StoredFailure)
    if (hash.value === undefined) return { failure }
    return {
      credential: {
        value: hash.value,
        expiresAt: Number(hash.expiresAt),
        fetchedAt: Number(hash.fetchedAt),
        source: (hash.source ?? 'stable') as CredentialSource,
        rejected: hash.rejected === '1',
      },
      failure,
    }
  }

  /** See `TokenStore.write`. */
  async write(
    appid: string,
    kind: CredentialKind,
    state: StoredState,
    fence: number,
  ): Promise<boolean> {
    const fields: string[] = []
    const c = state.credential
    if (c) {
      fields.push('value', c.value, 'expiresAt', String(c.expiresAt))
      fields.push('fetchedAt', String(c.fetchedAt), 'source', c.source)
      fields.push('rejected', c.rejected ? '1' : '0')
    }
    if (state.failure) fields.push('failure', JSON.stringify(state.failure))
    const keys = [this.key(appid, kind), this.key(appid, `${kind}:fence`)]
    return (await this.#call('wxmpTokenWrite', ...keys, fence, ...fields)) === 1
  }

  /** See `TokenStore.invalidate`. */
  async invalidate(appid: string, kind: CredentialKind, stale: string): Promise<boolean> {
    return (await this.#call('wxmpTokenInvalidate', this.key(appid, kind), stale)) === 1
  }

  /** See `TokenStore.acquire`; `now` is unused: the lease runs on the server's clock. */
  async acquire(
    appid: string,
    kind: CredentialKind,
    owner: string,
    ttlMs: number,
  ): Promise<number | undefined> {
    const keys = [this.key(appid, `${kind}:lock`), this.key(appid, `${kind}:fence`)]
    const fence = Number(await this.#call('wxmpTokenAcquire', ...keys, owner, Math.ceil(ttlMs)))
    return fence > 0 ? fence : undefined
  }

  /** See `TokenStore.renew`. */
  async renew(appid: string, kind: CredentialKind, owner: string, ttlMs: number): Promise<boolean> {
    const key = this.key(appid, `${kind}:lock`)
    return (await this.#call('wxmpTokenRenew', key, owner, Math.ceil(ttlMs))) === 1
  }

  /** See `TokenStore.release`. */
  async release(appid: string, kind: CredentialKind, owner: string): Promise<boolean> {
    return (await this.#call('wxmpTokenRelease', this.key(appid, `${kind}:lock`), owner)) === 1
  }

  /** See `TokenStore.takeForceRefresh`. */
  async takeForceRefresh(appid: string, limits: ForceRefreshLimits): Promise<boolean> {
    const { day, now, perDay, spacingMs } = limits
    const key = this.key(appid, 'force')
    return (await this.#call('wxmpTokenTakeForce', key, day, now, perDay, spacingMs)) === 1
  }

  /** See `TokenStore.forceRefreshUsage`. */
  async forceRefreshUsage(appid: string, day: string): Promise<ForceRefreshUsage> {
    const hash = await this.#redis.hgetall(this.key(appid, 'force'))
    return {
      day,
      used: hash.day === day ? Number(hash.used ?? 0) : 0,
      lastAt: hash.lastAt === undefined ? undefined : Number(hash.lastAt),
    }
  }

  /** See `TokenStore.recordRefresh`. */
  async recordRefresh(appid: string, record: RefreshRecord): Promise<void> {
    const key = this.key(appid, 'history')
    await this.#redis
      .multi()
      .lpush(key, JSON.stringify(record))
      .ltrim(key, 0, HISTORY_LENGTH - 1)
      .exec()
  }

  /** See `TokenStore.refreshHistory`. */
  async refreshHistory(appid: string): Promise<RefreshRecord[]> {
    const rows = await this.#redis.lrange(this.key(appid, 'history'), 0, HISTORY_LENGTH - 1)
    return rows.map((row) => JSON.parse(row) as RefreshRecord)
  }

  /** Disconnects, if this store made the connection. */
  async close(): Promise<void> {
    if (this.#owned && this.#redis.status !== 'end') await this.#redis.quit()
  }

  #call(name: ScriptName, ...args: Array<string | number>): Promise<unknown> {
    // defineCommand adds the method at run time; the type system cannot see it.
    const fn = (this.#redis as unknown as Record<ScriptName, ScriptCaller>)[name]
    return fn.call(this.#redis, ...args)
  }
}

/** Options of `openRedisTokenStore`. */
export interface RedisTokenStoreOptions {
  /** Key prefix; default `wxmp:token`. Give each deployment (or test) its own. */
  prefix?: string
}

/**
 * Opens the Redis token store on `redis`: a `redis://` URL (the store owns the connection and
 * closes it) or an ioredis client you manage.
 *
 * @example
 * const store = openRedisTokenStore(process.env.WXMP_REDIS_URL!)
 */
export function openRedisTokenStore(
  redis: string | Redis,
  options: RedisTokenStoreOptions = {},
): RedisTokenStore {
  const prefix = options.prefix ?? DEFAULT_REDIS_PREFIX
  if (typeof redis === 'string') {
    const client = new Redis(redis, { maxRetriesPerRequest: 2, enableAutoPipelining: true })
    return new RedisTokenStore(client, prefix, true)
  }
  return new RedisTokenStore(redis, prefix, false)
}
