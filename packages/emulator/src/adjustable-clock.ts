/**
 * Real time that can be moved forward: the clock `wxmp emulator` runs on, so the inspection API
 * can skip ahead (expire a token, reach the next Beijing day) on a server that otherwise follows
 * the wall clock. Timers are kept here, against the adjusted time, so a jump fires the ones it
 * passes, as a VirtualClock's `advance` does.
 */
import { systemClock } from '@wxmp/core'
import type { Clock, TimerHandle } from '@wxmp/core'

interface PendingTimer {
  readonly due: number
  readonly fn: () => void
  base: TimerHandle
}

/** A clock `offset` milliseconds ahead of `base`, advanced by `advance(ms)`. */
export class AdjustableClock implements Clock {
  readonly #base: Clock
  #offset = 0
  readonly #timers = new Map<TimerHandle, PendingTimer>()

  /** Follows `base` (the system clock by default). */
  constructor(base: Clock = systemClock) {
    this.#base = base
  }

  /** The base clock's time plus every advance so far. */
  now(): number {
    return this.#base.now() + this.#offset
  }

  /** How far ahead of the base clock this clock runs, in milliseconds. */
  get offset(): number {
    return this.#offset
  }

  /** Schedules `fn` `ms` milliseconds from now (adjusted time). */
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle: TimerHandle = Object.freeze({})
    const due = this.now() + Math.max(0, Number.isNaN(ms) ? 0 : ms)
    const timer: PendingTimer = { due, fn, base: {} }
    timer.base = this.#base.setTimeout(() => this.#fire(handle), due - this.now())
    this.#timers.set(handle, timer)
    return handle
  }

  /** Cancels a timer; unknown or fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void {
    const timer = this.#timers.get(handle)
    if (!timer) return
    this.#base.clearTimeout(timer.base)
    this.#timers.delete(handle)
  }

  /** Moves time forward by `ms` and fires, in due order, every timer the jump passes. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance takes a non-negative number of ms, got ${ms}`)
    this.#offset += ms
    const now = this.now()
    const due = [...this.#timers].filter(([, timer]) => timer.due <= now)
    due.sort(([, a], [, b]) => a.due - b.due)
    for (const [handle] of due) this.#fire(handle)
    // The rest are now that much closer: re-arm them on the base clock.
    for (const [handle, timer] of this.#timers) {
      this.#base.clearTimeout(timer.base)
      timer.base = this.#base.setTimeout(() => this.#fire(handle), timer.due - this.now())
    }
  }

  #fire(handle: TimerHandle): void {
    const timer = this.#timers.get(handle)
    if (!timer) return
    this.#base.clearTimeout(timer.base)
    this.#timers.delete(handle)
    timer.fn()
  }
}
