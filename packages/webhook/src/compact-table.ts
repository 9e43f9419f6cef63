import type { Clock } from '@wxmp/core'
import { SUCCESS, type WebhookResponse } from './http-types.js'
import type { Claim } from './delivery-store.js'
import { hashKey } from './key-hash.js'
import { ResponseArena } from './response-arena.js'

const NONE = 0
const PENDING = 1
const SETTLED = 2

/** An in-flight entry: the claim object, which also collects retries waiting for its answer. */
class PendingClaim {
  readonly status = 'new' as const
  waiters: Array<(r: WebhookResponse) => void> | undefined = undefined
  #settled = false

  constructor(
    readonly table: CompactTable,
    readonly entry: number,
    readonly generation: number,
  ) {}

  settle(response: WebhookResponse): void {
    if (this.#end(response)) this.table.store(this.entry, this.generation, response)
  }

  release(response: WebhookResponse): void {
    if (this.#end(response)) this.table.release(this.entry, this.generation)
  }

  /** Answers the waiting retries with `response`, once: false if the claim was already ended. */
  #end(response: WebhookResponse): boolean {
    if (this.#settled) return false
    this.#settled = true
    const waiters = this.waiters
    this.waiters = undefined
    if (waiters !== undefined) for (const resolve of waiters) resolve(response)
    return true
  }
}

/**
 * A bounded table of claimed keys, held in typed arrays rather than JS objects: a ring of entries
 * (first in, first out; older than the TTL expire), an open-addressing index over 64-bit key
 * hashes (linear probing, backward-shift deletion, load ≤ 1/2), and the responses in a byte
 * arena. Under load the webhook claims two keys per push; as objects and strings kept for
 * seconds, they made V8's old generation grow ~28 MB/s and cost ~2 µs of GC per push.
 */
export class CompactTable {
  readonly #cap: number
  readonly #mask: number
  readonly #slots: Int32Array // entry + 1, or 0 when empty
  readonly #h1: Uint32Array
  readonly #h2: Uint32Array
  readonly #keyLength: Uint32Array
  readonly #at: Float64Array
  readonly #fingerprint: Uint32Array
  readonly #state: Uint8Array
  readonly #generation: Uint32Array
  readonly #status: Uint16Array
  readonly #type: Uint8Array
  readonly #bodyOffset: Float64Array
  readonly #bodyLength: Uint32Array
  /**
   * Per entry: responses that could not go to the arena (extra headers, very large bodies), and
   * the claims still in flight. Plain arrays, not Maps: a long-lived Map's table is in the old
   * generation, so the rehash that a set/delete pair per push triggers allocated every new table
   * there too (measured: three quarters of all bytes promoted under load, and most of the old
   * generation's growth). Holes are `undefined`.
   */
  readonly #objects: Array<WebhookResponse | undefined>
  readonly #pending: Array<PendingClaim | undefined>
  readonly #arena: ResponseArena
  readonly #hash = new Uint32Array(2)
  readonly #ttl: number
  readonly #clock: Clock
  #head = 0
  #count = 0

  constructor(capacity: number, ttlMs: number, clock: Clock, arenaBytes: number) {
    const cap = Math.max(1, capacity)
    let slots = 2
    while (slots < cap * 2) slots *= 2
    this.#cap = cap
    this.#mask = slots - 1
    this.#slots = new Int32Array(slots)
    this.#h1 = new Uint32Array(cap)
    this.#h2 = new Uint32Array(cap)
    this.#keyLength = new Uint32Array(cap)
    this.#at = new Float64Array(cap)
    this.#fingerprint = new Uint32Array(cap)
    this.#state = new Uint8Array(cap)
    this.#generation = new Uint32Array(cap)
    this.#status = new Uint16Array(cap)
    this.#type = new Uint8Array(cap)
    this.#bodyOffset = new Float64Array(cap)
    this.#bodyLength = new Uint32Array(cap)
    this.#arena = new ResponseArena(arenaBytes)
    // Filled, so V8 keeps them as packed arrays of pointers rather than dictionaries.
    this.#objects = new Array<WebhookResponse | undefined>(cap).fill(undefined)
    this.#pending = new Array<PendingClaim | undefined>(cap).fill(undefined)
    this.#ttl = ttlMs
    this.#clock = clock
  }

  /** Live entries. */
  get size(): number {
    return this.#count
  }

  /** Claims `key`: new, a retry of a claimed one (with its answer), or a replay (other fingerprint). */
  claim(key: string, fingerprint: number): Claim {
    const now = this.#clock.now()
    this.#expire(now)
    const hash = this.#hash
    hashKey(key, hash)
    const found = this.#find(hash[0]!, hash[1]!, key.length)
    if (found !== -1) {
      if (this.#fingerprint[found] !== fingerprint) return { status: 'replay' }
      if (this.#state[found] === SETTLED)
        return { status: 'retry', response: this.#response(found) }
      const pending = this.#pending[found]!
      return {
        status: 'retry',
        response: new Promise((resolve) => (pending.waiters ??= []).push(resolve)),
      }
    }
    if (this.#count === this.#cap) this.#dropOldest()
    const e = (this.#head + this.#count) % this.#cap
    this.#count++
    this.#h1[e] = hash[0]!
    this.#h2[e] = hash[1]!
    this.#keyLength[e] = key.length
    this.#at[e] = now
    this.#fingerprint[e] = fingerprint
    this.#state[e] = PENDING
    const generation = ++this.#generation[e]!
    this.#insertSlot(e)
    const claim = new PendingClaim(this, e, generation)
    this.#pending[e] = claim
    return claim
  }

  /** Stores the answer of entry `e`, unless the entry was evicted (and maybe reused) meanwhile. */
  store(e: number, generation: number, response: WebhookResponse): void {
    if (!this.#takePending(e, generation)) return
    this.#state[e] = SETTLED
    this.#status[e] = response.status
    this.#type[e] = this.#arena.typeId(response.contentType)
    const stored = response.headers === undefined ? this.#arena.put(response.body) : undefined
    if (stored === undefined) {
      this.#objects[e] = response
      this.#bodyLength[e] = 0xffffffff
    } else {
      this.#bodyOffset[e] = stored.offset
      this.#bodyLength[e] = stored.length
    }
  }

  /** Forgets entry `e`'s key, unless the entry was evicted (and maybe reused) meanwhile. */
  release(e: number, generation: number): void {
    if (!this.#takePending(e, generation)) return
    this.#removeSlot(e)
    // Still in the ring until it ages out, but found by no lookup (see #dropOldest).
    this.#state[e] = NONE
  }

  /** Whether entry `e` is still the pending claim of `generation`; if so, drops the claim. */
  #takePending(e: number, generation: number): boolean {
    if (this.#generation[e] !== generation || this.#state[e] !== PENDING) return false
    this.#pending[e] = undefined
    return true
  }

  #response(e: number): WebhookResponse {
    if (this.#bodyLength[e] === 0xffffffff) return this.#objects[e]!
    const body = this.#arena.get(this.#bodyOffset[e]!, this.#bodyLength[e]!)
    // Overwritten by newer answers: the retry is acknowledged without a reply rather than run twice.
    if (body === undefined) return SUCCESS
    return { status: this.#status[e]!, body, contentType: this.#arena.type(this.#type[e]!) }
  }

  #find(h1: number, h2: number, length: number): number {
    const slots = this.#slots
    const mask = this.#mask
    for (let i = h1 & mask; ; i = (i + 1) & mask) {
      const s = slots[i]!
      if (s === 0) return -1
      const e = s - 1
      if (this.#h1[e] === h1 && this.#h2[e] === h2 && this.#keyLength[e] === length) return e
    }
  }

  #insertSlot(e: number): void {
    const slots = this.#slots
    const mask = this.#mask
    let i = this.#h1[e]! & mask
    while (slots[i] !== 0) i = (i + 1) & mask
    slots[i] = e + 1
  }

  /** Removes entry `e` from the index (backward-shift deletion keeps probe chains intact). */
  #removeSlot(e: number): void {
    const slots = this.#slots
    const mask = this.#mask
    let i = this.#h1[e]! & mask
    while (slots[i] !== e + 1) i = (i + 1) & mask
    slots[i] = 0
    for (let j = (i + 1) & mask; slots[j] !== 0; j = (j + 1) & mask) {
      const home = this.#h1[slots[j]! - 1]! & mask
      // Move slot j back into the hole at i unless its home lies cyclically in (i, j].
      const stays = i <= j ? home > i && home <= j : home > i || home <= j
      if (!stays) {
        slots[i] = slots[j]!
        slots[j] = 0
        i = j
      }
    }
  }

  #expire(now: number): void {
    while (this.#count > 0 && now - this.#at[this.#head]! > this.#ttl) this.#dropOldest()
  }

  #dropOldest(): void {
    const e = this.#head
    if (this.#state[e] !== NONE) this.#removeSlot(e)
    // A pending claim keeps working for its waiters; it just no longer stores into this slot.
    this.#pending[e] = undefined
    this.#objects[e] = undefined
    this.#state[e] = NONE
    this.#generation[e]!++
    this.#head = (this.#head + 1) % this.#cap
    this.#count--
  }
}
