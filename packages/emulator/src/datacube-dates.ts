/**
 * The date rules every datacube call shares: `YYYY-MM-DD` Beijing days (61500 otherwise), the
 * begin not after the end, within the call's span, and the end before today in Beijing (61501
 * otherwise).
 */
import { ERRCODE, beijingDay } from '@wxmp/core'
import { WechatError } from './wechat-error.js'

const DAY_MS = 86_400_000

/** A day as a count of days since 1970-01-01 (the calendar date, no time zone). */
export type DayNumber = number

/** The days a request covers, both ends included. */
export interface DayRange {
  readonly begin: DayNumber
  readonly end: DayNumber
}

/** `YYYY-MM-DD` → its day number; 61500 for anything else, an impossible date (02-30) too. */
export function parseDay(text: string): DayNumber {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) throw new WechatError(ERRCODE.DATE_FORMAT_ERROR)
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  if (formatDay(ms / DAY_MS) !== text) throw new WechatError(ERRCODE.DATE_FORMAT_ERROR)
  return ms / DAY_MS
}

/** A day number as `YYYY-MM-DD`. */
export function formatDay(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** The Beijing day of an epoch-ms instant, as a day number. */
export function beijingDayNumber(ms: number): DayNumber {
  return parseDay(beijingDay(ms))
}

/**
 * The range of a datacube request: both dates well-formed (61500), then begin ≤ end, at most
 * `maxSpanDays` days counting both ends, and the end before today in Beijing (61501: the data of
 * a day is ready the next day).
 */
export function checkRange(
  beginDate: string,
  endDate: string,
  maxSpanDays: number,
  nowMs: number,
): DayRange {
  const begin = parseDay(beginDate)
  const end = parseDay(endDate)
  if (begin > end || end - begin + 1 > maxSpanDays || end >= beijingDayNumber(nowMs))
    throw new WechatError(ERRCODE.DATE_RANGE_ERROR)
  return { begin, end }
}

/** Every day of a range, oldest first. */
export function daysOf(range: DayRange): DayNumber[] {
  const days: DayNumber[] = []
  for (let day = range.begin; day <= range.end; day++) days.push(day)
  return days
}

/** The Monday of a day's week (1970-01-01 was a Thursday). */
export function weekStart(day: DayNumber): DayNumber {
  return day - ((day + 3) % 7)
}

/** The first day of a day's month. */
export function monthStart(day: DayNumber): DayNumber {
  const date = new Date(day * DAY_MS)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY_MS
}

/** The distinct period starts (`weekStart` / `monthStart`) the range touches, oldest first. */
export function periodsOf(range: DayRange, start: (day: DayNumber) => DayNumber): DayNumber[] {
  return [...new Set(daysOf(range).map(start))]
}
