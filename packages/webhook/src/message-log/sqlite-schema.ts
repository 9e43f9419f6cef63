import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { WxError } from '@wxmp/core'

/** The schema this code writes, stored in `PRAGMA user_version`. Bump it with a migration step. */
export const MESSAGE_LOG_SCHEMA_VERSION = 1

/**
 * Version 1. Choices:
 *  - STRICT, so a wrong type is an error rather than silently stored;
 *  - `at` INTEGER ms; ids, openids and keys TEXT (64-bit MsgIds exceed 2^53, so never numbers);
 *  - `duration_ms` REAL: durations come from `performance.now()` and are fractional;
 *  - no CHECK on `mode`/`outcome`: one bad value would fail a whole batch of good rows;
 *  - `id` is the rowid: append order, the tie-break of `ORDER BY at DESC`, and the retention
 *    cursor (rows are only deleted from the low end, so ids stay contiguous);
 *  - indexes only where new rows land at the end of the b-tree (`at` first, or a column with
 *    a handful of values first: appid, kind). An index led by `from_user` or `key` puts every
 *    insert on a different leaf page, and in WAL mode each dirtied page is written whole per
 *    commit: measured at 1M rows, five indexes cost ~65 µs per row against ~11 µs for these
 *    three. Filters on `from_user` and `key` instead scan `message_log_at`, which carries both
 *    columns so the scan never touches the (large) table rows: ~0.1 s over 1M rows, an admin
 *    query, against ~0.7 s without them.
 */
const SCHEMA_V1 = `
CREATE TABLE message_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  appid       TEXT    NOT NULL,
  key         TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  from_user   TEXT    NOT NULL,
  to_user     TEXT    NOT NULL,
  mode        TEXT    NOT NULL,
  request     TEXT    NOT NULL,
  reply       TEXT    NOT NULL,
  outcome     TEXT    NOT NULL,
  duration_ms REAL    NOT NULL,
  error       TEXT
) STRICT;
CREATE INDEX message_log_at ON message_log (at, from_user, key);
CREATE INDEX message_log_appid_at ON message_log (appid, at);
CREATE INDEX message_log_kind_at ON message_log (kind, at);
`

/**
 * Opens (creating the directory, file and schema if missing) a message-log database, tuned for
 * a single writer on the reply path:
 *  - WAL: readers (admin queries, another process) never block the writer, nor it them;
 *  - `synchronous = NORMAL`: no fsync per commit; a power cut can lose the last commits but
 *    never corrupts the file. That is the right price for a log;
 *  - busy timeout 0 once open: if another writer holds the lock, a batch fails at once and is
 *    retried later, rather than freezing the event loop (better-sqlite3 waits 5 s by default).
 *    Opening itself may wait, since it happens at start-up, off the reply path.
 */
export function openMessageLogDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, { timeout: 5_000 })
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    migrate(db, file)
    db.pragma('busy_timeout = 0')
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

/** Brings the schema to `MESSAGE_LOG_SCHEMA_VERSION`; refuses a file from a newer wxmp. */
function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version === MESSAGE_LOG_SCHEMA_VERSION) return
  if (version > MESSAGE_LOG_SCHEMA_VERSION) {
    throw new WxError(
      'WX_ERR_MESSAGE_LOG_SCHEMA',
      `${file} has message-log schema version ${version}, newer than this wxmp understands ` +
        `(${MESSAGE_LOG_SCHEMA_VERSION}); upgrade wxmp or point the log at another file`,
    )
  }
  // Version 0 is a new (or foreign) file. Future steps go here: `if (version < 2) …`.
  db.transaction(() => {
    db.exec(SCHEMA_V1)
    db.pragma(`user_version = ${MESSAGE_LOG_SCHEMA_VERSION}`)
  }).immediate()
}
