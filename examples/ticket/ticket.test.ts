import { afterEach, describe, expect, it } from 'vitest'
import { ACCOUNT, exampleRig } from '../rig.test-support.js'
import type { ExampleRig } from '../rig.test-support.js'
import { ticketApp } from './app.js'
import { KEYS } from './commands.js'
import { TicketDb } from './db.js'
import { HELP, beijing } from './handlers.js'
import { ticketMenu } from './menu.js'

const HOUR = 3600
const DAY = 86_400
const dbs: TicketDb[] = []
afterEach(() => {
  for (const db of dbs.splice(0)) db.close()
})

/** A rig with a store holding `gala` (bookable now, 2 seats) and `film` (bookable tomorrow). */
async function setup(): Promise<{ rig: ExampleRig; db: TicketDb }> {
  const db = new TicketDb(':memory:')
  dbs.push(db)
  const rig = await exampleRig(() => ticketApp(db))
  const now = Math.floor(rig.clock.now() / 1000)
  db.addActivity({
    key: 'gala',
    name: '新年晚会',
    place: '大礼堂',
    bookFrom: now - HOUR,
    bookUntil: now + DAY,
    startsAt: now + 2 * DAY,
    endsAt: now + 2 * DAY + 3 * HOUR,
    total: 2,
  })
  db.addActivity({
    key: 'film',
    name: '电影放映',
    place: '小剧场',
    bookFrom: now + DAY,
    bookUntil: now + 3 * DAY,
    startsAt: now + 4 * DAY,
    endsAt: now + 4 * DAY + 2 * HOUR,
    total: 50,
  })
  return { rig, db }
}

async function click(rig: ExampleRig, key: string, openid?: string): Promise<string> {
  const report = await rig.push({ kind: 'event.CLICK', EventKey: key }, openid)
  if (report.reply?.type !== 'text') throw new Error(`no text reply to ${key}`)
  return report.reply.Content
}

describe('examples/ticket: a WeChatTicket-style booking account', () => {
  it('walks a fan through bind → list → book → query → return, by text and by menu', async () => {
    const { rig, db } = await setup()
    expect(await rig.say('绑定 2026012345')).toBe('绑定成功：2026012345')
    expect(await click(rig, KEYS.bind)).toBe('已绑定学号 2026012345')

    const listed = await click(rig, KEYS.list)
    expect(listed).toContain('新年晚会 @ 大礼堂')
    expect(listed).toContain('余票 2/2')
    expect(listed).toContain('电影放映')
    expect(listed).toContain('未开抢')

    const booked = await click(rig, `${KEYS.bookPrefix}gala`)
    expect(booked).toMatch(/^抢票成功！新年晚会，票号 GALA-0001-\w{4}$/)
    const code = booked.split('票号 ')[1]!
    expect(db.activity('gala')?.remaining).toBe(1)

    const mine = await rig.say('查票')
    expect(mine).toBe(`你的票：\n新年晚会（gala）票号 ${code}`)
    expect(await click(rig, KEYS.query)).toBe(mine)

    expect(await rig.say('退票 gala')).toBe(`退票成功：${code} 已作废`)
    expect(await rig.say('查票')).toBe('你还没有票')
    expect(db.activity('gala')?.remaining).toBe(2)
  })

  it('welcomes a new follower with the help text, and answers 帮助', async () => {
    const { rig } = await setup()
    const newcomer = rig.emulator.fans.create(ACCOUNT.appid, { subscribed: false })
    const report = await rig.push({ kind: 'event.subscribe' }, newcomer.openid)
    expect(report.reply).toEqual({ type: 'text', Content: HELP })
    expect(await rig.say('帮助')).toBe(HELP)
    expect(await rig.say('随便说点什么')).toContain('回复「帮助」')
  })

  it('asks for a student id before booking, and checks its format', async () => {
    const { rig } = await setup()
    expect(await rig.say('抢票 gala')).toBe('请先绑定学号：回复「绑定 学号」')
    expect(await rig.say('查票')).toBe('请先绑定学号：回复「绑定 学号」')
    expect(await rig.say('绑定 12345')).toBe('学号是 10 位数字，如：绑定 2026012345')
  })

  it('lets one student id belong to one fan only', async () => {
    const { rig } = await setup()
    const other = rig.emulator.fans.list(ACCOUNT.appid).filter((f) => f.subscribed)[1]!.openid
    expect(await rig.say('绑定 2026012345')).toBe('绑定成功：2026012345')
    expect(await rig.say('绑定 2026012345', other)).toBe('这个学号已被其他微信号绑定')
  })

  it('refuses a second ticket, sells out, and keeps to the booking window', async () => {
    const { rig } = await setup()
    const fans = rig.emulator.fans.list(ACCOUNT.appid).filter((f) => f.subscribed)
    const [a, b, c] = fans.map((f) => f.openid)
    for (const [i, openid] of [a, b, c].entries()) await rig.say(`绑定 202601000${i}`, openid)

    expect(await rig.say('抢票 gala', a)).toMatch(/^抢票成功/)
    expect(await rig.say('抢票 gala', a)).toBe('抢票失败：你已经有这个活动的票了，回复「查票」查看')
    expect(await rig.say('抢票 gala', b)).toMatch(/^抢票成功/)
    expect(await rig.say('抢票 gala', c)).toBe('抢票失败：票已经抢光了')
    expect(await rig.say('抢票 film', c)).toBe('抢票失败：还没开始抢票')
    expect(await rig.say('抢票 nope', c)).toBe('抢票失败：没有这个活动，回复「活动」查看活动代号')

    rig.clock.advance(DAY * 1000 + 1000) // gala booking over, film booking open
    expect(await rig.say('抢票 gala', c)).toBe('抢票失败：抢票已经结束')
    expect(await rig.say('抢票 film', c)).toMatch(/^抢票成功！电影放映/)

    rig.clock.advance(DAY * 1000) // gala has started
    expect(await rig.say('退票 gala', a)).toBe('退票失败：活动已经开始，不能退票')
  })

  it('publishes a menu with the bookable activities through the SDK', async () => {
    const { rig, db } = await setup()
    const now = Math.floor(rig.clock.now() / 1000)
    await rig.client.menu.create(ticketMenu(db.current(now)))
    const { menu } = await rig.client.menu.get()
    const keys = menu.button.flatMap((b) => (b.sub_button ?? []).map((s) => s.key))
    expect(keys).toEqual([
      KEYS.help,
      KEYS.bind,
      KEYS.query,
      KEYS.list,
      `${KEYS.bookPrefix}gala`,
      `${KEYS.bookPrefix}film`,
    ])
  })

  it('shows times in Beijing time', () => {
    expect(beijing(Date.UTC(2026, 2, 8, 11, 0) / 1000)).toBe('3月8日 19:00')
  })
})
