import type Database from 'better-sqlite3'
import type { TimerHandle } from '@wxmp/core'
import { queryLimit } from './query-filter.js'
import { RingBuffer } from './ring-buffer.js'
import { openMessageLogDatabase } from './sqlite-schema.js'
import { resolveSqliteOptions } from './sqlite-options.js'
import type { ResolvedSqliteOptions, SqliteMessageLogOptions } from './sqlite-options.js'
import { INSERT_SQL, insertEntry, rowToEntry, selectSql } from './sqlite-rows.js'
import type { MessageLog, MessageLogEntry, MessageLogFilter, MessageLogStats } from './types.js'

/** What one write attempt came to. */
type WriteResult = 'written' | 'busy' | 'failed'

/**
 * The message log in an embedded SQLite file, written behind the replies: `append` only queues;
 * a write of up to `batchSize` entries runs in one transaction when a batch fills (on the next
 * event-loop turn, never inside `append`) or when `flushIntervalMs` has passed since the first
 * queued entry. better-sqlite3 is synchronous, so a write runs on the event loop: each is bounded
 * to one batch and the loop is given back between batches. One writer process per file.
 */
export class SqliteMessageLog implements MessageLog {
  /** The database file. */
  readonly file: string
  readonly #o: ResolvedSqliteOptions
  readonly #db: Database.Database
  readonly #selects = new Map<string, Database.Statement>()
  readonly #writeBatch: Database.Transaction<(count: number) => void>
  readonly #queue: RingBuffer<MessageLogEntry>
  #timer: TimerHandle | undefined
  #immediate: NodeJS.Immediate | undefined
  #written = 0
  #dropped = 0
  #failed = 0
  #batches = 0
  #closed = false

  constructor(options: SqliteMessageLogOptions) {
    const o = resolveSqliteOptions(options)
    this.#o = o
    this.file = o.file
    this.#queue = new RingBuffer(o.maxQueued)
    const db = openMessageLogDatabase(o.file)
    this.#db = db
    const insert = db.prepare(INSERT_SQL)
    // Ids are contiguous (only the low end is ever deleted), so "the last maxRows ids" is exact.
    const prune = db.prepare('DELETE FROM message_log WHERE id <= ?')
    this.#writeBatch = db.transaction((count: number) => {
      let lastId: number | bigint = 0
      for (let i = 0; i < count; i++) lastId = insertEntry(insert, this.#queue.peek(i)!)
      if (o.maxRows !== Infinity && (this.#batches + 1) % o.pruneEveryBatches === 0) {
        prune.run(Number(lastId) - o.maxRows)
      }
    })
  }

  /** Queues the entry: O(1), no I/O, never throws. At most one timer is armed per batch. */
  append(entry: MessageLogEntry): void {
    if (this.#closed) {
      this.#dropped++
      return
    }
    if (this.#queue.push(entry)) this.#dropped++
    if (this.#queue.size >= this.#o.batchSize) {
      this.#immediate ??= setImmediate(this.#tick)
    } else if (this.#timer === undefined && this.#immediate === undefined) {
      this.#timer = this.#o.clock.setTimeout(this.#tick, this.#o.flushIntervalMs)
    }
  }

  /** Writes everything queued, one batch per transaction, yielding to the event loop between. */
  async flush(): Promise<void> {
    while (this.#queue.size > 0 && !this.#closed) {
      // A busy database is left to the timer's retry; a failed batch is gone. Either way, stop.
      if (this.#writeOne() !== 'written') return
      if (this.#queue.size > 0) await new Promise<void>((resolve) => setImmediate(resolve))
    }
  }

  /**
   * Flushes first, so the answer includes every entry appended before the call. Runs on the
   * event loop like the writes: filters on appid, kind and `before` are index range scans that
   * stop at the limit; `fromUser` and `key` scan an index newest-first (~0.1 s per million rows
   * when the match is rare), so keep them to admin use.
   */
  async query(filter: MessageLogFilter = {}): Promise<MessageLogEntry[]> {
    await this.flush()
    if (this.#closed) throw new Error(`message log ${this.file} is closed`)
    const { sql, params } = selectSql(filter, queryLimit(filter))
    let select = this.#selects.get(sql)
    if (select === undefined) {
      select = this.#db.prepare(sql)
      this.#selects.set(sql, select)
    }
    return select.all(...params).map(rowToEntry)
  }

  /** Counters for metrics (`queued` is a gauge, the rest only grow). */
  stats(): MessageLogStats {
    return {
      queued: this.#queue.size,
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
    const left = this.#queue.size
    if (left > 0) {
      this.#queue.discard(left)
      this.#fail(new Error(`message log ${this.file} closed with ${left} entries unwritten`), left)
    }
    this.#db.close()
  }

  /** The timer / immediate callback: one batch, then schedule whatever remains. */
  readonly #tick = (): void => {
    this.#cancelSchedule()
    if (this.#closed || this.#queue.size === 0) return
    const result = this.#writeOne()
    const left = this.#queue.size
    if (left === 0) return
    // A full batch goes on the next turn; a partial one, or a retry after a busy or failed
    // write (do not hammer a sick disk), waits the interval.
    if (result === 'written' && left >= this.#o.batchSize)
      this.#immediate = setImmediate(this.#tick)
    else this.#timer = this.#o.clock.setTimeout(this.#tick, this.#o.flushIntervalMs)
  }

  /** Writes the oldest batch in one transaction and removes it from the queue unless busy. */
  #writeOne(): WriteResult {
    const count = Math.min(this.#queue.size, this.#o.batchSize)
    try {
      // IMMEDIATE takes the write lock up front, so a locked file fails before any work is done.
      this.#writeBatch.immediate(count)
    } catch (err) {
      // Another writer holds the lock: keep the batch (bounded by maxQueued) and try again later.
      if ((err as { code?: unknown }).code === 'SQLITE_BUSY') return 'busy'
      this.#queue.discard(count)
      this.#fail(err, count)
      return 'failed'
    }
    this.#queue.discard(count)
    this.#written += count
    this.#batches++
    return 'written'
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
