/**
 * A first-in first-out queue with a hard capacity, where a push into a full queue evicts the
 * oldest item. Push, peek and discard are O(1) and allocation-free in the steady state, which is
 * why the log uses it on the reply path instead of `Array#shift` (O(n)) or an unbounded array.
 *
 * Storage starts small and doubles up to `capacity`, so a generous capacity costs nothing until
 * it is needed.
 */
export class RingBuffer<T> {
  /** The most items held at once. */
  readonly capacity: number
  #slots: Array<T | undefined>
  #head = 0
  #size = 0

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`)
    }
    this.capacity = capacity
    this.#slots = new Array<T | undefined>(Math.min(capacity, 1024))
  }

  /** Items held. */
  get size(): number {
    return this.#size
  }

  /** Adds an item at the young end. Returns true when this evicted the oldest item. */
  push(item: T): boolean {
    let slots = this.#slots
    if (this.#size === slots.length && slots.length < this.capacity) slots = this.#grow()
    const len = slots.length
    if (this.#size === len) {
      // Full at capacity: overwrite the oldest and move the head past it.
      slots[this.#head] = item
      this.#head = this.#head + 1 === len ? 0 : this.#head + 1
      return true
    }
    let tail = this.#head + this.#size
    if (tail >= len) tail -= len
    slots[tail] = item
    this.#size++
    return false
  }

  /** The `i`-th oldest item (0 = oldest), or undefined outside 0…size-1. */
  peek(i: number): T | undefined {
    if (i < 0 || i >= this.#size) return undefined
    const len = this.#slots.length
    let at = this.#head + i
    if (at >= len) at -= len
    return this.#slots[at]
  }

  /** Removes the `n` oldest items (all of them if `n` exceeds the size). */
  discard(n: number): void {
    const count = Math.min(n, this.#size)
    const slots = this.#slots
    const len = slots.length
    let at = this.#head
    for (let i = 0; i < count; i++) {
      slots[at] = undefined // let the entry (and its XML strings) be collected
      at = at + 1 === len ? 0 : at + 1
    }
    this.#head = this.#size === count ? 0 : at
    this.#size -= count
  }

  /** Doubles the storage (up to capacity), unrolling the ring so the head is at slot 0. */
  #grow(): Array<T | undefined> {
    const old = this.#slots
    const next = new Array<T | undefined>(Math.min(old.length * 2, this.capacity))
    for (let i = 0; i < this.#size; i++) next[i] = this.peek(i)
    this.#slots = next
    this.#head = 0
    return next
  }
}
