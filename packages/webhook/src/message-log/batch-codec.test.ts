import { describe, expect, it } from 'vitest'
import { BatchEncoder, decodeBatch } from './batch-codec.js'
import { sampleEntry } from './test-support.js'
import type { MessageLogEntry, MessageLogFilter } from './types.js'

const from = (entries: MessageLogEntry[]) => ({ peek: (i: number) => entries[i] })

function roundTrip(entries: MessageLogEntry[], encoder = new BatchEncoder()): MessageLogEntry[] {
  // A copy, as SQLite hands back: the encoder's buffer is reused by the next batch.
  const blob = Buffer.from(encoder.encode(from(entries), entries.length).blob)
  return decodeBatch(blob, entries.length)
}

describe('batch codec', () => {
  it('round-trips every field: CJK, emoji, 20-digit ids, fractions, separators and NULs', () => {
    const entries = [
      sampleEntry({ at: 1_760_000_000_123.5, durationMs: 3.141592653589793 }),
      sampleEntry({
        key: 'msg:18446744073709551615',
        kind: 'event.CLICK',
        fromUser: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
        mode: 'compat',
        request: '<xml><Content><![CDATA[你好，世界 👋🏽 𠀀]]></Content></xml>',
        reply: '<xml><Content><![CDATA[收到 ✅]]></Content></xml>',
        outcome: 'replied',
      }),
      sampleEntry({
        request: 'a\u001fb\u001ec\u0000d\\e"f\r\ng',
        outcome: 'error',
        error: '失败 💥',
      }),
      sampleEntry({ appid: '', key: '', kind: '', fromUser: '', toUser: '', request: '' }),
    ]
    expect(roundTrip(entries)).toEqual(entries)
  })

  it('keeps an empty error apart from no error', () => {
    const [none, empty] = roundTrip([sampleEntry(), sampleEntry({ error: '' })])
    expect(none).not.toHaveProperty('error')
    expect(empty!.error).toBe('')
  })

  it('stores a lone surrogate as U+FFFD without shifting the fields after it', () => {
    const lone = sampleEntry({ fromUser: 'a\uD800', toUser: 'b', request: '\uDC00<xml/>' })
    expect(roundTrip([lone])[0]).toMatchObject({
      fromUser: 'a\uFFFD',
      toUser: 'b',
      request: '\uFFFD<xml/>',
      reply: lone.reply,
    })
  })

  it('turns a field that is not a string into one rather than shifting the others', () => {
    const odd = { ...sampleEntry(), fromUser: 42, toUser: undefined } as unknown as MessageLogEntry
    const [entry] = roundTrip([odd])
    expect(entry).toMatchObject({ fromUser: '42', toUser: '', reply: 'success' })
  })

  it('stores 60 bytes per entry plus its text in UTF-8', () => {
    const entry = sampleEntry({ error: '错' })
    const text = [
      entry.appid,
      entry.key,
      entry.kind,
      entry.fromUser,
      entry.toUser,
      entry.mode,
      entry.outcome,
      entry.error,
      entry.request,
      entry.reply,
    ].join('')
    const { blob } = new BatchEncoder().encode(from([entry, entry]), 2)
    expect(blob.length).toBe(2 * (60 + Buffer.byteLength(text)))
  })

  it('reports the oldest and newest `at`, whatever the append order', () => {
    const entries = [300, 100, 200].map((at) => sampleEntry({ at }))
    expect(new BatchEncoder().encode(from(entries), 3)).toMatchObject({ minAt: 100, maxAt: 300 })
  })

  it('grows its buffer for an oversized batch, then gives it back and keeps encoding correctly', () => {
    const encoder = new BatchEncoder()
    const big = Array.from({ length: 3 }, (_, i) =>
      sampleEntry({ at: i, request: `<xml>${'长'.repeat(1_500_000)}${i}</xml>` }),
    )
    expect(roundTrip(big, encoder)).toEqual(big)
    const small = [sampleEntry({ at: 9 })]
    expect(roundTrip(small, encoder)).toEqual(small)
  })

  it('decodes only the entries a filter selects, in append order', () => {
    const entries = [
      sampleEntry({ at: 1, fromUser: 'a', kind: 'text' }),
      sampleEntry({ at: 2, fromUser: 'b', kind: 'text' }),
      sampleEntry({ at: 3, fromUser: 'a', kind: 'image', appid: 'wxB', key: 'msg:3' }),
      sampleEntry({ at: 4, fromUser: 'a', kind: 'text', error: 'e' }),
    ]
    const blob = Buffer.from(new BatchEncoder().encode(from(entries), 4).blob)
    const ats = (filter: MessageLogFilter) => decodeBatch(blob, 4, filter).map((e) => e.at)
    expect(ats({ fromUser: 'a' })).toEqual([1, 3, 4])
    expect(ats({ fromUser: 'a', before: 4 })).toEqual([1, 3])
    expect(ats({ appid: 'wxB', kind: 'image', key: 'msg:3' })).toEqual([3])
    expect(decodeBatch(blob, 4, { before: 5, kind: 'text' })).toEqual([
      entries[0],
      entries[1],
      entries[3],
    ])
  })

  it('refuses a blob that does not hold the entries its count says', () => {
    const entries = [sampleEntry(), sampleEntry({ reply: '<xml>ok</xml>' })]
    const blob = Buffer.from(new BatchEncoder().encode(from(entries), 2).blob)
    expect(() => decodeBatch(blob.subarray(0, blob.length - 1), 2)).toThrow(/corrupt/)
    expect(() => decodeBatch(blob, 3)).toThrow(/corrupt/)
    expect(() => decodeBatch(blob, 1)).toThrow(
      expect.objectContaining({ code: 'WX_ERR_MESSAGE_LOG_CORRUPT' }),
    )
  })
})
