/**
 * The snapshot file: SQLite, one row of JSON per part (a store, or `meta`) and one BLOB per
 * distinct file the media stores hold. A save is one transaction in WAL mode, so a crash or a
 * kill mid-save leaves the previous snapshot whole; `PRAGMA user_version` is `SNAPSHOT_VERSION`.
 *
 * Migration notes: version 1 is the first. A later version bumps `SNAPSHOT_VERSION`, adds a step
 * that turns a version-1 file (or its parts' JSON) into the new shape in `migrate`, and keeps
 * refusing files newer than itself before touching them.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { decodePart, encodePart } from './blob-json.js'
import { SNAPSHOT_VERSION, STATE_PARTS, SnapshotError } from './format.js'
import type { EmulatorSnapshot, StateSnapshot } from './format.js'

/**
 * STRICT tables, so a wrong type is an error rather than stored. `snapshot_part.name` is `meta`
 * or a key of `StateSnapshot`; `snapshot_blob.sha256` is the hex digest of `bytes`, which the
 * parts' `{"$blob": …}` markers name.
 */
const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS snapshot_part (
  name TEXT PRIMARY KEY,
  json TEXT NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS snapshot_blob (
  sha256 TEXT PRIMARY KEY,
  bytes  BLOB NOT NULL
) STRICT;
`

/** The `meta` part: everything but the stores. */
type SnapshotMeta = Omit<EmulatorSnapshot, 'version' | 'state'>

/** An open snapshot file. One writer: the emulator that owns it keeps it open while it runs. */
export class SnapshotFile {
  /** The file's path. */
  readonly file: string
  readonly #db: Database.Database

  /**
   * Opens `file`, creating it (and its directory) unless `mustExist`. Refuses, with a
   * `SnapshotError` naming the file and the fix, anything that is not a snapshot this code can
   * read: not SQLite, a foreign database, a newer `SNAPSHOT_VERSION`.
   */
  constructor(file: string, options: { readonly mustExist?: boolean } = {}) {
    this.file = file
    if (options.mustExist !== true) mkdirSync(dirname(file), { recursive: true })
    let db: Database.Database
    try {
      db = new Database(file, { timeout: 5_000, fileMustExist: options.mustExist === true })
    } catch (error) {
      throw new SnapshotError(`cannot open the emulator snapshot ${file}: ${messageOf(error)}`, {
        cause: error,
      })
    }
    try {
      open(db, file)
    } catch (error) {
      db.close()
      throw error instanceof SnapshotError ? error : corrupt(file, error)
    }
    this.#db = db
  }

  /** The saved snapshot, or `undefined` when the file holds none yet. */
  read(): EmulatorSnapshot | undefined {
    try {
      const rows = this.#db.prepare('SELECT name, json FROM snapshot_part').all() as {
        name: string
        json: string
      }[]
      if (rows.length === 0) return undefined
      const blobs = this.#db.prepare('SELECT bytes FROM snapshot_blob WHERE sha256 = ?').pluck()
      const blob = (hash: string): Uint8Array => {
        const bytes = blobs.get(hash) as Buffer | undefined
        if (bytes === undefined) throw new Error(`the file ${hash} is missing`)
        return new Uint8Array(bytes)
      }
      const parts = new Map(rows.map((row) => [row.name, row.json]))
      const part = (name: string): unknown => {
        const json = parts.get(name)
        if (json === undefined) throw new Error(`the part "${name}" is missing`)
        return decodePart(json, blob)
      }
      const meta = part('meta') as SnapshotMeta
      const state = Object.fromEntries(STATE_PARTS.map((name) => [name, part(name)]))
      return { version: SNAPSHOT_VERSION, ...meta, state: state as unknown as StateSnapshot }
    } catch (error) {
      throw corrupt(this.file, error)
    }
  }

  /**
   * Replaces the saved snapshot with `snapshot` in one transaction. Only the files not stored
   * yet are written; the ones no part refers to any more are deleted.
   */
  write(snapshot: EmulatorSnapshot): void {
    const db = this.#db
    const upsert = db.prepare(
      'INSERT INTO snapshot_part (name, json) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET json = excluded.json',
    )
    const insertBlob = db.prepare('INSERT INTO snapshot_blob (sha256, bytes) VALUES (?, ?)')
    const deleteBlob = db.prepare('DELETE FROM snapshot_blob WHERE sha256 = ?')
    try {
      const blobs = new Map<string, Uint8Array>()
      const { version: _version, state, ...meta } = snapshot
      const rows: [string, string][] = [['meta', encodePart(meta, blobs)]]
      for (const name of STATE_PARTS) rows.push([name, encodePart(state[name], blobs)])
      db.transaction(() => {
        for (const [name, json] of rows) upsert.run(name, json)
        const stored = new Set(db.prepare('SELECT sha256 FROM snapshot_blob').pluck().all())
        for (const [hash, bytes] of blobs)
          if (!stored.has(hash))
            insertBlob.run(hash, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
        for (const hash of stored) if (!blobs.has(hash as string)) deleteBlob.run(hash)
      }).immediate()
    } catch (error) {
      throw new SnapshotError(
        `cannot save the emulator snapshot ${this.file}: ${messageOf(error)}`,
        { cause: error },
      )
    }
  }

  /** Closes the file (the WAL is checkpointed into it). */
  close(): void {
    if (this.#db.open) this.#db.close()
  }
}

/** Checks the version, sets the pragmas and creates the tables of a new file. */
function open(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number
  // Refuse before changing anything, the journal mode included.
  if (version > SNAPSHOT_VERSION)
    throw new SnapshotError(
      `${file} is an emulator snapshot of format version ${version}, newer than this wxmp ` +
        `understands (${SNAPSHOT_VERSION}); upgrade wxmp, or start from another file`,
    )
  if (version === 0 && db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() !== 0)
    throw new SnapshotError(
      `${file} is an SQLite database but not an emulator snapshot (no snapshot version); ` +
        'point --snapshot at a new file',
    )
  db.pragma('journal_mode = WAL')
  // No fsync per commit: a power cut may lose the last save but never corrupts the file.
  db.pragma('synchronous = NORMAL')
  migrate(db, version)
}

/** Brings a file from `version` to `SNAPSHOT_VERSION` (only a new file, so far). */
function migrate(db: Database.Database, version: number): void {
  if (version === SNAPSHOT_VERSION) return
  db.transaction(() => {
    db.exec(SCHEMA_V1)
    db.pragma(`user_version = ${SNAPSHOT_VERSION}`)
  }).immediate()
}

function corrupt(file: string, error: unknown): SnapshotError {
  return new SnapshotError(
    `${file} is not a readable emulator snapshot (${messageOf(error)}); move it away or point ` +
      '--snapshot at another file',
    { cause: error },
  )
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
