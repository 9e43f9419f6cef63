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

interface Entry {
  at: number
  fingerprint: string
  response: WebhookResponse | undefined
  /** Resolvers of retries that arrived while the first attempt was still running; created lazily. */
  waiters: Array<(r: WebhookResponse) => void> | undefined
}

/** A bounded map with insertion-order eviction and an age limit. */
class BoundedTable {
  readonly #map = new Map<string, Entry>()
  readonly #max: number
  readonly #ttl: number
  readonly #clock: Clock
  #inserts = 0

  constructor(max: number, ttl: number, clock: Clock) {
    this.#max = max
    this.#ttl = ttl
    this.#clock = clock
  }

  get size(): number {
    return this.#map.size
  }

  claim(key: string, fingerprint: string): Claim {
    const now = this.#clock.now()
    const found = this.#map.get(key)
    if (found !== undefined && now - found.at <= this.#ttl) {
      if (found.fingerprint !== fingerprint) return { status: 'replay' }
      if (found.response !== undefined) return { status: 'retry', response: found.response }
      const pending = new Promise<WebhookResponse>((resolve) => (found.waiters ??= []).push(resolve))
      return { status: 'retry', response: pending }
    }
    const entry: Entry = { at: now, fingerprint, response: undefined, waiters: undefined }
    if (found !== undefined) this.#map.delete(key) // expired: re-insert at the young end
    this.#map.set(key, entry)
    this.#evict(now)
    return {
      status: 'new',
      settle(response: WebhookResponse) {
        if (entry.response !== undefined) return
        entry.response = response
        const waiters = entry.waiters
        if (waiters !== undefined) {
          entry.waiters = undefined
          for (const resolve of waiters) resolve(response)
        }
      },
    }
  }

  #evict(now: number): void {
    const map = this.#map
    if (map.size > this.#max) {
      const oldest = map.keys().next()
      if (oldest.done !== true) map.delete(oldest.value)
    }
    // Age-based sweep, amortised: expired entries sit at the old end of the insertion order.
    if ((++this.#inserts & 255) === 0) {
      for (const [key, entry] of map) {
        if (now - entry.at <= this.#ttl) break
        map.delete(key)
      }
    }
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

  claimRequest(requestKey: string, fingerprint: string): Claim {
    return this.#requests.claim(requestKey, fingerprint)
  }

  claimMessage(messageKey: string): Claim {
    // Messages have no fingerprint: the same key is the same message, whatever the envelope.
    return this.#messages.claim(messageKey, '')
  }

  size(): { requests: number; messages: number } {
    return { requests: this.#requests.size, messages: this.#messages.size }
  }
}
