import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { lateReplyEntry } from './late-reply.js'
import { MemoryMessageLog } from './memory-message-log.js'
import { MAX_QUERY_LIMIT } from './query-filter.js'
import { openSqliteMessageLog } from './sqlite-message-log.js'
import { sampleEntry, tempDir } from './test-support.js'
import type { MessageLog, MessageLogEntry } from './types.js'

// Both stores must answer queries identically; each case runs against each.
const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const stores: Array<[string, () => MessageLog]> = [
  ['MemoryMessageLog', () => new MemoryMessageLog()],
  [
    'SqliteMessageLog',
    () => {
      const tmp = tempDir()
      const log = openSqliteMessageLog({ file: join(tmp.dir, 'log.sqlite') })
      cleanups.push(tmp.cleanup, () => log.close())
      return log
    },
  ],
]

describe.each(stores)('%s', (_name, open) => {
  it('returns entries newest first with every field intact, CJK, emoji and 20-digit ids included', async () => {
    const log = open()
    const first = sampleEntry({ at: 1_000, key: 'msg:24000000000000000001' })
    const second = sampleEntry({
      at: 2_000,
      key: 'msg:18446744073709551615',
      kind: 'event.CLICK',
      fromUser: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
      mode: 'compat',
      request:
        '<xml><Content><![CDATA[你好，世界 👋🏽 𠀀]]></Content><MsgId>18446744073709551615</MsgId></xml>',
      reply: '<xml><Content><![CDATA[收到 ✅]]></Content></xml>',
      outcome: 'replied',
      durationMs: 3.141592653589793,
    })
    const third = sampleEntry({
      at: 3_000,
      outcome: 'error',
      error: '处理失败: boom 💥',
      mode: 'plain',
    })
    for (const entry of [first, second, third]) log.append(entry)
    await log.flush()
    expect(await log.query()).toEqual([third, second, first])
  })

  it('orders entries with the same timestamp by append order, latest first', async () => {
    const log = open()
    const entries = ['a', 'b', 'c'].map((fromUser) => sampleEntry({ at: 5_000, fromUser }))
    for (const entry of entries) log.append(entry)
    expect((await log.query()).map((e) => e.fromUser)).toEqual(['c', 'b', 'a'])
  })

  it('orders by `at` across separate writes, even after the clock stepped back', async () => {
    const log = open()
    for (const at of [100, 200, 300]) log.append(sampleEntry({ at }))
    await log.flush()
    for (const at of [50, 250]) log.append(sampleEntry({ at }))
    await log.flush()
    log.append(sampleEntry({ at: 150 }))
    expect((await log.query()).map((e) => e.at)).toEqual([300, 250, 200, 150, 100, 50])
    expect((await log.query({ limit: 2, before: 260 })).map((e) => e.at)).toEqual([250, 200])
  })

  it('includes entries appended just before the query, without an explicit flush', async () => {
    const log = open()
    log.append(sampleEntry())
    expect(await log.query()).toHaveLength(1)
  })

  it('filters by appid, fromUser, kind, key and before, alone and combined', async () => {
    const log = open()
    const rows: MessageLogEntry[] = []
    let at = 0
    for (const appid of ['wxA', 'wxB'])
      for (const fromUser of ['u1', 'u2'])
        for (const kind of ['text', 'event.CLICK']) {
          at += 10
          const entry = sampleEntry({ at, appid, fromUser, kind, key: `msg:${at}` })
          rows.push(entry)
          log.append(entry)
        }
    const expected = (pick: (e: MessageLogEntry) => boolean) => rows.filter(pick).reverse()

    expect(await log.query({ appid: 'wxA' })).toEqual(expected((e) => e.appid === 'wxA'))
    expect(await log.query({ fromUser: 'u2' })).toEqual(expected((e) => e.fromUser === 'u2'))
    expect(await log.query({ kind: 'event.CLICK' })).toEqual(
      expected((e) => e.kind === 'event.CLICK'),
    )
    expect(await log.query({ key: 'msg:30' })).toEqual(expected((e) => e.key === 'msg:30'))
    expect(await log.query({ before: 40 })).toEqual(expected((e) => e.at < 40))
    expect(await log.query({ appid: 'wxB', fromUser: 'u1', kind: 'text', before: 60 })).toEqual(
      expected((e) => e.appid === 'wxB' && e.fromUser === 'u1' && e.kind === 'text' && e.at < 60),
    )
    expect(await log.query({ appid: 'wxC' })).toEqual([])
  })

  it('limits the result to the newest matches, 100 by default, 10,000 at most', async () => {
    const log = open()
    for (let i = 1; i <= 150; i++) log.append(sampleEntry({ at: i }))
    expect((await log.query({ limit: 3 })).map((e) => e.at)).toEqual([150, 149, 148])
    expect(await log.query()).toHaveLength(100)
    expect(await log.query({ limit: 0 })).toEqual([])
    expect(await log.query({ limit: MAX_QUERY_LIMIT * 10 })).toHaveLength(150)
  })

  it('pages with `before`: the last `at` of one page gives the next', async () => {
    const log = open()
    for (let i = 1; i <= 5; i++) log.append(sampleEntry({ at: i * 100 }))
    const page1 = await log.query({ limit: 2 })
    const page2 = await log.query({ limit: 2, before: page1.at(-1)!.at })
    expect([...page1, ...page2].map((e) => e.at)).toEqual([500, 400, 300, 200])
  })

  it('shows a late reply next to the deadline answer of the same message', async () => {
    const log = open()
    const original = sampleEntry({ at: 10_000, outcome: 'deadline', durationMs: 4_500 })
    log.append(original)
    log.append(
      lateReplyEntry(original, '<xml><Content><![CDATA[晚到的回复]]></Content></xml>', 17_000),
    )
    const history = await log.query({ key: original.key })
    expect(history.map((e) => [e.outcome, e.durationMs])).toEqual([
      ['late-reply', 7_000],
      ['deadline', 4_500],
    ])
    expect(history[0]!.reply).toContain('晚到的回复')
    expect(history[0]!.request).toBe(original.request)
  })

  it('counts written entries in its stats', async () => {
    const log = open()
    for (let i = 0; i < 3; i++) log.append(sampleEntry())
    await log.flush()
    expect(log.stats()).toMatchObject({ queued: 0, written: 3, dropped: 0, failed: 0 })
  })

  it('drops appends after close without throwing, and refuses queries', async () => {
    const log = open()
    await log.close()
    expect(() => log.append(sampleEntry())).not.toThrow()
    expect(log.stats().dropped).toBe(1)
    await expect(log.query()).rejects.toThrow(/closed/)
  })
})
