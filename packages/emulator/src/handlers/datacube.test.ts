import { ERRCODE } from '@wxmp/core'
import { DATACUBE_MAX_SPAN_DAYS, endpoints } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { messageHarness } from './messages.test.helpers.js'

type Method = keyof typeof DATACUBE_MAX_SPAN_DAYS
const METHODS = Object.keys(DATACUBE_MAX_SPAN_DAYS) as Method[]

// The harness clock starts at 2026-01-01T00:00Z, 08:00 in Beijing: yesterday is 2025-12-31.
const YESTERDAY = '2025-12-31'
const HOUR_MS = 3_600_000

/** `YYYY-MM-DD` `days` before 2025-12-31. */
function daysBefore(days: number): string {
  return new Date(Date.UTC(2025, 11, 31) - days * 86_400_000).toISOString().slice(0, 10)
}

async function setup() {
  const h = await messageHarness()
  const cube = (method: Method, begin_date: unknown, end_date: unknown = begin_date) =>
    h.post(endpoints[`datacube.${method}`].path, { begin_date, end_date })
  const list = async (method: Method, begin: string, end = begin) => {
    const answer = await cube(method, begin, end)
    expectValidResponse(`datacube.${method}`, answer)
    return answer.list as Json[]
  }
  return { ...h, cube, list }
}

describe('datacube dates (数据统计, unverified)', () => {
  it.each(METHODS.map((m) => [m, DATACUBE_MAX_SPAN_DAYS[m]] as const))(
    '%s accepts %i days up to yesterday, one more is 61501',
    async (method, span) => {
      const { cube } = await setup()
      const ok = await cube(method, daysBefore(span - 1), YESTERDAY)
      expectValidResponse(`datacube.${method}`, ok)
      expect(ok.errcode ?? 0).toBe(0)
      expectError(await cube(method, daysBefore(span), YESTERDAY), ERRCODE.DATE_RANGE_ERROR)
      // The same question, the same answer.
      expect(await cube(method, daysBefore(span - 1), YESTERDAY)).toEqual(ok)
    },
  )

  it('answers 61500 for anything but a real YYYY-MM-DD day', async () => {
    const { cube } = await setup()
    for (const bad of ['2025/12/31', '20251231', '2025-12-1', '2025-02-29', '2025-13-01', ''])
      expectError(await cube('getUserSummary', bad, YESTERDAY), ERRCODE.DATE_FORMAT_ERROR)
    expectError(await cube('getUserSummary', YESTERDAY, '31.12.2025'), ERRCODE.DATE_FORMAT_ERROR)
  })

  it('answers 61501 for an end before the begin, and for today until Beijing midnight passes', async () => {
    const { cube, clock, renewToken } = await setup()
    expectError(await cube('getUserSummary', YESTERDAY, '2025-12-30'), ERRCODE.DATE_RANGE_ERROR)
    expectError(await cube('getUserSummary', '2026-01-01'), ERRCODE.DATE_RANGE_ERROR)
    expectError(await cube('getUserSummary', '2027-01-01'), ERRCODE.DATE_RANGE_ERROR)
    // 15:59:59.999Z is still 2026-01-01 in Beijing; 16:00Z is the next day there.
    clock.advance(16 * HOUR_MS - 1)
    await renewToken()
    expectError(await cube('getUserSummary', '2026-01-01'), ERRCODE.DATE_RANGE_ERROR)
    clock.advance(1)
    expect((await cube('getUserSummary', '2026-01-01')).errcode ?? 0).toBe(0)
  })

  it('answers 47001 for dates that are not strings or are missing', async () => {
    const { cube, post } = await setup()
    expectError(await cube('getUserSummary', 20251231), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await cube('getUserRead', YESTERDAY, null), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await post('/datacube/getusercumulate', {}), ERRCODE.DATA_FORMAT_ERROR)
  })
})

describe('datacube user figures come from the fans', () => {
  it('counts new followers per Beijing day and source, and the running total', async () => {
    const { list, emulator } = await setup()
    const at = (iso: string) => Date.parse(iso) / 1000
    // The demo fans followed long ago; only the four below follow in the range.
    for (const fan of emulator.fans.list(APPID)) fan.subscribeTime = at('2025-01-01T00:00:00Z')
    const before = emulator.fans.list(APPID).filter((fan) => fan.subscribed).length
    const follow = (iso: string, subscribeScene?: 'ADD_SCENE_QR_CODE' | 'ADD_SCENE_SEARCH') =>
      emulator.fans.create(APPID, {
        subscribeTime: at(iso),
        ...(subscribeScene && { subscribeScene }),
      })
    follow('2025-12-30T17:00:00Z', 'ADD_SCENE_QR_CODE') // 01:00 on 12-31 in Beijing
    follow('2025-12-31T02:00:00Z', 'ADD_SCENE_QR_CODE')
    follow('2025-12-29T03:00:00Z', 'ADD_SCENE_SEARCH')
    follow('2025-12-29T04:00:00Z')

    // Example exchange: {"begin_date":"2025-12-29","end_date":"2025-12-31"} → {"list": [...]}
    expect(await list('getUserSummary', '2025-12-29', YESTERDAY)).toEqual([
      { ref_date: '2025-12-29', user_source: 0, new_user: 1, cancel_user: 0 },
      { ref_date: '2025-12-29', user_source: 1, new_user: 1, cancel_user: 0 },
      { ref_date: YESTERDAY, user_source: 30, new_user: 2, cancel_user: 0 },
    ])
    expect(await list('getUserCumulate', '2025-12-29', YESTERDAY)).toEqual([
      { ref_date: '2025-12-29', cumulate_user: before + 2 },
      { ref_date: '2025-12-30', cumulate_user: before + 2 },
      { ref_date: YESTERDAY, cumulate_user: before + 4 },
    ])
  })
})

describe('datacube message and interface figures', () => {
  it('names weeks by their Monday and months by their first day', async () => {
    const { list } = await setup()
    const weeks = await list('getUpstreamMsgDistWeek', '2025-12-02', YESTERDAY)
    expect([...new Set(weeks.map((row) => row.ref_date))]).toEqual([
      '2025-12-01',
      '2025-12-08',
      '2025-12-15',
      '2025-12-22',
      '2025-12-29',
    ])
    const months = await list('getUpstreamMsgDistMonth', '2025-11-15', '2025-12-14')
    expect([...new Set(months.map((row) => row.ref_date))]).toEqual(['2025-11-01', '2025-12-01'])
    for (const row of await list('getUpstreamMsgMonth', '2025-11-15', '2025-12-14'))
      expect(['2025-11-01', '2025-12-01']).toContain(row.ref_date)
  })

  it('splits the followers over the four message-count intervals', async () => {
    const { list, emulator } = await setup()
    const followers = emulator.fans.list(APPID).filter((fan) => fan.subscribed).length
    const rows = await list('getUpstreamMsgDist', YESTERDAY)
    expect(rows.map((row) => row.count_interval)).toEqual([0, 1, 2, 3])
    expect(rows.reduce((sum, row) => sum + Number(row.msg_user), 0)).toBe(followers)
  })

  it('never reports more users than messages, reads or shares', async () => {
    const { list } = await setup()
    for (const row of await list('getUpstreamMsgHour', YESTERDAY)) {
      expect(Number(row.msg_user)).toBeLessThanOrEqual(Number(row.msg_count))
      expect(Number(row.ref_hour) % 100).toBe(0)
    }
    for (const row of await list('getUserRead', daysBefore(2), YESTERDAY))
      expect(Number(row.int_page_read_user)).toBeLessThanOrEqual(Number(row.int_page_read_count))
    expect(await list('getUserReadHour', YESTERDAY)).toHaveLength(24)
    for (const row of await list('getUserShare', YESTERDAY))
      expect([1, 2, 255]).toContain(row.share_scene)
  })

  it('counts the webhook’s passive replies per day and hour, failures apart', async () => {
    const { list, emulator } = await setup()
    const openid = emulator.fans.list(APPID)[0]!.openid
    const reply = (iso: string, msgtype = 'text') =>
      emulator.state.received.record(APPID, openid, {
        channel: 'reply',
        msgtype,
        payload: {},
        sentAt: Date.parse(iso),
        status: 'success',
      })
    reply('2025-12-31T01:10:00Z') // 09:10 Beijing
    reply('2025-12-31T01:50:00Z', 'notice')
    reply('2025-12-31T05:00:00Z') // 13:00 Beijing
    reply('2025-12-30T17:30:00Z') // 01:30 on 12-31 in Beijing
    reply('2025-12-30T10:00:00Z') // 12-30 in Beijing: another day

    const [day, ...others] = await list('getInterfaceSummary', YESTERDAY)
    expect(others).toEqual([])
    expect(day).toMatchObject({ ref_date: YESTERDAY, callback_count: 4, fail_count: 1 })
    expect(Number(day!.max_time_cost)).toBeLessThanOrEqual(Number(day!.total_time_cost))
    expect(Number(day!.max_time_cost)).toBeGreaterThanOrEqual(20)

    const hours = await list('getInterfaceSummaryHour', YESTERDAY)
    expect(hours.map((row) => [row.ref_hour, row.callback_count, row.fail_count])).toEqual([
      [100, 1, 0],
      [900, 2, 1],
      [1300, 1, 0],
    ])
    expect(await list('getInterfaceSummary', daysBefore(10))).toEqual([])
  })

  it('lists made-up articles with msgids of the form <msg_data_id>_<index>', async () => {
    const { list } = await setup()
    const rows = [
      ...(await list('getArticleSummary', daysBefore(3))),
      ...(await list('getArticleSummary', daysBefore(2))),
      ...(await list('getArticleSummary', daysBefore(1))),
      ...(await list('getArticleSummary', YESTERDAY)),
    ]
    for (const row of rows) expect(row.msgid).toMatch(/^\d+_\d$/)
    for (const row of await list('getArticleTotal', YESTERDAY))
      expect(row.details).toEqual([expect.objectContaining({ stat_date: YESTERDAY })])
  })
})
