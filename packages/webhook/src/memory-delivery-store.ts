import type { Clock } from '@wxmp/core'
import { systemClock } from '@wxmp/core'
import type { Claim, DeliveryStore } from './delivery-store.js'
import { CompactTable } from './compact-table.js'

/** Limits of the in-memory delivery store. */
export interface MemoryDeliveryStoreOptions {
  /**
   * Most entries kept per table; the oldest go first. Default 10,000: WeChat retries within about
   * 15 s, so this covers ~650 pushes a second per instance. Raise it for busier accounts.
   */
  maxEntries?: number
  /** Bytes kept for remembered responses, per table. Default `maxEntries` × 1 KiB. */
  responseBytes?: number
  /**
   * How long an entry is kept, ms. Default 300,000: WeChat retries within ~15 s, and a replayed
   * request older than the timestamp window (300 s by default) is refused before it gets here.
   */
  ttlMs?: number
  clock?: Clock
}

/** The default delivery store: two bounded in-process tables (see `CompactTable`). One webhook process only. */
export class MemoryDeliveryStore implements DeliveryStore {
  readonly #requests: CompactTable
  readonly #messages: CompactTable

  constructor(options: MemoryDeliveryStoreOptions = {}) {
    const max = options.maxEntries ?? 10_000
    const ttl = options.ttlMs ?? 300_000
    const clock = options.clock ?? systemClock
    const bytes = options.responseBytes ?? max * 1024
    this.#requests = new CompactTable(max, ttl, clock, bytes)
    this.#messages = new CompactTable(max, ttl, clock, bytes)
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
