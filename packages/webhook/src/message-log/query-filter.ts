import type { MessageLogEntry, MessageLogFilter } from './types.js'

/** Entries a query returns when no `limit` is given. */
export const DEFAULT_QUERY_LIMIT = 100

/** The most entries one query returns, whatever `limit` says: an admin page, not an export. */
export const MAX_QUERY_LIMIT = 10_000

/** The effective entry limit of a filter: default 100, clamped to 0…10,000, whole numbers. */
export function queryLimit(filter: MessageLogFilter | undefined): number {
  const limit = filter?.limit ?? DEFAULT_QUERY_LIMIT
  if (!(limit > 0)) return 0 // also NaN
  return Math.min(Math.floor(limit), MAX_QUERY_LIMIT)
}

/** Whether an entry passes every field of a filter (the limit aside). */
export function matchesFilter(entry: MessageLogEntry, filter: MessageLogFilter): boolean {
  return (
    (filter.appid === undefined || entry.appid === filter.appid) &&
    (filter.fromUser === undefined || entry.fromUser === filter.fromUser) &&
    (filter.kind === undefined || entry.kind === filter.kind) &&
    (filter.key === undefined || entry.key === filter.key) &&
    (filter.before === undefined || entry.at < filter.before)
  )
}
