/**
 * A `Clock` whose time moves only when a test says so. Timers fire from `advance()` in due-time
 * order, so deadline, retry and expiry logic is tested without sleeping.
 */
import type { Clock, TimerHandle } from './clock.js'

interface Timer {
  /** Monotonic due time (see `#elapsed`). */
  readonly due: number
  /** Insertion order, to fire same-time timers as Node does: first scheduled, first fired. */
  readonly seq: number
  readonly fn: () => void
}

/** Yields to the event loop once; by then every queued promise job has run. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Test clock implementing `Clock`.
 *
 * Timers follow a monotonic clock, like Node's: `set()` jumps the wall clock (to test skew,
 * timestamp windows, day boundaries) without firing or shifting timers; `advance()` moves both.
 *
 * @example
 * const clock = new VirtualClock()
 * clock.setTimeout(() => console.log('late'), 5000)
 * clock.advance(5000) // logs 'late'; clock.now() is 5 s later
 */
export class VirtualClock implements Clock {
  // Virtual milliseconds since construction; timers are due against this, never against now().
  #elapsed = 0
  #wallOffset: number
  #seq = 0
  readonly #timers = new Map<TimerHandle, Timer>()

  /** Starts at `startMs` (default 2026-01-01T00:00:00Z) with no timers pending. */
  constructor(startMs: number = Date.UTC(2026, 0, 1)) {
    this.#wallOffset = startMs
  }

  /** Current virtual time, in milliseconds since the Unix epoch. */
  now(): number {
    return this.#wallOffset + this.#elapsed
  }

  /**
   * Schedules `fn` `ms` virtual milliseconds from now. Negative or NaN delays count as 0 (due at
   * the next `advance`, even `advance(0)`); Node's 1 ms minimum is not reproduced.
   */
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const delay = Number.isNaN(ms) || ms < 0 ? 0 : ms
    const handle: TimerHandle = Object.freeze({})
    this.#timers.set(handle, { due: this.#elapsed + delay, seq: this.#seq++, fn })
    return handle
  }

  /** Cancels a timer; unknown or already fired handles are ignored, as with Node. */
  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle)
  }

  /**
   * Moves time forward by `ms`, firing every timer that falls due on the way in time order,
   * with `now()` set to each timer's due time while it runs. Timers scheduled by a firing timer
   * fire too if they fall due within the window. An exception from a timer propagates; that
   * timer is gone and the clock stays at its due time.
   */
  advance(ms: number): void {
    const target = this.#elapsed + nonNegative(ms)
    for (let timer = this.#takeDue(target); timer; timer = this.#takeDue(target)) timer.fn()
    this.#elapsed = Math.max(this.#elapsed, target)
  }

  /**
   * Like `advance`, but lets pending promise jobs run before the first timer, between timers
   * and after the last, so async code reacting to one timer (and scheduling the next) runs
   * before time moves on.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.#elapsed + nonNegative(ms)
    await settle()
    for (let timer = this.#takeDue(target); timer; timer = this.#takeDue(target)) {
      timer.fn()
      await settle()
    }
    this.#elapsed = Math.max(this.#elapsed, target)
  }

  /** Sets the wall clock to `ms` (epoch milliseconds). Timers neither fire nor move. */
  set(ms: number): void {
    this.#wallOffset = ms - this.#elapsed
  }

  /** Number of timers scheduled and not yet fired or cleared. */
  pending(): number {
    return this.#timers.size
  }

  /** Removes and returns the earliest timer due at or before `target`, moving time to it. */
  #takeDue(target: number): Timer | undefined {
    let nextHandle: TimerHandle | undefined
    let next: Timer | undefined
    for (const [handle, timer] of this.#timers) {
      if (timer.due > target) continue
      if (!next || timer.due < next.due || (timer.due === next.due && timer.seq < next.seq)) {
        next = timer
        nextHandle = handle
      }
    }
    if (!next || nextHandle === undefined) return undefined
    this.#timers.delete(nextHandle)
    this.#elapsed = Math.max(this.#elapsed, next.due)
    return next
  }
}

function nonNegative(ms: number): number {
  return Number.isNaN(ms) || ms < 0 ? 0 : ms
}
