import type { Clock } from '@wxmp/core'
import { systemClock } from '@wxmp/core'
import type { WebhookResponse } from './http-types.js'
import type { Claim, DeliveryStore } from './delivery-store.js'

/** Limits of the in-memory delivery store. */
export interface MemoryDeliveryStoreOptions {
  /** Most entries kept per table; the oldest go first. Default 20,000. */
  maxEntries?: number
  /**
   * How long an entry is kept, ms. Default 300,000: WeChat retries within ~15 s, and a replayed
   * request older than the timestamp window (300 s by default) is refused before it gets here.
   */
  ttlMs?: number
  clock?: Clock
}

/** One remembered request or message. It doubles as the `new` claim, saving an allocation. */
class Entry {
  readonly status = 'new' as const
  response: WebhookResponse | undefined = undefined
  /** Resolvers of retries that arrived while the first attempt was still running; created lazily. */
  waiters: Array<(r: WebhookResponse) => void> | undefined = undefined

  constructor(
    readonly key: string,
    readonly at: number,
    readonly fingerprint: number,
  ) {}

  settle(response: WebhookResponse): void {
    if (this.response !== undefined) return
    this.response = response
    const waiters = this.waiters
    if (waiters !== undefined) {
      this.waiters = undefined
      for (const resolve of waiters) resolve(response)
    }
  }
}

/**
 * A bounded table with first-in-first-out eviction and an age limit. Eviction order is kept in a
 * ring of entries beside the Map, not read from the Map: iterating a Map from its oldest key
 * walks over every tombstone left by earlier deletions, which made eviction cost grow with the
 * table (measured: a third of the webhook's time at 20k entries).
 */
class BoundedTable {
  readonly #map = new Map<string, Entry>()
  readonly #ring: Array<Entry | undefined>
  #head = 0 // oldest slot
  #count = 0
  readonly #ttl: number
  readonly #clock: Clock

  constructor(max: number, ttl: number, clock: Clock) {
    this.#ring = new Array<Entry | undefined>(Math.max(1, max)).fill(undefined)
    this.#ttl = ttl
    this.#clock = clock
  }

  get size(): number {
    return this.#map.size
  }

  claim(key: string, fingerprint: number): Claim {
    const now = this.#clock.now()
    this.#expire(now)
    const found = this.#map.get(key)
    if (found !== undefined) {
      if (found.fingerprint !== fingerprint) return { status: 'replay' }
      if (found.response !== undefined) return { status: 'retry', response: found.response }
      const pending = new Promise<WebhookResponse>((resolve) =>
        (found.waiters ??= []).push(resolve),
      )
      return { status: 'retry', response: pending }
    }
    const entry = new Entry(key, now, fingerprint)
    const ring = this.#ring
    if (this.#count === ring.length) this.#dropOldest()
    ring[(this.#head + this.#count) % ring.length] = entry
    this.#count++
    this.#map.set(key, entry)
    return entry
  }

  /** Drops entries older than the TTL; they sit at the old end of the ring. */
  #expire(now: number): void {
    const ring = this.#ring
    while (this.#count > 0) {
      const oldest = ring[this.#head]!
      if (now - oldest.at <= this.#ttl) return
      this.#dropOldest()
    }
  }

  #dropOldest(): void {
    const ring = this.#ring
    const oldest = ring[this.#head]!
    ring[this.#head] = undefined
    this.#head = (this.#head + 1) % ring.length
    this.#count--
    // A retry waiting on an evicted in-flight entry still gets its answer: it holds the entry.
    if (this.#map.get(oldest.key) === oldest) this.#map.delete(oldest.key)
  }
}

/** The default delivery store: two bounded in-process tables. One webhook process only. */
export class MemoryDeliveryStore implements DeliveryStore {
  readonly #requests: BoundedTable
  readonly #messages: BoundedTable

  constructor(options: MemoryDeliveryStoreOptions = {}) {
    const max = options.maxEntries ?? 20_000
    const ttl = options.ttlMs ?? 300_000
    const clock = options.clock ?? systemClock
    this.#requests = new BoundedTable(max, ttl, clock)
    this.#messages = new BoundedTable(max, ttl, clock)
  }

  claimRequest(requestKey: string, fingerprint: number): Claim {
    return this.#requests.claim(requestKey, fingerprint)
  }

  claimMessage(messageKey: string): Claim {
    // Messages have no fingerprint: the same key is the same message, whatever the envelope.
    return this.#messages.claim(messageKey, 0)
  }

  size(): { requests: number; messages: number } {
    return { requests: this.#requests.size, messages: this.#messages.size }
  }
}
