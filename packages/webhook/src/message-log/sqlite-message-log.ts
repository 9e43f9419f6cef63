import type Database from 'better-sqlite3'
import type { TimerHandle } from '@wxmp/core'
import { BatchBuilder } from './batch-builder.js'
import { queryLimit } from './query-filter.js'
import { BatchTable } from './sqlite-batches.js'
import type { BatchReader } from './sqlite-batches.js'
import { resolveSqliteOptions } from './sqlite-options.js'
import type { ResolvedSqliteOptions, SqliteMessageLogOptions } from './sqlite-options.js'
import { queryBatches } from './sqlite-query.js'
import { checkpointInline, openMessageLogDatabase } from './sqlite-schema.js'
import { WalCheckpointer } from './wal-checkpointer.js'
import type { MessageLog, MessageLogEntry, MessageLogFilter, MessageLogStats } from './types.js'

/** What one write attempt came to. */
type WriteResult = 'written' | 'busy' | 'failed'

/** Lets one turn of the event loop pass. */
const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * The message log in an embedded SQLite file, written behind the replies: `append` encodes the
 * entry into the batch being filled (`BatchBuilder`: bytes, not objects, wait for the write) and
 * does no I/O; a write of up to `batchSize` entries runs in one transaction when a batch fills
 * (on the next event-loop turn, never inside `append`) or when `flushIntervalMs` has passed
 * since the first queued entry. Each write stores the whole batch as one row (`batch-codec.ts`), a fifth of the
 * cost of a row per entry (`sqlite-schema.ts`); see `sqlite-query.ts` for what it costs queries.
 * better-sqlite3 is synchronous, so a write runs on the event loop: each is bounded to one batch
 * and the loop is given back between batches. One writer process per file.
 */
export class SqliteMessageLog implements MessageLog {
  /** The database file. */
  readonly file: string
  readonly #o: ResolvedSqliteOptions
  readonly #db: Database.Database
  readonly #table: BatchTable
  readonly #writeBatch: Database.Transaction<(batch: BatchBuilder) => number>
  /** The queue: batches oldest first; only the last one may still take entries. */
  readonly #queue: BatchBuilder[] = []
  /** Emptied batches kept for reuse, so a steady stream allocates no buffers. */
  readonly #spare: BatchBuilder[] = []
  /** Entries in `#queue`. */
  #queued = 0
  /** Entries stored in the file: kept here so retention needs no count query. */
  #stored: number
  #timer: TimerHandle | undefined
  #immediate: NodeJS.Immediate | undefined
  #written = 0
  #dropped = 0
  #failed = 0
  #batches = 0
  #closed = false
  readonly #checkpointer: WalCheckpointer | undefined

  constructor(options: SqliteMessageLogOptions) {
    const o = resolveSqliteOptions(options)
    this.#o = o
    this.file = o.file
    const db = openMessageLogDatabase(o.file)
    this.#db = db
    try {
      this.#table = new BatchTable(db)
      this.#stored = this.#table.totalEntries()
    } catch (err) {
      db.close()
      throw err
    }
    // Returns the entries stored once it commits; `#stored` is only updated then, so a rolled
    // back write leaves it true.
    this.#writeBatch = db.transaction((builder: BatchBuilder): number => {
      const count = builder.size
      const batch = builder.seal()
      this.#table.insert(batch, count)
      let stored = this.#stored + count
      if (stored > o.maxRows && (this.#batches + 1) % o.pruneEveryBatches === 0) {
        stored -= this.#table.prune(stored, o.maxRows)
      }
      return stored
    })
    if (o.checkpointThread && o.file !== ':memory:') {
      this.#checkpointer = new WalCheckpointer(o.file, o.checkpointBytes, {
        onFailure: (error) => {
          if (this.#closed) return
          checkpointInline(db, o.checkpointBytes)
          this.#fail(error, 0)
        },
      })
      db.pragma('wal_autocheckpoint = 0')
    }
  }

  /**
   * Where WAL checkpoints run: `thread` (the default) or `inline` (in a write, on the event loop:
   * when disabled, or after the thread failed), and how many the thread has finished.
   */
  get checkpointing(): { where: 'thread' | 'inline'; checkpoints: number } {
    return {
      where: this.#checkpointer?.active === true ? 'thread' : 'inline',
      checkpoints: this.#checkpointer?.checkpoints ?? 0,
    }
  }

  /**
   * Encodes the entry into the batch being filled: no I/O, never throws. At most one timer is
   * armed per batch.
   */
  append(entry: MessageLogEntry): void {
    if (this.#closed) {
      this.#dropped++
      return
    }
    let batch = this.#queue.at(-1)
    if (batch === undefined || batch.full) {
      batch = this.#spare.pop() ?? new BatchBuilder(this.#o.batchSize)
      this.#queue.push(batch)
    }
    try {
      batch.append(entry)
    } catch (err) {
      // Not expected (fields are coerced to text), but append must never throw at a reply.
      this.#fail(err, 1)
      return
    }
    this.#queued++
    if (this.#queued > this.#o.maxQueued) this.#dropOldest()
    if (this.#queued >= this.#o.batchSize) {
      this.#immediate ??= setImmediate(this.#tick)
    } else if (this.#timer === undefined && this.#immediate === undefined) {
      this.#timer = this.#o.clock.setTimeout(this.#tick, this.#o.flushIntervalMs)
    }
  }

  /** Writes everything queued, one batch per transaction, yielding to the event loop between. */
  async flush(): Promise<void> {
    while (this.#queued > 0 && !this.#closed) {
      // A busy database is left to the timer's retry; a failed batch is gone. Either way, stop.
      if (this.#writeOne() !== 'written') return
      if (this.#queued > 0) await nextTurn()
    }
  }

  /**
   * Flushes first, so the answer includes every entry appended before the call. Reads batches
   * newest first and filters them in JS (`sqlite-query.ts`): a page of recent entries reads a
   * batch or two; a filter that matches rarely decodes the history back to its `limit`-th match,
   * yielding to the event loop as it goes. Keep such searches to admin use.
   */
  async query(filter: MessageLogFilter = {}): Promise<MessageLogEntry[]> {
    await this.flush()
    this.#assertOpen()
    return queryBatches(this.#reader, filter, queryLimit(filter), nextTurn)
  }

  /** Counters for metrics (`queued` is a gauge, the rest only grow). */
  stats(): MessageLogStats {
    return {
      queued: this.#queued,
      written: this.#written,
      dropped: this.#dropped,
      failed: this.#failed,
      batches: this.#batches,
    }
  }

  /** Writes what is queued, then closes the file. Entries it could not write count as failed. */
  async close(): Promise<void> {
    if (this.#closed) return
    await this.flush()
    this.#closed = true
    this.#cancelSchedule()
    await this.#checkpointer?.close()
    const left = this.#queued
    if (left > 0) {
      for (const batch of this.#queue.splice(0)) this.#recycle(batch)
      this.#queued = 0
      this.#fail(new Error(`message log ${this.file} closed with ${left} entries unwritten`), left)
    }
    this.#db.close()
  }

  /** The timer / immediate callback: one batch, then schedule whatever remains. */
  readonly #tick = (): void => {
    this.#cancelSchedule()
    if (this.#closed || this.#queued === 0) return
    const result = this.#writeOne()
    const left = this.#queued
    if (left === 0) return
    // A full batch goes on the next turn; a partial one, or a retry after a busy or failed
    // write (do not hammer a sick disk), waits the interval.
    if (result === 'written' && left >= this.#o.batchSize)
      this.#immediate = setImmediate(this.#tick)
    else this.#timer = this.#o.clock.setTimeout(this.#tick, this.#o.flushIntervalMs)
  }

  /** Writes the oldest batch in one transaction and removes it from the queue unless busy. */
  #writeOne(): WriteResult {
    const batch = this.#queue[0]!
    const count = batch.size
    try {
      // IMMEDIATE takes the write lock up front, so a locked file fails before any work is done.
      this.#stored = this.#writeBatch.immediate(batch)
    } catch (err) {
      // Another writer holds the lock: keep the batch (bounded by maxQueued) and try again later.
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') return 'busy'
      this.#removeOldestBatch()
      this.#fail(err, count)
      return 'failed'
    }
    // The batch's stored bytes are what the write added to the WAL, near enough.
    this.#checkpointer?.noteWritten(batch.storedBytes)
    this.#removeOldestBatch()
    this.#written += count
    this.#batches++
    return 'written'
  }

  /** Takes the oldest batch off the queue (written or lost) and keeps it for reuse. */
  #removeOldestBatch(): void {
    const batch = this.#queue.shift()!
    this.#queued -= batch.size
    this.#recycle(batch)
  }

  /** Over `maxQueued`: the oldest queued entry goes (an operator looks at the newest first). */
  #dropOldest(): void {
    const oldest = this.#queue[0]!
    oldest.dropOldest()
    this.#queued--
    this.#dropped++
    if (oldest.size === 0 && this.#queue.length > 1) this.#recycle(this.#queue.shift()!)
  }

  #recycle(batch: BatchBuilder): void {
    batch.reset()
    // Two spares cover a steady stream (one filling, one being written); more is a burst's garbage.
    if (this.#spare.length < 2) this.#spare.push(batch)
  }

  /** The store as a query sees it: a log closed while a long query yielded fails that query. */
  readonly #reader: BatchReader = {
    heads: (after, before, limit) => {
      this.#assertOpen()
      return this.#table.heads(after, before, limit)
    },
    entries: (head, filter) => {
      this.#assertOpen()
      return this.#table.entries(head, filter)
    },
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`message log ${this.file} is closed`)
  }

  #fail(error: unknown, lost: number): void {
    this.#failed += lost
    try {
      this.#o.onError?.(error, lost)
    } catch {
      // A broken error reporter must not take the writer down with it.
    }
  }

  #cancelSchedule(): void {
    if (this.#timer !== undefined) this.#o.clock.clearTimeout(this.#timer)
    if (this.#immediate !== undefined) clearImmediate(this.#immediate)
    this.#timer = undefined
    this.#immediate = undefined
  }
}

/**
 * Opens (creating if needed) a message log in an SQLite file. Synchronous: it runs at start-up.
 * Throws `WxConfigError` for a bad option and `WxError('WX_ERR_MESSAGE_LOG_SCHEMA')` for a file
 * written by a newer wxmp.
 */
export function openSqliteMessageLog(options: SqliteMessageLogOptions): SqliteMessageLog {
  return new SqliteMessageLog(options)
}
