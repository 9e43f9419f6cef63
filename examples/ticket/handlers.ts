/**
 * The handler chain, in the style of the WeChatTicket course project: each handler says whether
 * it takes a command, the first that does answers. Order matters: the binding guard sits before
 * the handlers that need a student id.
 */
import type { Activity, Refusal, TicketDb } from './db.js'
import type { Command } from './commands.js'
import { KEYS } from './commands.js'

/** What a handler works with. */
export interface TicketContext {
  readonly db: TicketDb
  /** Unix seconds. */
  readonly now: number
}

/** One link of the chain. */
export interface TicketHandler {
  readonly name: string
  takes(command: Command, ctx: TicketContext): boolean
  answer(command: Command, ctx: TicketContext): string
}

/** The help text, also the welcome on follow. */
export const HELP = [
  '欢迎使用抢票助手！',
  '绑定 <学号>：绑定学号（10 位数字）',
  '活动：查看正在进行的活动',
  '抢票 <活动代号>：抢一张票',
  '查票：查看我的票',
  '退票 <活动代号>：活动开始前退票',
  '也可以用下方菜单。',
].join('\n')

const STUDENT_ID = /^\d{10}$/

const REFUSALS: Readonly<Record<Refusal, string>> = {
  'no-activity': '没有这个活动，回复「活动」查看活动代号',
  'not-open': '还没开始抢票',
  closed: '抢票已经结束',
  'sold-out': '票已经抢光了',
  'already-booked': '你已经有这个活动的票了，回复「查票」查看',
  'no-ticket': '你没有这个活动的票',
  started: '活动已经开始，不能退票',
}

const help: TicketHandler = {
  name: 'help',
  takes: (c) => c.action === 'help',
  answer: () => HELP,
}

const bind: TicketHandler = {
  name: 'bind',
  takes: (c) => c.action === 'bind',
  answer: (c, { db }) => {
    if (c.arg === '') {
      const bound = db.studentOf(c.openid)
      return bound === undefined
        ? '请回复「绑定 学号」，如：绑定 2026012345'
        : `已绑定学号 ${bound}`
    }
    if (!STUDENT_ID.test(c.arg)) return '学号是 10 位数字，如：绑定 2026012345'
    return db.bind(c.openid, c.arg) ? `绑定成功：${c.arg}` : '这个学号已被其他微信号绑定'
  },
}

const list: TicketHandler = {
  name: 'list',
  takes: (c) => c.action === 'list',
  answer: (_c, { db, now }) => {
    const activities = db.current(now)
    if (activities.length === 0) return '近期没有活动'
    return ['近期活动：', ...activities.map((a) => describe(a, now))].join('\n')
  },
}

// Booking, querying and returning need a student id: without one, this guard answers.
const needsBinding: TicketHandler = {
  name: 'needs-binding',
  takes: (c, { db }) =>
    (c.action === 'book' || c.action === 'query' || c.action === 'return') &&
    db.studentOf(c.openid) === undefined,
  answer: () => '请先绑定学号：回复「绑定 学号」',
}

const book: TicketHandler = {
  name: 'book',
  takes: (c) => c.action === 'book',
  answer: (c, { db, now }) => {
    if (c.arg === '') return '请回复「抢票 活动代号」，活动代号见「活动」'
    const result = db.book(c.openid, c.arg, now)
    if ('refused' in result) return `抢票失败：${REFUSALS[result.refused]}`
    return `抢票成功！${db.activity(c.arg)?.name ?? c.arg}，票号 ${result.code}`
  },
}

const query: TicketHandler = {
  name: 'query',
  takes: (c) => c.action === 'query',
  answer: (c, { db }) => {
    const tickets = db.tickets(c.openid)
    if (tickets.length === 0) return '你还没有票'
    return [
      '你的票：',
      ...tickets.map((t) => `${t.activityName}（${t.activityKey}）票号 ${t.code}`),
    ].join('\n')
  },
}

const giveBack: TicketHandler = {
  name: 'return',
  takes: (c) => c.action === 'return',
  answer: (c, { db, now }) => {
    if (c.arg === '') return '请回复「退票 活动代号」'
    const result = db.giveBack(c.openid, c.arg, now)
    if ('refused' in result) return `退票失败：${REFUSALS[result.refused]}`
    return `退票成功：${result.code} 已作废`
  },
}

const fallback: TicketHandler = {
  name: 'default',
  takes: () => true,
  answer: () => `没听懂。回复「帮助」查看用法。`,
}

/** The chain, first match wins. */
export const CHAIN: readonly TicketHandler[] = [
  help,
  bind,
  list,
  needsBinding,
  book,
  query,
  giveBack,
  fallback,
]

/** Runs `command` through `chain`; the fallback guarantees an answer. */
export function runChain(
  command: Command,
  ctx: TicketContext,
  chain: readonly TicketHandler[] = CHAIN,
): string {
  const handler = chain.find((h) => h.takes(command, ctx))
  return handler === undefined ? '' : handler.answer(command, ctx)
}

function describe(a: Activity, now: number): string {
  const state =
    now < a.bookFrom ? '未开抢' : now >= a.bookUntil ? '已结束' : `余票 ${a.remaining}/${a.total}`
  return `${a.name} @ ${a.place}，${beijing(a.startsAt)}，代号 ${a.key}（${state}；菜单键 ${KEYS.bookPrefix}${a.key}）`
}

/** `3月8日 19:00` in Beijing time (UTC+8), whatever the server's zone. */
export function beijing(unixSeconds: number): string {
  const d = new Date((unixSeconds + 8 * 3600) * 1000)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${hh}:${mm}`
}
