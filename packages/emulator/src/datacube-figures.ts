/**
 * The figures datacube answers. What the emulator knows is real: new followers and the follower
 * total come from the fans' follow times, the interface figures from the passive replies the push
 * engine recorded. What it cannot know (articles read and shared, messages fans sent) is made up
 * from a hash of the account, the call and the day [inferred], so the same question always gets
 * the same answer, scaled to the account's followers.
 */
import type { EndpointId, ResponseOf } from '@wxmp/spec'
import { daysOf, formatDay, beijingDayNumber } from './datacube-dates.js'
import type { DayNumber, DayRange } from './datacube-dates.js'
import type { SubscribeScene } from './fans.js'
import type { EmulatorState } from './state.js'

type DatacubeId = Extract<EndpointId, `datacube.${string}`>
type ListOf<Id extends DatacubeId> = ResponseOf<Id>['list']

/** FNV-1a over the parts: a stable 32-bit number. */
function hash(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5
  for (const char of parts.join('|')) {
    h ^= char.codePointAt(0) ?? 0
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** A made-up figure from 0 to `max`, fixed for its parts. */
function figure(max: number, ...parts: readonly (string | number)[]): number {
  return hash(...parts) % (Math.max(0, Math.floor(max)) + 1)
}

/** `user_source` of a follow scene (the codes the user-analysis page lists; 0 = other). */
const USER_SOURCE: Partial<Record<SubscribeScene, number>> = {
  ADD_SCENE_SEARCH: 1,
  ADD_SCENE_PROFILE_CARD: 17,
  ADD_SCENE_QR_CODE: 30,
  ADD_SCENE_PAID: 51,
  ADD_SCENE_PROFILE_LINK: 57,
  ADD_SCENE_PROFILE_ITEM: 57,
  ADD_SCENE_WECHAT_ADVERTISEMENT: 100,
  ADD_SCENE_REPRINT: 161,
  ADD_SCENE_CHANNELS: 200,
  ADD_SCENE_LIVESTREAM: 201,
}

const BEIJING_OFFSET_MS = 8 * 3_600_000

const fanDay = (subscribeTime: number): DayNumber => beijingDayNumber(subscribeTime * 1000)

/** What the figures are computed from. */
export interface CubeContext {
  readonly state: EmulatorState
  readonly appid: string
}

function followerCount({ state, appid }: CubeContext): number {
  return state.fans.list(appid).filter((fan) => fan.subscribed).length
}

/**
 * New followers per day and source, from each fan's latest follow; days and sources without one
 * are left out. `cancel_user` is 0: fans keep no unfollow time [inferred].
 */
export function userSummary(cube: CubeContext, range: DayRange): ListOf<'datacube.getUserSummary'> {
  const counts = new Map<string, number>()
  for (const fan of cube.state.fans.list(cube.appid)) {
    const day = fanDay(fan.subscribeTime)
    if (day < range.begin || day > range.end) continue
    const key = `${day} ${USER_SOURCE[fan.subscribeScene] ?? 0}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts]
    .map(([key, newUser]) => {
      const [day = 0, source = 0] = key.split(' ').map(Number)
      return { day, source, newUser }
    })
    .sort((a, b) => a.day - b.day || a.source - b.source)
    .map(({ day, source, newUser }) => ({
      ref_date: formatDay(day),
      user_source: source,
      new_user: newUser,
      cancel_user: 0,
    }))
}

/** Followers at the end of each day: today's followers who had followed by then. */
export function userCumulate(
  cube: CubeContext,
  range: DayRange,
): ListOf<'datacube.getUserCumulate'> {
  const followers = cube.state.fans.list(cube.appid).filter((fan) => fan.subscribed)
  return daysOf(range).map((day) => ({
    ref_date: formatDay(day),
    cumulate_user: followers.filter((fan) => fanDay(fan.subscribeTime) <= day).length,
  }))
}

/** Read, share and favourite figures for one key, users never above counts. */
function reads(scale: number, ...key: readonly (string | number)[]) {
  const pair = (name: string, users: number) => {
    const user = figure(users, ...key, name)
    return [user, user + figure(user, ...key, name, 'count')] as const
  }
  const [intUser, intCount] = pair('int', scale * 3)
  const [oriUser, oriCount] = pair('ori', scale)
  const [shareUser, shareCount] = pair('share', scale / 2)
  const [favUser, favCount] = pair('fav', scale / 2)
  return {
    int_page_read_user: intUser,
    int_page_read_count: intCount,
    ori_page_read_user: oriUser,
    ori_page_read_count: oriCount,
    share_user: shareUser,
    share_count: shareCount,
    add_to_fav_user: favUser,
    add_to_fav_count: favCount,
  }
}

/** Made-up articles of a day: 0–2, `msgid` `<msg_data_id>_<index>`. */
function articlesOf(cube: CubeContext, day: DayNumber) {
  const count = figure(2, cube.appid, 'articles', day)
  const id = 2_247_483_649 + (hash(cube.appid, day) % 1_000_000)
  return Array.from({ length: count }, (_, i) => ({
    msgid: `${id}_${i + 1}`,
    title: ['本周精选', '活动预告', '产品更新说明'][hash(cube.appid, day, i) % 3] ?? '本周精选',
  }))
}

/** One row per made-up article sent that day. */
export function articleSummary(
  cube: CubeContext,
  range: DayRange,
): ListOf<'datacube.getArticleSummary'> {
  const scale = followerCount(cube)
  return daysOf(range).flatMap((day) =>
    articlesOf(cube, day).map((article) => ({
      ref_date: formatDay(day),
      ...article,
      ...reads(scale, cube.appid, 'summary', article.msgid),
      user_source: 0,
    })),
  )
}

/** Each made-up article of the day with its figures for that day (the only one so far). */
export function articleTotal(
  cube: CubeContext,
  range: DayRange,
): ListOf<'datacube.getArticleTotal'> {
  const scale = followerCount(cube)
  return daysOf(range).flatMap((day) =>
    articlesOf(cube, day).map((article) => ({
      ref_date: formatDay(day),
      ...article,
      details: [
        {
          stat_date: formatDay(day),
          target_user: scale,
          ...reads(scale, cube.appid, 'total', article.msgid),
        },
      ],
    })),
  )
}

/** Reads per day (source 0, all sources). */
export function userRead(cube: CubeContext, range: DayRange): ListOf<'datacube.getUserRead'> {
  const scale = followerCount(cube)
  return daysOf(range).map((day) => ({
    ref_date: formatDay(day),
    user_source: 0,
    ...reads(scale, cube.appid, 'read', day),
  }))
}

const HOURS = Array.from({ length: 24 }, (_, hour) => hour)

/** Reads per hour of the day. */
export function userReadHour(
  cube: CubeContext,
  range: DayRange,
): ListOf<'datacube.getUserReadHour'> {
  const scale = Math.max(1, followerCount(cube) / 4)
  return daysOf(range).flatMap((day) =>
    HOURS.map((hour) => ({
      ref_date: formatDay(day),
      ref_hour: hour * 100,
      user_source: 0,
      ...reads(scale, cube.appid, 'readHour', day, hour),
    })),
  )
}

/** `share_scene`: 1 friends, 2 moments, 255 other. */
const SHARE_SCENES = [1, 2, 255] as const

function share(scale: number, ...key: readonly (string | number)[]) {
  const user = figure(scale, ...key)
  return { share_user: user, share_count: user + figure(user, ...key, 'count') }
}

/** Shares per day and scene. */
export function userShare(cube: CubeContext, range: DayRange): ListOf<'datacube.getUserShare'> {
  const scale = followerCount(cube)
  return daysOf(range).flatMap((day) =>
    SHARE_SCENES.map((scene) => ({
      ref_date: formatDay(day),
      share_scene: scene,
      ...share(scale, cube.appid, 'share', day, scene),
    })),
  )
}

/** Shares per hour and scene; hours without shares are left out. */
export function userShareHour(
  cube: CubeContext,
  range: DayRange,
): ListOf<'datacube.getUserShareHour'> {
  const scale = Math.max(1, followerCount(cube) / 4)
  return daysOf(range).flatMap((day) =>
    HOURS.flatMap((hour) =>
      SHARE_SCENES.map((scene) => ({
        ref_date: formatDay(day),
        ref_hour: hour * 100,
        share_scene: scene,
        ...share(scale, cube.appid, 'shareHour', day, hour, scene),
      })),
    ).filter((row) => row.share_count > 0),
  )
}

/** `msg_type`: 1 text, 2 image, 3 voice, 4 video, 6 link (third-party). */
const MSG_TYPES = [1, 2, 3, 4, 6] as const

function upstream(scale: number, ...key: readonly (string | number)[]) {
  const user = figure(scale, ...key)
  return { msg_user: user, msg_count: user + figure(user * 2, ...key, 'count') }
}

/** Messages fans sent in one period (hour) of one type: users never above messages. */
/**
 * Messages fans sent per period (`periods` are day numbers: days, Mondays or months' first days)
 * and type; types nobody used are left out.
 */
export function upstreamMsg(
  cube: CubeContext,
  periods: readonly DayNumber[],
  grain: string,
): ListOf<'datacube.getUpstreamMsg'> {
  const scale = followerCount(cube)
  return periods.flatMap((period) =>
    MSG_TYPES.map((type) => ({
      ref_date: formatDay(period),
      msg_type: type,
      ...upstream(scale, cube.appid, 'upstream', grain, period, type),
    })).filter((row) => row.msg_user > 0),
  )
}

/** Messages fans sent per hour and type; hours and types nobody used are left out. */
export function upstreamMsgHour(
  cube: CubeContext,
  range: DayRange,
): ListOf<'datacube.getUpstreamMsgHour'> {
  const scale = Math.max(1, followerCount(cube) / 4)
  return daysOf(range).flatMap((day) =>
    HOURS.flatMap((hour) =>
      MSG_TYPES.map((type) => ({
        ref_date: formatDay(day),
        ref_hour: hour * 100,
        msg_type: type,
        ...upstream(scale, cube.appid, 'upstreamHour', day, hour, type),
      })).filter((row) => row.msg_user > 0),
    ),
  )
}

/**
 * Fans by how many messages they sent in the period: `count_interval` 0 (none), 1 (1–5), 2 (6–10),
 * 3 (over 10); the four add up to the followers.
 */
export function upstreamDist(
  cube: CubeContext,
  periods: readonly DayNumber[],
  grain: string,
): ListOf<'datacube.getUpstreamMsgDist'> {
  const followers = followerCount(cube)
  return periods.flatMap((period) => {
    let left = followers
    const counts = [1, 2, 3].map((interval) => {
      const users = figure(left / 2, cube.appid, 'dist', grain, period, interval)
      left -= users
      return { interval, users }
    })
    return [{ interval: 0, users: left }, ...counts].map(({ interval, users }) => ({
      ref_date: formatDay(period),
      count_interval: interval,
      msg_user: users,
    }))
  })
}

interface CallbackFigures {
  readonly day: DayNumber
  readonly hour: number
  calls: number
  fails: number
  total: number
  max: number
}

/**
 * Passive replies per day (or hour) from the received log: `callback_count` every push answered,
 * `fail_count` those WeChat had to answer with its own notice; times are made up (20–119 ms
 * each [inferred]). Periods without a callback are left out.
 */
function callbacks(cube: CubeContext, range: DayRange, hourly: boolean): CallbackFigures[] {
  const rows = new Map<string, CallbackFigures>()
  for (const { message } of cube.state.received.forAccount(cube.appid)) {
    if (message.channel !== 'reply') continue
    const day = beijingDayNumber(message.sentAt)
    if (day < range.begin || day > range.end) continue
    const hour = hourly ? new Date(message.sentAt + BEIJING_OFFSET_MS).getUTCHours() : 0
    const key = `${day} ${hour}`
    const row = rows.get(key) ?? { day, hour, calls: 0, fails: 0, total: 0, max: 0 }
    const cost = 20 + figure(99, cube.appid, 'cost', message.sentAt, row.calls)
    row.calls++
    if (message.msgtype === 'notice') row.fails++
    row.total += cost
    row.max = Math.max(row.max, cost)
    rows.set(key, row)
  }
  return [...rows.values()].sort((a, b) => a.day - b.day || a.hour - b.hour)
}

const callbackRow = (row: CallbackFigures) => ({
  ref_date: formatDay(row.day),
  callback_count: row.calls,
  fail_count: row.fails,
  total_time_cost: row.total,
  max_time_cost: row.max,
})

/** The webhook's passive replies per day. */
export function interfaceSummary(
  cube: CubeContext,
  range: DayRange,
): ListOf<'datacube.getInterfaceSummary'> {
  return callbacks(cube, range, false).map(callbackRow)
}

/** The webhook's passive replies per hour (Beijing). */
export function interfaceSummaryHour(
  cube: CubeContext,
  range: DayRange,
): ListOf<'datacube.getInterfaceSummaryHour'> {
  return callbacks(cube, range, true).map((row) => ({
    ...callbackRow(row),
    ref_hour: row.hour * 100,
  }))
}
