import type Database from 'better-sqlite3'
import { decodeBatch } from './batch-codec.js'
import type { EncodedBatch } from './batch-builder.js'
import type { MessageLogEntry, MessageLogFilter } from './types.js'

/** A batch as the index knows it, without its entries. */
export interface BatchHead {
  readonly id: number
  readonly minAt: number
  readonly maxAt: number
  readonly count: number
}

/** What a query reads: batch heads newest first, then the entries of the ones it needs. */
export interface BatchReader {
  /**
   * Up to `limit` batches that follow `after` in index order (`max_at`, `min_at`, `count`, `id`,
   * all descending; from the top when `after` is undefined), skipping batches whose entries are
   * all at or after `before`. Read from the index alone.
   */
  heads(after: BatchHead | undefined, before: number, limit: number): BatchHead[]
  /**
   * The entries of a batch that pass `filter` (its `limit` aside), in append order; undefined if
   * the batch has been deleted since its head was read.
   */
  entries(head: BatchHead, filter: MessageLogFilter): MessageLogEntry[] | undefined
}

/** How many oldest batches retention looks at per statement. */
const PRUNE_SCAN = 64

/** The prepared statements over `message_batch` (see `sqlite-schema.ts` for the table). */
export class BatchTable implements BatchReader {
  readonly #insert: Database.Statement
  readonly #total: Database.Statement
  readonly #oldest: Database.Statement
  readonly #deleteUpTo: Database.Statement
  readonly #heads: Database.Statement
  readonly #entries: Database.Statement

  constructor(db: Database.Database) {
    this.#insert = db.prepare(
      'INSERT INTO message_batch (min_at, max_at, count, entries) VALUES (?, ?, ?, ?)',
    )
    this.#total = db.prepare('SELECT total(count) FROM message_batch').pluck()
    this.#oldest = db.prepare('SELECT id, count FROM message_batch ORDER BY id LIMIT ?').raw()
    this.#deleteUpTo = db.prepare('DELETE FROM message_batch WHERE id <= ?')
    // A row-value range on the covering index: a page costs a seek and `limit` index entries,
    // however deep the cursor, and never touches the (large) table rows.
    this.#heads = db
      .prepare(
        'SELECT id, min_at, max_at, count FROM message_batch ' +
          'WHERE (max_at, min_at, count, id) < (?, ?, ?, ?) AND min_at < ? ' +
          'ORDER BY max_at DESC, min_at DESC, count DESC, id DESC LIMIT ?',
      )
      .raw()
    this.#entries = db.prepare('SELECT entries FROM message_batch WHERE id = ?').pluck()
  }

  /** Inserts one batch of `count` entries. */
  insert(batch: EncodedBatch, count: number): void {
    this.#insert.run(batch.minAt, batch.maxAt, count, batch.blob)
  }

  /** Entries stored, summed over the index (one small scan, at open). */
  totalEntries(): number {
    return this.#total.get() as number
  }

  /**
   * Deletes the oldest whole batches for as long as at least `keep` entries remain, given that
   * `total` are stored. Returns how many entries it deleted.
   */
  prune(total: number, keep: number): number {
    let excess = total - keep
    let deleted = 0
    for (;;) {
      const oldest = this.#oldest.all(PRUNE_SCAN) as Array<[number, number]>
      let lastId: number | undefined
      for (const [id, count] of oldest) {
        if (count > excess) break
        excess -= count
        deleted += count
        lastId = id
      }
      if (lastId === undefined) return deleted
      this.#deleteUpTo.run(lastId)
      if (lastId !== oldest.at(-1)?.[0]) return deleted
    }
  }

  heads(after: BatchHead | undefined, before: number, limit: number): BatchHead[] {
    const rows = (
      after === undefined
        ? this.#heads.all(Infinity, Infinity, Infinity, Infinity, before, limit)
        : this.#heads.all(after.maxAt, after.minAt, after.count, after.id, before, limit)
    ) as Array<[number, number, number, number]>
    return rows.map(([id, minAt, maxAt, count]) => ({ id, minAt, maxAt, count }))
  }

  entries(head: BatchHead, filter: MessageLogFilter): MessageLogEntry[] | undefined {
    const blob = this.#entries.get(head.id) as Buffer | undefined
    return blob === undefined ? undefined : decodeBatch(blob, head.count, filter)
  }
}
