import type Database from 'better-sqlite3'
import type { MessageLogEntry, MessageLogFilter, MessageMode, MessageOutcome } from './types.js'

/** The one INSERT of the writer; positional parameters, so binding allocates no object. */
export const INSERT_SQL =
  'INSERT INTO message_log (at, appid, key, kind, from_user, to_user, mode, request, reply, ' +
  'outcome, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'

/** Inserts one entry with a prepared `INSERT_SQL`; returns the new row id. */
export function insertEntry(insert: Database.Statement, e: MessageLogEntry): number | bigint {
  return insert.run(
    // STRICT INTEGER refuses 1.5; a fractional timestamp is truncated rather than fail the batch.
    Math.trunc(e.at),
    e.appid,
    e.key,
    e.kind,
    e.fromUser,
    e.toUser,
    e.mode,
    e.request,
    e.reply,
    e.outcome,
    e.durationMs,
    e.error ?? null,
  ).lastInsertRowid
}

/** A row as selected by `selectSql`, before `error` is dropped when null. */
interface Row {
  at: number
  appid: string
  key: string
  kind: string
  fromUser: string
  toUser: string
  mode: MessageMode
  request: string
  reply: string
  outcome: MessageOutcome
  durationMs: number
  error: string | null
}

const COLUMNS =
  'at, appid, key, kind, from_user AS fromUser, to_user AS toUser, mode, request, reply, ' +
  'outcome, duration_ms AS durationMs, error'

/** The filter fields that become WHERE terms, in a fixed order so SQL text can be cached. */
const TERMS = [
  ['appid', 'appid = ?'],
  ['fromUser', 'from_user = ?'],
  ['kind', 'kind = ?'],
  ['key', 'key = ?'],
  ['before', 'at < ?'],
] as const

/**
 * The SELECT for a filter and its parameters (the limit last). The SQL text depends only on
 * which fields are set, so at most 32 distinct statements exist and each is prepared once.
 */
export function selectSql(
  filter: MessageLogFilter,
  limit: number,
): { sql: string; params: unknown[] } {
  const where: string[] = []
  const params: unknown[] = []
  for (const [field, term] of TERMS) {
    const value = filter[field]
    if (value === undefined) continue
    where.push(term)
    params.push(value)
  }
  params.push(limit)
  const sql =
    `SELECT ${COLUMNS} FROM message_log` +
    (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
    ' ORDER BY at DESC, id DESC LIMIT ?'
  return { sql, params }
}

/** Turns a selected row into an entry, omitting `error` when there was none. */
export function rowToEntry(row: unknown): MessageLogEntry {
  const { error, ...entry } = row as Row
  return error === null ? entry : { ...entry, error }
}
