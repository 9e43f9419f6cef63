import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import type * as IoRedis from 'ioredis'
import type { Redis } from 'ioredis'
import { systemClock, type Clock } from '@wxmp/core'
import type { Claim, DeliveryStore } from '../delivery-store.js'
import type { WebhookResponse } from '../http-types.js'
import { decodeClaim, encodePending, encodeSettled } from './claim-value.js'
import { CLAIM, COUNT, RELEASE, RENEW, SETTLE } from './redis-delivery-scripts.js'
import { SettleWaits } from './settle-waits.js'

/** The default key prefix: claims are `wxmp:webhook:{<appid>}:req:…` and `…:msg:…`. */
export const DEFAULT_WEBHOOK_REDIS_PREFIX = 'wxmp:webhook'

/** Options of `openRedisDeliveryStore`. */
export interface RedisDeliveryStoreOptions {
  /** Key prefix; default `wxmp:webhook`. Instances that share retries must share it. */
  prefix?: string
  /** How long a request (`appid|timestamp|nonce`) is remembered, ms. Default 300,000 (the timestamp window). */
  requestTtlMs?: number
  /** How long a message (its dedupe key) is remembered, ms. Default 300,000. */
  messageTtlMs?: number
  /**
   * Longest time a retry waits for a first attempt still running, ms; then it is answered
   * `success`, as the first attempt itself would be at its deadline. Default 5,000: WeChat hangs
   * up after 5 s, so an answer later than that reaches nobody.
   */
  waitMs?: number
  /**
   * The lease of a running first attempt, ms, renewed every third of it while the attempt lives.
   * When its instance dies, the claim lapses after this and WeChat's next retry runs the handler.
   * Default 6,000: a crash at the first attempt is recovered by WeChat's second retry (~10 s).
   */
  leaseMs?: number
  /** How often a waiting retry re-reads the claim, ms (pub/sub is the fast path). Default 250. */
  pollMs?: number
  /** Times the retry waits and polls (leases and TTLs run on the Redis server's clock). */
  clock?: Clock
  /** Redis errors that no caller can be told of (a settle or renewal that failed). Default: a process warning. */
  onError?: (err: unknown) => void
}

type ScriptName =
  | 'wxmpWebhookClaim'
  | 'wxmpWebhookSettle'
  | 'wxmpWebhookRelease'
  | 'wxmpWebhookRenew'
  | 'wxmpWebhookCount'
type ScriptCaller = (...args: Array<string | number>) => Promise<unknown>
type Table = 'req' | 'msg'

const SCRIPTS: Record<ScriptName, { lua: string; numberOfKeys: number }> = {
  wxmpWebhookClaim: { lua: CLAIM, numberOfKeys: 1 },
  wxmpWebhookSettle: { lua: SETTLE, numberOfKeys: 1 },
  wxmpWebhookRelease: { lua: RELEASE, numberOfKeys: 1 },
  wxmpWebhookRenew: { lua: RENEW, numberOfKeys: 1 },
  wxmpWebhookCount: { lua: COUNT, numberOfKeys: 1 },
}

/** Counter buckets per TTL: `size()` is exact to within one bucket's worth of claims. */
const BUCKETS = 30

/**
 * The delivery store in Redis, shared by every webhook instance behind one URL, so that a WeChat
 * retry landing on another instance still runs no handler twice and gets the first reply.
 *
 * A claim is one string key taken with `SET NX PX`: while the first attempt runs it holds the
 * owner's token and the body fingerprint under a short, renewed lease; `settle` replaces it with
 * the answer for the rest of the TTL and publishes the answer on the key's channel, where retries
 * on any instance wait for it. Time that matters to several instances (leases, TTLs) runs on the
 * Redis server's clock.
 */
export class RedisDeliveryStore implements DeliveryStore {
  /** The key prefix. */
  readonly prefix: string
  readonly #redis: Redis
  readonly #owned: boolean
  readonly #ttl: Record<Table, number>
  readonly #leaseMs: number
  readonly #onError: (err: unknown) => void
  readonly #waits: SettleWaits
  readonly #instance = randomBytes(6).toString('hex')
  readonly #running = new Set<RedisClaim>()
  #seq = 0
  #closed = false
  #sizes = { requests: 0, messages: 0 }
  #sizesAt = -Infinity
  #sizing: Promise<unknown> | undefined
  /** Writes nobody awaits (settles, renewals, counters); `close()` lets them finish first. */
  readonly #background = new Set<Promise<unknown>>()

  constructor(redis: Redis, owned: boolean, options: RedisDeliveryStoreOptions = {}) {
    this.#redis = redis
    this.#owned = owned
    this.prefix = options.prefix ?? DEFAULT_WEBHOOK_REDIS_PREFIX
    this.#ttl = { req: options.requestTtlMs ?? 300_000, msg: options.messageTtlMs ?? 300_000 }
    this.#leaseMs = options.leaseMs ?? 6000
    this.#onError =
      options.onError ??
      ((err) => process.emitWarning(`wxmp webhook redis store: ${describe(err)}`))
    this.#waits = new SettleWaits(() => redis.duplicate({ enableAutoPipelining: false }), {
      clock: options.clock ?? systemClock,
      waitMs: options.waitMs ?? 5000,
      pollMs: options.pollMs ?? 250,
      onError: this.#onError,
    })
    for (const [name, definition] of Object.entries(SCRIPTS)) redis.defineCommand(name, definition)
    // Without a listener ioredis prints a stack trace per failed reconnect. Report a connection
    // error once per distinct message; calls that fail because of it reject on their own.
    redis.on('error', (err: unknown) => {
      const message = describe(err)
      if (message !== this.#lastError) this.#onError(err)
      this.#lastError = message
    })
    redis.on('ready', () => (this.#lastError = undefined))
  }

  /** The last connection error's message, until the connection is ready again. */
  #lastError: string | undefined

  /**
   * Resolves once Redis answers a PING; rejects, naming the cause, if it does not within
   * `timeoutMs`. A webhook checks this before it starts listening: a push that cannot be claimed
   * is answered 503 and left to WeChat's retries, which is no way to learn of a wrong URL.
   */
  async ready(timeoutMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)
    })
    try {
      await Promise.race([this.#redis.ping(), timeout])
    } catch (err) {
      // "max retries per request" says less than the connection error behind it.
      throw new Error(this.#lastError ?? describe(err), { cause: err })
    } finally {
      clearTimeout(timer)
    }
  }

  /** The Redis key of `appid|rest` in `table`; the braces make the AppID a cluster hash tag. */
  key(table: Table, composite: string): string {
    const bar = composite.indexOf('|')
    const appid = bar === -1 ? '' : composite.slice(0, bar)
    return `${this.prefix}:{${appid}}:${table}:${composite.slice(bar + 1)}`
  }

  /** See `DeliveryStore.claimRequest`. Rejects when Redis cannot be reached. */
  claimRequest(requestKey: string, fingerprint: number): Promise<Claim> {
    return this.#claim('req', requestKey, fingerprint)
  }

  /** See `DeliveryStore.claimMessage`. Rejects when Redis cannot be reached. */
  claimMessage(messageKey: string): Promise<Claim> {
    return this.#claim('msg', messageKey, 0)
  }

  /**
   * Claims taken within the last TTL, as last counted (all instances together). Synchronous for
   * the metrics page: it answers the previous count and refreshes it in the background.
   */
  size(): { requests: number; messages: number } {
    if (performance.now() - this.#sizesAt > 1000 && this.#sizing === undefined && !this.#closed) {
      this.#sizing = this.sizes()
        .catch((err: unknown) => this.#onError(err))
        .finally(() => (this.#sizing = undefined))
    }
    return { ...this.#sizes }
  }

  /** Counts the claims taken within the last TTL (from per-interval counters, not a key scan). */
  async sizes(): Promise<{ requests: number; messages: number }> {
    const [requests, messages] = await Promise.all([this.#countLive('req'), this.#countLive('msg')])
    this.#sizes = { requests, messages }
    this.#sizesAt = performance.now()
    return { ...this.#sizes }
  }

  /** Stops lease renewals, answers waiting retries `success`, and closes the connections it opened. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    for (const claim of this.#running) claim.stop()
    this.#running.clear()
    await this.#waits.close()
    await this.#sizing
    await Promise.allSettled([...this.#background])
    if (this.#owned && this.#redis.status !== 'end')
      await this.#redis.quit().catch(() => this.#redis.disconnect())
  }

  async #claim(table: Table, composite: string, fingerprint: number): Promise<Claim> {
    if (this.#closed) throw new Error('the Redis delivery store is closed')
    const key = this.key(table, composite)
    const ttl = this.#ttl[table]
    const owner = `${this.#instance}:${++this.#seq}`
    const pending = encodePending(owner, fingerprint)
    const held = (await this.#call('wxmpWebhookClaim', key, pending, this.#lease(ttl))) as
      string | null
    if (held === null) {
      this.#count(table, ttl)
      const claim = new RedisClaim(this.#hooks(key, owner, pending, fingerprint, ttl), ttl)
      // Renew the lease while the attempt runs; a store closed meanwhile renews nothing.
      if (this.#closed) claim.stop()
      else this.#running.add(claim.start(this.#leaseMs))
      return claim
    }
    const first = decodeClaim(held)
    if (first.fingerprint !== fingerprint) return { status: 'replay' }
    if (first.response !== undefined) return { status: 'retry', response: first.response }
    const read = async (): Promise<WebhookResponse | undefined> => {
      const now = await this.#redis.get(key)
      return now === null ? undefined : decodeClaim(now).response
    }
    return { status: 'retry', response: this.#waits.wait(channelOf(key), read) }
  }

  #hooks(
    key: string,
    owner: string,
    pending: string,
    fingerprint: number,
    ttl: number,
  ): ClaimHooks {
    const channel = channelOf(key)
    // Hands `response` to retries waiting in this process (no round trip); returns its stored
    // form, or undefined once the store is closed.
    const answer = (response: WebhookResponse): string | undefined => {
      this.#waits.deliver(channel, response)
      return this.#closed ? undefined : encodeSettled(owner, fingerprint, response)
    }
    return {
      renew: () => {
        this.#inBackground(this.#call('wxmpWebhookRenew', key, pending, this.#lease(ttl)))
      },
      store: (response, remainingMs) => {
        const settled = answer(response)
        if (settled === undefined) return
        const ttlLeft = Math.max(1, Math.ceil(remainingMs))
        this.#inBackground(this.#call('wxmpWebhookSettle', key, pending, settled, ttlLeft, channel))
      },
      release: (response) => {
        const released = answer(response)
        if (released === undefined) return
        this.#inBackground(this.#call('wxmpWebhookRelease', key, pending, released, channel))
      },
      done: (claim) => this.#running.delete(claim),
    }
  }

  #lease(ttl: number): number {
    return Math.max(1, Math.min(this.#leaseMs, ttl))
  }

  #bucketMs(table: Table): number {
    return Math.max(1000, Math.ceil(this.#ttl[table] / BUCKETS))
  }

  #countKey(table: Table, bucket: number): string {
    // One hash tag for all counters, so MGET over them works on a cluster too.
    return `${this.prefix}:{counts}:${table}:${bucket}`
  }

  #count(table: Table, ttl: number): void {
    const width = this.#bucketMs(table)
    const key = this.#countKey(table, Math.floor(Date.now() / width))
    this.#inBackground(this.#call('wxmpWebhookCount', key, ttl + 2 * width))
  }

  #inBackground(write: Promise<unknown>): void {
    const tracked = write
      .catch((err: unknown) => this.#onError(err))
      .finally(() => this.#background.delete(tracked))
    this.#background.add(tracked)
  }

  async #countLive(table: Table): Promise<number> {
    const width = this.#bucketMs(table)
    const last = Math.floor(Date.now() / width)
    const first = Math.floor((Date.now() - this.#ttl[table]) / width)
    const keys: string[] = []
    for (let b = first; b <= last; b++) keys.push(this.#countKey(table, b))
    const counts = await this.#redis.mget(...keys)
    return counts.reduce((sum, n) => sum + Number(n ?? 0), 0)
  }

  #call(name: ScriptName, ...args: Array<string | number>): Promise<unknown> {
    // defineCommand adds the method at run time; the type system cannot see it.
    const fn = (this.#redis as unknown as Record<ScriptName, ScriptCaller>)[name]
    return fn.call(this.#redis, ...args)
  }
}

/** What a running claim asks of its store. */
interface ClaimHooks {
  renew(): void
  store(response: WebhookResponse, remainingMs: number): void
  release(response: WebhookResponse): void
  done(claim: RedisClaim): void
}

/** A first attempt in flight: renews its lease until settled (or its TTL is over). */
class RedisClaim {
  readonly status = 'new' as const
  readonly #hooks: ClaimHooks
  readonly #ttl: number
  readonly #startedAt = performance.now()
  #timer: NodeJS.Timeout | undefined
  #settled = false

  constructor(hooks: ClaimHooks, ttl: number) {
    this.#hooks = hooks
    this.#ttl = ttl
  }

  /** Starts renewing the lease, every third of it. */
  start(leaseMs: number): this {
    // Real time, not the store's clock: the lease runs out on the Redis server's clock.
    this.#timer = setInterval(() => this.#renew(), Math.max(1, leaseMs / 3))
    this.#timer.unref()
    return this
  }

  /** Stores the answer (once) for retries on every instance. */
  settle(response: WebhookResponse): void {
    if (this.#end()) this.#hooks.store(response, this.#ttl - (performance.now() - this.#startedAt))
  }

  /** Gives the claim up unanswered (see `Claim`); a no-op once settled. */
  release(response: WebhookResponse): void {
    if (this.#end()) this.#hooks.release(response)
  }

  /** Ends the claim (and its lease renewals) once: false if it was already ended. */
  #end(): boolean {
    if (this.#settled) return false
    this.#settled = true
    this.stop()
    return true
  }

  /** Stops renewing the lease. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer)
    this.#timer = undefined
    this.#hooks.done(this)
  }

  #renew(): void {
    // A claim never settled (its request failed mid-way) keeps no lease past the TTL.
    if (performance.now() - this.#startedAt >= this.#ttl) return this.stop()
    this.#hooks.renew()
  }
}

function channelOf(key: string): string {
  return `${key}:settled`
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/**
 * Opens the Redis delivery store on `redis`: a `redis://` URL (the store owns the connection and
 * closes it) or an ioredis client you manage. Either way the store opens one more connection of
 * its own for pub/sub, on the first retry that has to wait, and closes it in `close()`.
 *
 * @example
 * const wh = createWebhook({ accounts, deliveryStore: openRedisDeliveryStore(process.env.WXMP_REDIS_URL!) })
 */
export function openRedisDeliveryStore(
  redis: string | Redis,
  options: RedisDeliveryStoreOptions = {},
): RedisDeliveryStore {
  if (typeof redis === 'string') {
    // ioredis is loaded only here: it adds ~20 MB of RSS to every webhook process that
    // imports @wxmp/webhook, and most run without Redis. It is CommonJS, so require() works.
    const { Redis: RedisClient } = createRequire(import.meta.url)('ioredis') as typeof IoRedis
    const client = new RedisClient(redis, { maxRetriesPerRequest: 2, enableAutoPipelining: true })
    return new RedisDeliveryStore(client, true, options)
  }
  return new RedisDeliveryStore(redis, false, options)
}
