import type Database from 'better-sqlite3'
import { BatchEncoder } from './batch-codec.js'
import { BatchTable } from './sqlite-batches.js'
import type { MessageLogEntry, MessageMode, MessageOutcome } from './types.js'

/** Version-1 rows moved per transaction: one version-2 batch each, the writer's default size. */
const ROWS_PER_BATCH = 512

const SELECT_V1 =
  'SELECT id, at, appid, key, kind, from_user, to_user, mode, request, reply, outcome, ' +
  'duration_ms, error FROM message_log ORDER BY id LIMIT ?'

/** A version-1 row, as an array (`raw()` rows are ~40% cheaper to read than objects). */
type V1Row = [
  id: number,
  at: number,
  appid: string,
  key: string,
  kind: string,
  fromUser: string,
  toUser: string,
  mode: MessageMode,
  request: string,
  reply: string,
  outcome: MessageOutcome,
  durationMs: number,
  error: string | null,
]

/**
 * Moves the rows of a version-1 file (`message_log`, one row per entry) into version-2 batches,
 * oldest first, then drops the old table and sets `user_version` to `toVersion`. The
 * `message_batch` table must exist.
 *
 * Each transaction inserts a batch and deletes the rows it holds, so an interrupted migration
 * resumes where it stopped at the next open, with no entry lost or doubled, the WAL stays
 * checkpointed as it goes, and freed pages are reused at once, so the file does not grow. Order
 * is kept: batch ids follow row ids, and within a batch entries keep row order, so equal `at`s
 * still tie-break by append order. A one-off cost at start-up: ~7 µs per entry measured, ~7 s
 * for a full default log of 1M entries, most of it reading the old rows back.
 */
export function migrateV1(db: Database.Database, toVersion: number): void {
  // The scan goes by rowid: the old indexes would only make every delete update three b-trees.
  db.transaction(() => {
    for (const index of ['message_log_at', 'message_log_appid_at', 'message_log_kind_at']) {
      db.exec(`DROP INDEX IF EXISTS ${index}`)
    }
  }).immediate()
  const encoder = new BatchEncoder()
  const batches = new BatchTable(db)
  const select = db.prepare(SELECT_V1).raw()
  const deleteUpTo = db.prepare('DELETE FROM message_log WHERE id <= ?')
  const moveOneBatch = db.transaction((): boolean => {
    const rows = select.all(ROWS_PER_BATCH) as V1Row[]
    const last = rows.at(-1)
    if (last === undefined) return false
    const entries = rows.map(toEntry)
    batches.insert(encoder.encode({ peek: (i) => entries[i] }, entries.length), entries.length)
    deleteUpTo.run(last[0])
    return true
  })
  while (moveOneBatch.immediate()) {
    // Each call commits one batch.
  }
  db.transaction(() => {
    db.exec('DROP TABLE IF EXISTS message_log')
    db.pragma(`user_version = ${toVersion}`)
  }).immediate()
}

function toEntry(row: V1Row): MessageLogEntry {
  const [, at, appid, key, kind, fromUser, toUser, mode, request, reply, outcome, durationMs] = row
  const error = row[12]
  const entry: MessageLogEntry = {
    at,
    appid,
    key,
    kind,
    fromUser,
    toUser,
    mode,
    request,
    reply,
    outcome,
    durationMs,
  }
  if (error !== null) entry.error = error
  return entry
}
