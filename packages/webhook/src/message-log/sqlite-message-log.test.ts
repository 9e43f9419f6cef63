import { join } from 'node:path'
import Database from 'better-sqlite3'
import { VirtualClock, WxConfigError } from '@wxmp/core'
import { unlinkSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openSqliteMessageLog } from './sqlite-message-log.js'
import type { SqliteMessageLog } from './sqlite-message-log.js'
import type { SqliteMessageLogOptions } from './sqlite-options.js'
import { sampleEntry, tempDir } from './test-support.js'

let tmp: ReturnType<typeof tempDir>
let file: string
const opened: Array<SqliteMessageLog | Database.Database> = []

beforeEach(() => {
  tmp = tempDir()
  file = join(tmp.dir, 'nested', 'dir', 'message-log.sqlite')
})
afterEach(async () => {
  for (const handle of opened.splice(0).reverse()) await handle.close()
  tmp.cleanup()
})

function open(options: Partial<SqliteMessageLogOptions> = {}): SqliteMessageLog {
  const log = openSqliteMessageLog({ file, ...options })
  opened.push(log)
  return log
}

/** A second connection to the same file, as another process (or the operator) would have. */
function peer(): Database.Database {
  const db = new Database(file, { timeout: 0 })
  opened.push(db)
  return db
}

/** Entries stored in the file, and the rows (batches) holding them. */
function stored(): { entries: number; batches: number } {
  return peer()
    .prepare('SELECT total(count) AS entries, count(*) AS batches FROM message_batch')
    .get() as { entries: number; batches: number }
}

/** Lets one turn of the event loop pass, so `setImmediate` callbacks run. No wall-clock wait. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('SqliteMessageLog batching', () => {
  it('does no I/O in append: nothing is written until the interval passes on the clock', async () => {
    const clock = new VirtualClock()
    const log = open({ clock, flushIntervalMs: 50 })
    for (let i = 0; i < 10; i++) log.append(sampleEntry({ at: i }))
    expect(log.stats()).toMatchObject({ queued: 10, written: 0 })
    expect(clock.pending()).toBe(1) // one timer for the whole batch, not one per append
    await nextTurn()
    clock.advance(49)
    expect(stored().entries).toBe(0)
    clock.advance(1)
    expect(log.stats()).toMatchObject({ queued: 0, written: 10, batches: 1 })
    expect(stored()).toEqual({ entries: 10, batches: 1 })
  })

  it('writes a full batch on the next event-loop turn, never inside append', async () => {
    const clock = new VirtualClock()
    const log = open({ clock, batchSize: 4 })
    for (let i = 0; i < 6; i++) log.append(sampleEntry({ at: i }))
    expect(log.stats().written).toBe(0)
    await nextTurn()
    // One batch of four; the remaining two wait for the interval.
    expect(log.stats()).toMatchObject({ written: 4, queued: 2, batches: 1 })
    clock.advance(50)
    expect(log.stats()).toMatchObject({ written: 6, queued: 0, batches: 2 })
  })

  it('writes everything queued as one row in one transaction on flush()', async () => {
    const log = open({ clock: new VirtualClock() })
    for (let i = 0; i < 300; i++) log.append(sampleEntry({ at: i }))
    await log.flush()
    expect(log.stats()).toMatchObject({ written: 300, queued: 0, batches: 1 })
    expect(stored()).toEqual({ entries: 300, batches: 1 })
  })

  it('splits a backlog larger than a batch into batch-sized rows and transactions', async () => {
    const log = open({ clock: new VirtualClock(), batchSize: 100 })
    for (let i = 0; i < 250; i++) log.append(sampleEntry({ at: i }))
    await log.flush()
    expect(log.stats()).toMatchObject({ written: 250, batches: 3 })
    expect(stored()).toEqual({ entries: 250, batches: 3 })
  })
})

describe('SqliteMessageLog memory', () => {
  it('holds queued entries as bytes: neither the entry nor its XML is kept until the write', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const log = open({ clock: new VirtualClock() })
    // Made in a function of their own, so no stale slot of this (suspended) one holds an entry.
    const appendSome = (): Array<WeakRef<object>> =>
      [0, 1, 2].map((i) => {
        // A request string of its own (not a literal V8 would keep), as a push's body is.
        const entry = sampleEntry({ at: i, request: `<xml>${String(i).repeat(1000 + i)}</xml>` })
        log.append(entry)
        return new WeakRef(entry)
      })
    const refs = appendSome()
    // A WeakRef keeps its target alive until the job that made it ends.
    await nextTurn()
    gc()
    expect(log.stats().queued).toBe(3)
    expect(refs.map((r) => r.deref())).toEqual([undefined, undefined, undefined])
    expect((await log.query()).map((e) => e.request.length)).toEqual([1013, 1012, 1011])
  })
})

describe('SqliteMessageLog durability', () => {
  it('keeps its rows across close and reopen, and close writes what was still queued', async () => {
    const first = open({ clock: new VirtualClock() })
    first.append(sampleEntry({ at: 1, key: 'msg:24000000000000000001' }))
    await first.flush()
    first.append(sampleEntry({ at: 2, key: 'msg:24000000000000000002' }))
    await first.close()
    const again = open()
    expect((await again.query()).map((e) => e.key)).toEqual([
      'msg:24000000000000000002',
      'msg:24000000000000000001',
    ])
  })

  it('creates the directory, the schema at version 2, and a WAL journal', () => {
    open()
    const db = peer()
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
  })

  it('deletes whole oldest batches beyond maxRows entries, always keeping the newest maxRows', async () => {
    const log = open({ clock: new VirtualClock(), batchSize: 2, maxRows: 5, pruneEveryBatches: 1 })
    for (let at = 1; at <= 20; at++) log.append(sampleEntry({ at }))
    await log.flush()
    // Batches of two: dropping [15, 16] as well would leave four.
    expect(stored()).toEqual({ entries: 6, batches: 3 })
    expect((await log.query()).map((e) => e.at)).toEqual([20, 19, 18, 17, 16, 15])
  })

  it('runs retention only every pruneEveryBatches writes', async () => {
    const log = open({ clock: new VirtualClock(), batchSize: 1, maxRows: 2, pruneEveryBatches: 4 })
    for (let at = 1; at <= 3; at++) log.append(sampleEntry({ at }))
    await log.flush()
    expect(stored().entries).toBe(3)
    log.append(sampleEntry({ at: 4 }))
    await log.flush()
    expect(stored().entries).toBe(2)
  })

  it('counts the entries a reopened file holds, so retention stays exact across restarts', async () => {
    const options = { batchSize: 3, maxRows: 6, pruneEveryBatches: 1 }
    const first = open({ clock: new VirtualClock(), ...options })
    for (let at = 1; at <= 6; at++) first.append(sampleEntry({ at }))
    await first.close()
    const again = open({ clock: new VirtualClock(), ...options })
    for (let at = 7; at <= 9; at++) again.append(sampleEntry({ at }))
    await again.flush()
    expect(stored()).toEqual({ entries: 6, batches: 2 })
    expect((await again.query()).map((e) => e.at)).toEqual([9, 8, 7, 6, 5, 4])
  })

  it('refuses options that are not positive integers', () => {
    expect(() => open({ batchSize: 0 })).toThrow(WxConfigError)
    expect(() => open({ maxQueued: Infinity })).toThrow(/maxQueued/)
    expect(() => open({ maxRows: Infinity })).not.toThrow()
  })
})

describe('SqliteMessageLog queries', () => {
  it('fails a long search cleanly when the log is closed while the search yields', async () => {
    const log = open({ clock: new VirtualClock() })
    for (let at = 0; at < 12_000; at++) log.append(sampleEntry({ at }))
    await log.flush()
    // A rare filter reads every batch, yielding to the event loop every ~8k entries.
    const search = log.query({ fromUser: 'nobody' })
    const closing = log.close()
    await expect(search).rejects.toThrow(/closed/)
    await closing
  })
})

describe('SqliteMessageLog under trouble', () => {
  it('drops the oldest queued entries past maxQueued and counts them', async () => {
    const log = open({ clock: new VirtualClock(), maxQueued: 3 })
    for (let at = 1; at <= 5; at++) log.append(sampleEntry({ at }))
    expect(log.stats()).toMatchObject({ queued: 3, dropped: 2 })
    expect((await log.query()).map((e) => e.at)).toEqual([5, 4, 3])
  })

  it('counts and reports a failed write, never throws from append, and recovers', async () => {
    const errors: Array<[unknown, number]> = []
    const clock = new VirtualClock()
    const log = open({ clock, onError: (error, lost) => errors.push([error, lost]) })
    // Any write to the table now fails, as it would on a full disk.
    peer().exec(
      "CREATE TRIGGER fail BEFORE INSERT ON message_batch BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    )
    expect(() => {
      for (let i = 0; i < 3; i++) log.append(sampleEntry())
    }).not.toThrow()
    clock.advance(50)
    expect(log.stats()).toMatchObject({ failed: 3, written: 0, queued: 0 })
    expect(errors).toHaveLength(1)
    expect(String(errors[0]![0])).toMatch(/disk full/)
    expect(errors[0]![1]).toBe(3)

    peer().exec('DROP TRIGGER fail')
    log.append(sampleEntry())
    await log.flush()
    expect(log.stats()).toMatchObject({ failed: 3, written: 1 })
  })

  it('survives an onError callback that throws', async () => {
    const log = open({
      clock: new VirtualClock(),
      onError: () => {
        throw new Error('reporter broke')
      },
    })
    peer().exec(
      "CREATE TRIGGER fail BEFORE INSERT ON message_batch BEGIN SELECT RAISE(ABORT, 'x'); END",
    )
    log.append(sampleEntry())
    await expect(log.flush()).resolves.toBeUndefined()
    expect(log.stats().failed).toBe(1)
  })

  it('keeps entries queued, not failed, while another connection holds the write lock', async () => {
    const clock = new VirtualClock()
    const log = open({ clock })
    const other = peer()
    other.exec('BEGIN IMMEDIATE')
    log.append(sampleEntry())
    await log.flush()
    expect(log.stats()).toMatchObject({ queued: 1, written: 0, failed: 0 })
    other.exec('COMMIT')
    clock.advance(50) // the retry timer
    expect(log.stats()).toMatchObject({ queued: 0, written: 1, failed: 0 })
  })

  it('counts entries still locked out at close as failed', async () => {
    const errors: number[] = []
    const log = open({ clock: new VirtualClock(), onError: (_e, lost) => errors.push(lost) })
    const other = peer()
    other.exec('BEGIN IMMEDIATE')
    log.append(sampleEntry())
    log.append(sampleEntry())
    await log.close()
    other.exec('ROLLBACK')
    expect(log.stats()).toMatchObject({ queued: 0, failed: 2 })
    expect(errors).toEqual([2])
  })
})

describe('SqliteMessageLog WAL checkpoints', () => {
  /** Entries of ~20 KB each, so a few batches pass a small checkpoint threshold. */
  const bulky = (at: number) => sampleEntry({ at, request: `<xml>${'x'.repeat(20_000)}</xml>` })

  it('runs them on a thread once enough WAL is written, not inside the writes', async () => {
    const log = open({ clock: new VirtualClock(), checkpointBytes: 64 * 1024 })
    expect(log.checkpointing).toEqual({ where: 'thread', checkpoints: 0 })
    for (let i = 0; i < 8; i++) log.append(bulky(i))
    await log.flush()
    await vi.waitFor(() => expect(log.checkpointing.checkpoints).toBeGreaterThan(0))
    expect(log.checkpointing.where).toBe('thread')
    // The WAL was copied into the file by the thread: a reader without the WAL sees every row.
    expect(stored().entries).toBe(8)
    for (let i = 8; i < 16; i++) log.append(bulky(i))
    await log.close()
    expect(stored().entries).toBe(16)
  })

  it('starts no thread for a log that never fills a checkpoint', async () => {
    const log = open({ clock: new VirtualClock() })
    log.append(sampleEntry())
    await log.flush()
    expect(log.checkpointing).toEqual({ where: 'thread', checkpoints: 0 })
  })

  it('goes back to inline checkpoints, and says so, when the thread cannot open the file', async () => {
    const errors: Array<[unknown, number]> = []
    const log = open({
      clock: new VirtualClock(),
      checkpointBytes: 64 * 1024,
      onError: (error, lost) => errors.push([error, lost]),
    })
    // The writer keeps its open file; a thread opening the path now finds nothing there.
    unlinkSync(file)
    for (let i = 0; i < 8; i++) log.append(bulky(i))
    await log.flush()
    await vi.waitFor(() => expect(log.checkpointing.where).toBe('inline'))
    expect(errors).toHaveLength(1)
    expect(String(errors[0]![0])).toMatch(/WAL checkpoints are back on the event loop/)
    expect(errors[0]![1]).toBe(0)
    // Writing goes on, and nothing was counted lost.
    log.append(sampleEntry())
    await log.flush()
    expect(log.stats()).toMatchObject({ written: 9, failed: 0 })
  })

  it('keeps inline checkpoints when the thread is turned off', () => {
    const log = open({ checkpointThread: false })
    expect(log.checkpointing.where).toBe('inline')
    expect(() => open({ file, checkpointBytes: 0 })).toThrow(WxConfigError)
  })
})
