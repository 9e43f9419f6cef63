import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { WxError } from '@wxmp/core'
import { migrateV1 } from './sqlite-migrate-v1.js'

/** The schema this code writes, stored in `PRAGMA user_version`. Bump it with a migration step. */
export const MESSAGE_LOG_SCHEMA_VERSION = 2

/**
 * Version 2: one row per written batch, not per entry. Version 1 (one row per entry, three
 * indexes) spent ~7 µs per entry on b-tree inserts and WAL page writes, against a budget of
 * ~25 µs per request for the whole webhook. A batch row costs one insert per ~512 entries, and
 * its payload is one BLOB in the compact form of `batch-codec.ts`. Measured on one 2-vCPU VM,
 * encoding and writing included: 1.6 µs per entry of benchmark-like traffic (~0.8 KB) and 2.3 µs
 * per CJK-heavy entry (~1.1 KB), where version 1 took 8.7 and 10.2. Choices:
 *  - STRICT, so a wrong type is an error rather than silently stored;
 *  - `min_at`/`max_at` REAL: the oldest and newest `at` in the batch (not the first and last:
 *    `at` need not rise with append order), which let a query skip batches that cannot matter;
 *  - `count` before `entries`, so reading it never touches the BLOB's overflow pages;
 *  - one index, covering everything but the BLOB: queries walk it newest first without reading
 *    the table, and `total(count)` at open is a scan of a few index pages;
 *  - `id` is the rowid: append order (the tie-break of equal `at`s) and retention order.
 */
const SCHEMA_V2 = `
CREATE TABLE IF NOT EXISTS message_batch (
  id      INTEGER PRIMARY KEY,
  min_at  REAL    NOT NULL,
  max_at  REAL    NOT NULL,
  count   INTEGER NOT NULL,
  entries BLOB    NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS message_batch_max_at ON message_batch (max_at, min_at, count);
`

/**
 * Page size of a new file. A batch of ~0.5 MB spans many pages, and the WAL writes, and its
 * checkpoint reads and writes, each page with system calls of its own, so bigger pages are
 * cheaper per entry; but every commit also rewrites a few whole pages (table and index leaves,
 * the header, the freelist trunk, the pointer map), so bigger pages cost more per commit.
 * Measured for SQLite and the kernel alone, µs per 1.1 KB entry in batches of 512: 4 KiB 2.3,
 * 16 KiB 1.5, 32 KiB 1.3, 64 KiB 1.35. At low traffic, where each timer flush commits a few
 * entries, a commit writes ~80 KiB of WAL at 32 KiB pages (~23 KiB for version 1's 4 KiB).
 */
const PAGE_SIZE = 32_768

/**
 * Checkpoint the WAL into the file about every 16 MiB (SQLite's default is 1,000 pages, 31 MiB
 * at 32 KiB). Each checkpoint copies the WAL and, with `synchronous = NORMAL`, syncs both files:
 * larger is fewer, longer checkpoints (4 MiB measured ~20% more CPU per entry than 16 MiB; 64 MiB
 * ~5% less). `SqliteMessageLog` runs them on a thread (`wal-checkpointer.ts`); the inline
 * setting below is what a connection does without one.
 */
export const CHECKPOINT_BYTES = 16 << 20

/**
 * Lets `db` checkpoint by itself, inside the write that fills `bytes` of WAL: on the thread that
 * writes, which for the message log is the event loop.
 */
export function checkpointInline(db: Database.Database, bytes = CHECKPOINT_BYTES): void {
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.pragma(`wal_autocheckpoint = ${Math.ceil(bytes / pageSize)}`)
}

/**
 * Opens (creating the directory, file and schema if missing, migrating an older schema) a
 * message-log database, tuned for a single writer on the reply path:
 *  - a new file gets `PAGE_SIZE` pages and incremental auto-vacuum, which must both be set before
 *    its first table. Auto-vacuum's pointer map lets a delete free a batch's overflow pages
 *    without reading each to find the next (measured: retention ~0.3 → ~0.1 µs per entry); being
 *    incremental, it never moves pages by itself: freed pages are reused by the next batches;
 *  - WAL: readers (admin queries, another process) never block the writer, nor it them;
 *  - `synchronous = NORMAL`: no fsync per commit; a power cut can lose the last commits but
 *    never corrupts the file. That is the right price for a log;
 *  - busy timeout 0 once open: if another writer holds the lock, a batch fails at once and is
 *    retried later, rather than freezing the event loop (better-sqlite3 waits 5 s by default).
 *    Opening itself may wait, since it happens at start-up, off the reply path.
 * A file migrated from version 1 keeps its 4 KiB pages and no auto-vacuum (SQLite cannot change
 * either in WAL mode without rewriting the file): it works the same, at ~1 µs more per entry.
 */
export function openMessageLogDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, { timeout: 5_000 })
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    // Refuse before changing anything, the journal mode included.
    if (version > MESSAGE_LOG_SCHEMA_VERSION) {
      throw new WxError(
        'WX_ERR_MESSAGE_LOG_SCHEMA',
        `${file} has message-log schema version ${version}, newer than this wxmp understands ` +
          `(${MESSAGE_LOG_SCHEMA_VERSION}); upgrade wxmp or point the log at another file`,
      )
    }
    if (version === 0 && db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() === 0) {
      db.pragma(`page_size = ${PAGE_SIZE}`)
      db.pragma('auto_vacuum = INCREMENTAL')
    }
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    // A write-only log gains nothing from a page cache, and better-sqlite3's default (16 MB) of
    // 32 KiB pages fragmented into ~145 MB of resident memory under load (measured); 2 MiB caps it.
    db.pragma('cache_size = -2048')
    checkpointInline(db)
    migrate(db, version)
    db.pragma('busy_timeout = 0')
    return db
  } catch (err) {
    db.close()
    throw err
  }
}

/** Brings the schema from `version` to `MESSAGE_LOG_SCHEMA_VERSION`. */
function migrate(db: Database.Database, version: number): void {
  if (version === MESSAGE_LOG_SCHEMA_VERSION) return
  db.transaction(() => {
    db.exec(SCHEMA_V2)
    // Version 0 is a new (or foreign) file: nothing to carry over.
    if (version === 0) db.pragma(`user_version = ${MESSAGE_LOG_SCHEMA_VERSION}`)
  }).immediate()
  // Its own transactions, one per batch moved, so a large file neither balloons the WAL nor
  // starts over if interrupted.
  if (version === 1) migrateV1(db, MESSAGE_LOG_SCHEMA_VERSION)
}
