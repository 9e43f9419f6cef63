/**
 * The sliding-window counter: a fixed-window count for the current and the previous window,
 * the previous one weighted by how much of it still lies inside the sliding window. It needs
 * two counters per limit (cheap in Redis) and smooths the burst a fixed window allows at its
 * edges.
 */
import type { WindowPosition } from './types.js'

/** The window `now` falls in. */
export function windowAt(now: number, windowMs: number): WindowPosition {
  const index = Math.floor(now / windowMs)
  return { index, fraction: (now - index * windowMs) / windowMs, windowMs }
}

/** Whether one more call fits: the weighted estimate plus this call stays within `limit`. */
export function admits(prev: number, curr: number, fraction: number, limit: number): boolean {
  return prev * (1 - fraction) + curr + 1 <= limit
}

/** Milliseconds until a refused call would fit (at least the time to the next change). */
export function retryAfterMs(
  prev: number,
  curr: number,
  at: WindowPosition,
  limit: number,
): number {
  const { fraction, windowMs } = at
  if (limit < 1) return windowMs * (1 - fraction)
  if (curr + 1 <= limit && prev > 0) {
    // The previous window's weight must shrink until the call fits in this one.
    const needed = 1 - (limit - curr - 1) / prev
    return Math.max(0, needed - fraction) * windowMs
  }
  // This window is full: wait for the next one, where this window's count is the weighted one.
  const next = curr > 0 ? Math.max(0, 1 - (limit - 1) / curr) : 0
  return (1 - fraction + next) * windowMs
}
