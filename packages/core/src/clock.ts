/**
 * Time as a dependency. Every timeout, deadline and timestamp window in wxmp takes a `Clock`,
 * so tests drive time with `VirtualClock` instead of sleeping.
 */

/** Opaque handle returned by `Clock.setTimeout`. */
export type TimerHandle = { readonly __timer: unique symbol } | object

/** A source of time and timers. */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
  /** Calls `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle
  /** Cancels a timer; unknown or fired handles are ignored. */
  clearTimeout(handle: TimerHandle): void
}

/** Unix seconds of a clock, as WeChat counts time (`CreateTime`, `timestamp`). */
export function unixSeconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000)
}

/** The real clock: `Date.now()` and Node timers (unref'd, so a pending timer never holds the process open). */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms)
    t.unref()
    return t
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout)
  },
}
