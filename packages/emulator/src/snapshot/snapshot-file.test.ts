import { readFileSync, writeFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../emulator.js'
import { ACCOUNT, APPID } from '../emulator.test.helpers.js'
import { decodePart, encodePart } from './blob-json.js'
import { SNAPSHOT_VERSION, SnapshotError } from './format.js'
import { loadSnapshot, saveSnapshot } from './index.js'
import { tempSnapshotFile } from './snapshot.test.helpers.js'

const clock = () => new VirtualClock()

/** A file holding the snapshot of a fresh demo emulator. */
function savedFile(): string {
  const file = tempSnapshotFile()
  saveSnapshot(createEmulator({ accounts: [ACCOUNT], clock: clock(), seed: 1 }), file)
  return file
}

const start = (file: string) =>
  createEmulator({ accounts: [ACCOUNT], clock: clock(), snapshotFile: file })

describe('the snapshot file refuses what it cannot load', () => {
  it('refuses a file that is not SQLite, naming it and the fix, and leaves it alone', () => {
    const file = tempSnapshotFile()
    writeFileSync(file, 'this is no database '.repeat(100))
    expect(() => start(file)).toThrow(SnapshotError)
    expect(() => start(file)).toThrow(
      `${file} is not a readable emulator snapshot (file is not a database); move it away`,
    )
    expect(() => loadSnapshot(file)).toThrow(/is not a readable emulator snapshot/)
    expect(readFileSync(file, 'utf8')).toBe('this is no database '.repeat(100))
  })

  it('refuses a snapshot of a newer format version before changing anything', () => {
    const file = savedFile()
    const db = new Database(file)
    db.pragma(`user_version = ${SNAPSHOT_VERSION + 1}`)
    db.pragma('journal_mode = DELETE')
    db.close()
    const error = `${file} is an emulator snapshot of format version ${SNAPSHOT_VERSION + 1}, newer than this wxmp understands (${SNAPSHOT_VERSION}); upgrade wxmp`
    expect(() => start(file)).toThrow(error)
    expect(() => loadSnapshot(file)).toThrow(error)
    const after = new Database(file, { readonly: true })
    expect(after.pragma('journal_mode', { simple: true })).toBe('delete')
    after.close()
  })

  it('refuses another SQLite database', () => {
    const file = tempSnapshotFile()
    const db = new Database(file)
    db.exec('CREATE TABLE message (id INTEGER PRIMARY KEY)')
    db.close()
    expect(() => start(file)).toThrow('is an SQLite database but not an emulator snapshot')
  })

  it('refuses a snapshot with a part missing or unreadable: never half-loaded', () => {
    const file = savedFile()
    const db = new Database(file)
    db.prepare("DELETE FROM snapshot_part WHERE name = 'fans'").run()
    db.close()
    expect(() => start(file)).toThrow('(the part "fans" is missing)')

    const other = savedFile()
    const db2 = new Database(other)
    db2.prepare("UPDATE snapshot_part SET json = '{\"accounts\": 3}' WHERE name = 'tags'").run()
    db2.close()
    expect(() => start(other)).toThrow(/^cannot restore the emulator snapshot: /)
  })

  it('refuses a snapshot of another version given as data', () => {
    const file = savedFile()
    const snapshot = { ...loadSnapshot(file), version: 99 }
    expect(() => createEmulator({ accounts: [ACCOUNT], restore: snapshot })).toThrow(
      'snapshot format version 99 is not this wxmp',
    )
  })

  it('answers loadSnapshot for a missing file with a clear error', () => {
    const file = tempSnapshotFile()
    expect(() => loadSnapshot(file)).toThrow(`cannot open the emulator snapshot ${file}`)
  })
})

describe('the file layout', () => {
  it('keeps one row per store and each distinct file once, as a BLOB', () => {
    const file = tempSnapshotFile()
    const emulator = createEmulator({ accounts: [ACCOUNT], clock: clock(), seed: 3 })
    const bytes = new Uint8Array([1, 2, 3, 250])
    const file1 = { type: 'image', bytes, contentType: 'image/jpeg', filename: 'x.jpg' } as const
    emulator.state.registerTemporaryMedia(APPID, file1)
    emulator.state.media.addMaterial(APPID, file1)
    saveSnapshot(emulator, file)
    const db = new Database(file, { readonly: true })
    expect(db.pragma('user_version', { simple: true })).toBe(SNAPSHOT_VERSION)
    expect(db.prepare('SELECT count(*) FROM snapshot_blob').pluck().get()).toBe(1)
    expect(db.prepare('SELECT bytes FROM snapshot_blob').pluck().get()).toEqual(Buffer.from(bytes))
    const names = db.prepare('SELECT name FROM snapshot_part ORDER BY name').pluck().all()
    expect(names).toContain('meta')
    expect(names).toContain('media')
    db.close()
    // A later save without the file deletes its BLOB.
    const fresh = createEmulator({ accounts: [ACCOUNT], clock: clock(), seed: 3 })
    saveSnapshot(fresh, file)
    const after = new Database(file, { readonly: true })
    expect(after.prepare('SELECT count(*) FROM snapshot_blob').pluck().get()).toBe(0)
    after.close()
  })

  it('never mistakes data a user sent for a byte marker', () => {
    const blobs = new Map<string, Uint8Array>()
    const value = {
      sent: { $blob: 'not a marker' },
      $$twice: 1,
      file: new Uint8Array([9, 8]),
      buffer: Buffer.from('hi'),
    }
    const json = encodePart(value, blobs)
    expect(blobs.size).toBe(2)
    const back = decodePart(json, (hash) => {
      const bytes = blobs.get(hash)
      if (!bytes) throw new Error('missing')
      return new Uint8Array(bytes) // as read back from SQLite
    })
    expect(back).toEqual({
      sent: { $blob: 'not a marker' },
      $$twice: 1,
      file: new Uint8Array([9, 8]),
      buffer: new Uint8Array(Buffer.from('hi')),
    })
  })
})
