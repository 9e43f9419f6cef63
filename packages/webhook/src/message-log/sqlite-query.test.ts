import { describe, expect, it } from 'vitest'
import { matchesFilter } from './query-filter.js'
import type { BatchHead, BatchReader } from './sqlite-batches.js'
import { queryBatches } from './sqlite-query.js'
import { sampleEntry } from './test-support.js'
import type { MessageLogEntry } from './types.js'

/**
 * Batches in memory behind the `BatchReader` interface, ordered as the index orders them, and
 * a record of which ones a query decoded.
 */
function fakeReader(batches: MessageLogEntry[][]): BatchReader & { read: number[] } {
  const heads: BatchHead[] = batches.map((entries, id) => ({
    id,
    minAt: Math.min(...entries.map((e) => e.at)),
    maxAt: Math.max(...entries.map((e) => e.at)),
    count: entries.length,
  }))
  const order = (a: BatchHead, b: BatchHead) =>
    b.maxAt - a.maxAt || b.minAt - a.minAt || b.count - a.count || b.id - a.id
  heads.sort(order)
  const read: number[] = []
  return {
    read,
    heads: (after, before, limit) => {
      const start = after === undefined ? 0 : heads.findIndex((h) => h.id === after.id) + 1
      return heads
        .slice(start)
        .filter((h) => h.minAt < before)
        .slice(0, limit)
    },
    entries: (head, filter) => {
      read.push(head.id)
      return batches[head.id]?.filter((e) => matchesFilter(e, filter))
    },
  }
}

const batchOf = (ats: number[], extra: Partial<MessageLogEntry> = {}) =>
  ats.map((at) => sampleEntry({ at, ...extra }))
const noYield = () => Promise.resolve()

describe('queryBatches', () => {
  it('stops decoding once older batches cannot make the page', async () => {
    const reader = fakeReader([batchOf([1, 2, 3]), batchOf([4, 5, 6]), batchOf([7, 8, 9])])
    const found = await queryBatches(reader, {}, 3, noYield)
    expect(found.map((e) => e.at)).toEqual([9, 8, 7])
    expect(reader.read).toEqual([2])
  })

  it('still finds a newer entry in an older batch when the clock stepped back', async () => {
    // Batch 1 was written after batch 0 but its clock read earlier, except for one entry.
    const reader = fakeReader([batchOf([10, 11, 12]), batchOf([5, 6, 20])])
    const found = await queryBatches(reader, {}, 3, noYield)
    expect(found.map((e) => e.at)).toEqual([20, 12, 11])
    expect(reader.read).toEqual([1, 0])
  })

  it('breaks ties on `at` by append order: later batch, then later entry, first', async () => {
    const reader = fakeReader([
      batchOf([7, 7], { fromUser: 'a' }).map((e, i) => ({ ...e, key: `a${i}` })),
      batchOf([7, 7], { fromUser: 'b' }).map((e, i) => ({ ...e, key: `b${i}` })),
    ])
    const found = await queryBatches(reader, {}, 3, noYield)
    expect(found.map((e) => e.key)).toEqual(['b1', 'b0', 'a1'])
  })

  it('skips batches wholly at or after `before` without decoding them', async () => {
    const reader = fakeReader([batchOf([1, 2]), batchOf([3, 4]), batchOf([5, 6])])
    const found = await queryBatches(reader, { before: 4 }, 10, noYield)
    expect(found.map((e) => e.at)).toEqual([3, 2, 1])
    expect(reader.read).toEqual([1, 0])
  })

  it('scans on past batches without a match, yielding to the event loop as it goes', async () => {
    const batches = Array.from({ length: 40 }, (_, b) =>
      batchOf(Array.from({ length: 500 }, (_, i) => b * 1_000 + i)),
    )
    batches[0]![7] = sampleEntry({ at: 7, fromUser: 'rare' })
    const reader = fakeReader(batches)
    let yields = 0
    const found = await queryBatches(reader, { fromUser: 'rare' }, 100, async () => {
      yields++
    })
    expect(found.map((e) => e.at)).toEqual([7])
    expect(reader.read).toHaveLength(40)
    expect(yields).toBeGreaterThanOrEqual(2)
  })

  it('passes over a batch deleted by retention while it yielded', async () => {
    const reader = fakeReader([batchOf([1]), batchOf([2])])
    const entries = reader.entries
    reader.entries = (head, filter) => (head.id === 0 ? undefined : entries(head, filter))
    expect((await queryBatches(reader, {}, 10, noYield)).map((e) => e.at)).toEqual([2])
  })

  it('answers a limit of 0 without reading anything', async () => {
    const reader = fakeReader([batchOf([1])])
    expect(await queryBatches(reader, {}, 0, noYield)).toEqual([])
    expect(reader.read).toEqual([])
  })
})
