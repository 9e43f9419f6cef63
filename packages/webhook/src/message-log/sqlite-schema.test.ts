import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openSqliteMessageLog } from './sqlite-message-log.js'
import { MESSAGE_LOG_SCHEMA_VERSION, openMessageLogDatabase } from './sqlite-schema.js'
import { sampleEntry, tempDir } from './test-support.js'
import type { MessageLogEntry } from './types.js'

let tmp: ReturnType<typeof tempDir>
let file: string
beforeEach(() => {
  tmp = tempDir()
  file = join(tmp.dir, 'log.sqlite')
})
afterEach(() => tmp.cleanup())

/** The version-1 schema as wxmp 0.1 created it (one row per entry), to test the migration. */
const SCHEMA_V1 = `
CREATE TABLE message_log (
  id INTEGER PRIMARY KEY, at INTEGER NOT NULL, appid TEXT NOT NULL, key TEXT NOT NULL,
  kind TEXT NOT NULL, from_user TEXT NOT NULL, to_user TEXT NOT NULL, mode TEXT NOT NULL,
  request TEXT NOT NULL, reply TEXT NOT NULL, outcome TEXT NOT NULL, duration_ms REAL NOT NULL,
  error TEXT
) STRICT;
CREATE INDEX message_log_at ON message_log (at, from_user, key);
CREATE INDEX message_log_appid_at ON message_log (appid, at);
CREATE INDEX message_log_kind_at ON message_log (kind, at);
PRAGMA journal_mode = WAL;
PRAGMA user_version = 1;
`

/** Writes a version-1 file holding `entries`, as wxmp 0.1 would have. */
function writeV1File(entries: MessageLogEntry[]): void {
  const db = new Database(file)
  db.exec(SCHEMA_V1)
  const insert = db.prepare(
    'INSERT INTO message_log (at, appid, key, kind, from_user, to_user, mode, request, reply, ' +
      'outcome, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  db.transaction(() => {
    for (const e of entries) {
      insert.run(
        ...[e.at, e.appid, e.key, e.kind, e.fromUser, e.toUser, e.mode, e.request, e.reply],
        ...[e.outcome, e.durationMs, e.error ?? null],
      )
    }
  })()
  db.close()
}

/** 1,200 entries (three batches' worth), with CJK, errors and runs of equal `at`. */
function v1History(): MessageLogEntry[] {
  return Array.from({ length: 1_200 }, (_, i) =>
    sampleEntry({
      at: 1_000 + Math.floor(i / 3),
      key: `msg:${24000000000000000000n + BigInt(i)}`,
      fromUser: `user-${i % 7}`,
      request: `<xml><Content><![CDATA[第${i}条 👋]]></Content></xml>`,
      ...(i % 100 === 0 ? { outcome: 'error' as const, error: `boom ${i}` } : {}),
    }),
  )
}

/** What the file holds: its schema version, its tables, and how many batches. */
function inspect(): { version: unknown; tables: string[]; batches: number } {
  const db = new Database(file, { readonly: true })
  try {
    return {
      version: db.pragma('user_version', { simple: true }),
      tables: db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .pluck()
        .all() as string[],
      batches: db.prepare('SELECT count(*) FROM message_batch').pluck().get() as number,
    }
  } finally {
    db.close()
  }
}

describe('message-log schema', () => {
  it('creates a new file at version 2 with 32 KiB pages, incremental auto-vacuum and WAL', () => {
    const db = openMessageLogDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(db.pragma('page_size', { simple: true })).toBe(32_768)
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2) // incremental
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(512) // 16 MiB
    db.close()
  })

  it('opens an existing file of the current version without touching it', () => {
    openMessageLogDatabase(file).close()
    const db = openMessageLogDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(MESSAGE_LOG_SCHEMA_VERSION)
    db.close()
  })

  it('refuses a file written by a newer schema, naming the file and the versions, and leaves it be', () => {
    const raw = new Database(file)
    raw.pragma('user_version = 99')
    raw.close()
    expect(() => openMessageLogDatabase(file)).toThrow(/schema version 99, newer .*\(2\)/)
    const after = new Database(file)
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete')
    after.close()
  })

  it('walks batches newest first on the covering index: no table read, no sort', () => {
    const db = openMessageLogDatabase(file)
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>)
        .map((step) => step.detail)
        .join('; ')
    const heads = plan(
      'SELECT id, min_at, max_at, count FROM message_batch ' +
        'WHERE (max_at, min_at, count, id) < (?, ?, ?, ?) AND min_at < ? ' +
        'ORDER BY max_at DESC, min_at DESC, count DESC, id DESC LIMIT ?',
      ...[1, 1, 1, 1, 1, 1],
    )
    expect(heads).toMatch(/SEARCH message_batch USING COVERING INDEX message_batch_max_at/)
    expect(heads).not.toMatch(/TEMP B-TREE/)
    expect(plan('SELECT total(count) FROM message_batch')).toMatch(/COVERING INDEX/)
    db.close()
  })
})

describe('message-log migration from version 1', () => {
  it('moves every entry into batches, fields and order intact, and drops the old table', async () => {
    const history = v1History()
    writeV1File(history)
    const log = openSqliteMessageLog({ file })
    const found = await log.query({ limit: 10_000 })
    await log.close()
    // Newest first; equal `at`s latest-appended first, as version 1 answered.
    expect(found).toEqual([...history].reverse())
    expect(inspect()).toEqual({ version: 2, tables: ['message_batch'], batches: 3 })
  })

  it('resumes an interrupted migration without losing or doubling an entry', async () => {
    const history = v1History()
    writeV1File(history)
    // A power cut, as it were, in the second batch's transaction.
    const raw = new Database(file)
    raw.exec(
      'CREATE TRIGGER cut BEFORE DELETE ON message_log WHEN OLD.id > 512 ' +
        "BEGIN SELECT RAISE(ABORT, 'power cut'); END",
    )
    raw.close()
    expect(() => openSqliteMessageLog({ file })).toThrow(/power cut/)
    expect(inspect()).toMatchObject({ version: 1, batches: 1 })

    const again = new Database(file)
    again.exec('DROP TRIGGER cut')
    again.close()
    const log = openSqliteMessageLog({ file })
    const found = await log.query({ limit: 10_000 })
    await log.close()
    expect(found).toEqual([...history].reverse())
    expect(inspect()).toEqual({ version: 2, tables: ['message_batch'], batches: 3 })
  })

  it('keeps appending to a migrated file, which keeps its old page size', async () => {
    writeV1File(v1History().slice(0, 2))
    const log = openSqliteMessageLog({ file })
    log.append(sampleEntry({ at: 5_000, key: 'msg:new' }))
    expect((await log.query({ limit: 3 })).map((e) => e.at)).toEqual([5_000, 1_000, 1_000])
    await log.close()
    const db = new Database(file, { readonly: true })
    expect(db.pragma('page_size', { simple: true })).toBe(4_096)
    db.close()
  })
})
