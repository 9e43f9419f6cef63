import { describe, expect, it } from 'vitest'
import { BatchBuilder } from './batch-builder.js'
import { BatchEncoder, decodeBatch } from './batch-codec.js'
import { sampleEntry } from './test-support.js'
import type { MessageLogEntry } from './types.js'

const entries = (n: number, from = 0): MessageLogEntry[] =>
  Array.from({ length: n }, (_, i) =>
    sampleEntry({ at: 1000 + from + i, key: `msg:${from + i}`, reply: `回复 ${from + i} ✅` }),
  )

/** Decodes a sealed batch from a copy, as SQLite would hand it back. */
const decode = (builder: BatchBuilder): MessageLogEntry[] => {
  const count = builder.size
  return decodeBatch(Buffer.from(builder.seal().blob), count)
}

describe('BatchBuilder', () => {
  it('encodes as it goes: a full batch is byte for byte what the whole-batch encoder makes', () => {
    const batch = entries(8)
    const builder = new BatchBuilder(8)
    for (const e of batch) builder.append(e)
    expect(builder.full).toBe(true)
    const whole = new BatchEncoder().encode({ peek: (i) => batch[i] }, 8)
    expect(Buffer.compare(builder.seal().blob, whole.blob)).toBe(0)
    expect(decode(builder)).toEqual(batch)
  })

  it('seals a partial batch into the same stored form, with its bounds', () => {
    const builder = new BatchBuilder(512)
    const batch = entries(3)
    for (const e of batch) builder.append(e)
    expect(builder.seal()).toMatchObject({ minAt: 1000, maxAt: 1002 })
    expect(decode(builder)).toEqual(batch)
  })

  it('drops the oldest entries, before and after sealing, and keeps the rest intact', () => {
    const builder = new BatchBuilder(10)
    const batch = entries(6)
    for (const e of batch) builder.append(e)
    builder.dropOldest()
    builder.dropOldest()
    expect(builder.size).toBe(4)
    expect(builder.seal()).toMatchObject({ minAt: 1002, maxAt: 1005 })
    builder.dropOldest()
    expect(decode(builder)).toEqual(batch.slice(3))
  })

  it('takes nothing once sealed, until reset', () => {
    const builder = new BatchBuilder(4)
    builder.append(sampleEntry())
    builder.seal()
    expect(builder.full).toBe(true)
    expect(() => builder.append(sampleEntry())).toThrow(RangeError)
    builder.reset()
    const batch = entries(2, 50)
    for (const e of batch) builder.append(e)
    expect(decode(builder)).toEqual(batch)
  })

  it('grows for entries larger than its buffer', () => {
    const builder = new BatchBuilder(4)
    const big = Array.from({ length: 3 }, (_, i) =>
      sampleEntry({ at: i, request: `<xml>${'大'.repeat(400_000)}${i}</xml>` }),
    )
    for (const e of big) builder.append(e)
    expect(decode(builder)).toEqual(big)
  })
})
