import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BatchEncoder } from './batch-codec.js'
import { BatchTable } from './sqlite-batches.js'
import type { BatchHead } from './sqlite-batches.js'
import { openMessageLogDatabase } from './sqlite-schema.js'
import { sampleEntry, tempDir } from './test-support.js'

let tmp: ReturnType<typeof tempDir>
let db: Database.Database
let table: BatchTable
beforeEach(() => {
  tmp = tempDir()
  db = openMessageLogDatabase(join(tmp.dir, 'log.sqlite'))
  table = new BatchTable(db)
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

/** Stores one batch per list of `at`s, in order. */
function store(...batches: number[][]): void {
  const encoder = new BatchEncoder()
  for (const ats of batches) {
    const entries = ats.map((at) => sampleEntry({ at }))
    table.insert(encoder.encode({ peek: (i) => entries[i] }, entries.length), entries.length)
  }
}

/** Every head, page by page, `perPage` at a time. */
function allHeads(before: number, perPage: number): BatchHead[] {
  const out: BatchHead[] = []
  for (let page = table.heads(undefined, before, perPage); page.length > 0;) {
    out.push(...page)
    page = table.heads(page.at(-1), before, perPage)
  }
  return out
}

describe('BatchTable', () => {
  it('pages through batch heads by newest entry, then oldest, then size, then id', () => {
    store([1, 5], [2, 3], [4, 5], [4, 5], [9])
    expect(allHeads(Infinity, 2).map((h) => [h.id, h.minAt, h.maxAt, h.count])).toEqual([
      [5, 9, 9, 1],
      [4, 4, 5, 2],
      [3, 4, 5, 2],
      [1, 1, 5, 2],
      [2, 2, 3, 2],
    ])
  })

  it('leaves out batches whose oldest entry is not before `before`', () => {
    store([1, 2], [3, 4], [5, 6])
    expect(allHeads(3, 10).map((h) => h.id)).toEqual([1])
    expect(allHeads(3.5, 10).map((h) => h.id)).toEqual([2, 1])
  })

  it('reads back the entries of a batch, and nothing for one that is gone', () => {
    store([1, 2])
    const [head] = table.heads(undefined, Infinity, 1)
    expect(table.entries(head!, {})?.map((e) => e.at)).toEqual([1, 2])
    expect(table.entries(head!, { before: 2 })?.map((e) => e.at)).toEqual([1])
    table.prune(2, 0)
    expect(table.entries(head!, {})).toBeUndefined()
  })

  it('prunes whole oldest batches, across many, while the rest hold at least `keep`', () => {
    store(...Array.from({ length: 150 }, (_, i) => [i]), [150, 151, 152])
    expect(table.totalEntries()).toBe(153)
    // 140 single-entry batches can go; the 141st would leave 12 of the 13 to keep.
    expect(table.prune(153, 13)).toBe(140)
    expect(table.totalEntries()).toBe(13)
    expect(allHeads(Infinity, 64).at(-1)).toMatchObject({ minAt: 140 })
  })
})
