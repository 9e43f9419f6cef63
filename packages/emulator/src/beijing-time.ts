/**
 * Calendar keys in Beijing time (UTC+8, no DST): WeChat's daily quotas reset at Beijing midnight
 * and clear_quota's allowance is per calendar month there.
 */

const OFFSET_MS = 8 * 3600_000

/** The Beijing calendar day of an epoch-ms instant, as `YYYY-MM-DD`. */
export function beijingDay(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10)
}

/** The Beijing calendar month of an epoch-ms instant, as `YYYY-MM`. */
export function beijingMonth(ms: number): string {
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 7)
}
