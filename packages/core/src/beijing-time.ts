/**
 * Calendar keys in Beijing time (UTC+8, no DST): WeChat's daily quotas, force-refresh allowances
 * and clear_quota's monthly allowance all count in Beijing days and months. One definition for
 * the emulator, the token service and the proxy.
 */

const OFFSET_MS = 8 * 3600_000
const DAY_MS = 24 * 3600_000

// The day of the last instant asked about: quota ledgers ask on every call, almost always for
// the same day, so the date formatting is done once a day.
let lastDay = ''
let lastStart = 0
let lastEnd = 0

/** The Beijing calendar day of an epoch-ms instant, as `YYYY-MM-DD`. */
export function beijingDay(ms: number): string {
  if (ms >= lastStart && ms < lastEnd) return lastDay
  lastDay = new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
  lastStart = Math.floor((ms + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS
  lastEnd = lastStart + DAY_MS
  return lastDay
}

/** The Beijing calendar month of an epoch-ms instant, as `YYYY-MM`. */
export function beijingMonth(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 7)
}

/** Milliseconds from `ms` to the next Beijing midnight (when daily quotas reset). */
export function untilBeijingMidnight(ms: number): number {
  return DAY_MS - ((ms + OFFSET_MS) % DAY_MS)
}
