/**
 * Analytics (数据统计, `datacube`): daily, hourly, weekly and monthly figures about followers,
 * articles, messages fans sent and the callback interface. Every call posts `{begin_date,
 * end_date}` as `YYYY-MM-DD` (Beijing days, both included, the end at most yesterday) within a
 * span of its own, and answers `{list: [...]}`. Not in the protocol reference: routes, spans and
 * row fields come from WeChat's four Analytics doc pages as remembered, so every entry is
 * `unverified`; row fields the pages show only in some examples are optional.
 */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { data, uint } from './schemas.js'

const USER_DOC = 'Analytics/User_Analysis_Data_Interface'
const ARTICLE_DOC = 'Analytics/Graphic_Analysis_Data_Interface'
const MESSAGE_DOC = 'Analytics/Message_analysis_data_interface'
const INTERFACE_DOC = 'Analytics/Interface_Analysis_Data_Interface'

function source(doc: string): { readonly source: string } {
  return { source: `WeChat doc developers.weixin.qq.com/doc/offiaccount/${doc}, from memory` }
}

/**
 * The longest range each datacube call accepts, in days counting both ends (`1` = one day,
 * `begin_date` = `end_date`), keyed by the entry's method name. From the pages' 最大时间跨度.
 */
export const DATACUBE_MAX_SPAN_DAYS = Object.freeze({
  getUserSummary: 7,
  getUserCumulate: 7,
  getArticleSummary: 1,
  getArticleTotal: 1,
  getUserRead: 3,
  getUserReadHour: 1,
  getUserShare: 7,
  getUserShareHour: 1,
  getUpstreamMsg: 7,
  getUpstreamMsgHour: 1,
  getUpstreamMsgWeek: 30,
  getUpstreamMsgMonth: 30,
  getUpstreamMsgDist: 15,
  getUpstreamMsgDistWeek: 30,
  getUpstreamMsgDistMonth: 30,
  getInterfaceSummary: 30,
  getInterfaceSummaryHour: 1,
} as const)

/** A `YYYY-MM-DD` day; the format is the emulator's to check (61500), so any string passes. */
const day = z.string()

/** The request every datacube call takes. */
const range = z.object({ begin_date: day, end_date: day })

const errcodes = [ERRCODE.DATE_FORMAT_ERROR, ERRCODE.DATE_RANGE_ERROR]

/** `ref_hour` is the hour times 100: 0, 100, … 2300. */
const hour = { ref_hour: uint }

/** The reading figures shared by article rows. */
const reads = {
  int_page_read_user: uint,
  int_page_read_count: uint,
  ori_page_read_user: uint,
  ori_page_read_count: uint,
  share_user: uint,
  share_count: uint,
  add_to_fav_user: uint,
  add_to_fav_count: uint,
}

/** Where reads came from, in `getarticletotal`'s details (the newer pages' additions). */
const readSources = Object.fromEntries(
  ['session', 'hist_msg', 'feed', 'friends', 'other'].flatMap((from) => [
    [`int_page_from_${from}_read_user`, uint.optional()],
    [`int_page_from_${from}_read_count`, uint.optional()],
  ]),
) as Record<
  `int_page_from_${'session' | 'hist_msg' | 'feed' | 'friends' | 'other'}_read_${'user' | 'count'}`,
  z.ZodOptional<typeof uint>
>

const shares = Object.fromEntries(
  ['session', 'feed', 'other'].flatMap((from) => [
    [`feed_share_from_${from}_user`, uint.optional()],
    [`feed_share_from_${from}_cnt`, uint.optional()],
  ]),
) as Record<
  `feed_share_from_${'session' | 'feed' | 'other'}_${'user' | 'cnt'}`,
  z.ZodOptional<typeof uint>
>

const userSummaryRow = z.object({
  ref_date: day,
  user_source: uint,
  new_user: uint,
  cancel_user: uint,
})
const userCumulateRow = z.object({ ref_date: day, cumulate_user: uint })
const articleSummaryRow = z.object({
  ref_date: day,
  msgid: z.string(),
  title: z.string(),
  ...reads,
  user_source: uint.optional(),
})
const articleTotalRow = z.object({
  ref_date: day,
  msgid: z.string(),
  title: z.string(),
  details: z.array(
    z.object({
      stat_date: day,
      target_user: uint,
      ...reads,
      ...readSources,
      ...shares,
    }),
  ),
})
const userReadRow = z.object({ ref_date: day, user_source: uint, ...reads })
const userShareRow = z.object({
  ref_date: day,
  share_scene: uint,
  share_count: uint,
  share_user: uint,
})
const upstreamRow = z.object({ ref_date: day, msg_type: uint, msg_user: uint, msg_count: uint })
const upstreamDistRow = z.object({ ref_date: day, count_interval: uint, msg_user: uint })
const interfaceRow = z.object({
  ref_date: day,
  callback_count: uint,
  fail_count: uint,
  total_time_cost: uint,
  max_time_cost: uint,
})

const list = <T extends z.ZodType>(row: T) => data({ list: z.array(row) })

/** One datacube entry: every call is a read of a date range. */
function cube<const R extends `POST /datacube/${string}`, T extends z.ZodType>(
  route: R,
  title: string,
  doc: string,
  row: T,
) {
  return endpoint(route, {
    title,
    doc,
    unverified: source(doc),
    idempotent: true,
    body: range,
    response: list(row),
    errcodes,
  })
}

/** The datacube scope. */
export const datacube = defineScope('datacube', {
  /** 获取用户增减数据: per day and `user_source` (0 other, 1 search, 17 card, 30 QR, …). */
  getUserSummary: cube(
    'POST /datacube/getusersummary',
    '获取用户增减数据',
    USER_DOC,
    userSummaryRow,
  ),
  /** 获取累计用户数据: followers at the end of each day. */
  getUserCumulate: cube(
    'POST /datacube/getusercumulate',
    '获取累计用户数据',
    USER_DOC,
    userCumulateRow,
  ),
  /** 获取图文群发每日数据: per article (`msgid` = `<msg_data_id>_<index>`) on one day. */
  getArticleSummary: cube(
    'POST /datacube/getarticlesummary',
    '获取图文群发每日数据',
    ARTICLE_DOC,
    articleSummaryRow,
  ),
  /** 获取图文群发总数据: per article sent that day, its figures for each day since. */
  getArticleTotal: cube(
    'POST /datacube/getarticletotal',
    '获取图文群发总数据',
    ARTICLE_DOC,
    articleTotalRow,
  ),
  /** 获取图文统计数据: reads per day and source. */
  getUserRead: cube('POST /datacube/getuserread', '获取图文统计数据', ARTICLE_DOC, userReadRow),
  /** 获取图文统计分时数据. */
  getUserReadHour: cube(
    'POST /datacube/getuserreadhour',
    '获取图文统计分时数据',
    ARTICLE_DOC,
    userReadRow.extend(hour),
  ),
  /** 获取图文分享转发数据: per day and `share_scene` (1 friend, 2 moments, 255 other). */
  getUserShare: cube(
    'POST /datacube/getusershare',
    '获取图文分享转发数据',
    ARTICLE_DOC,
    userShareRow,
  ),
  /** 获取图文分享转发分时数据. */
  getUserShareHour: cube(
    'POST /datacube/getusersharehour',
    '获取图文分享转发分时数据',
    ARTICLE_DOC,
    userShareRow.extend(hour),
  ),
  /** 获取消息发送概况数据: messages fans sent, per day and `msg_type` (1 text, 2 image, …). */
  getUpstreamMsg: cube(
    'POST /datacube/getupstreammsg',
    '获取消息发送概况数据',
    MESSAGE_DOC,
    upstreamRow,
  ),
  /** 获取消息发送分时数据. */
  getUpstreamMsgHour: cube(
    'POST /datacube/getupstreammsghour',
    '获取消息发送分时数据',
    MESSAGE_DOC,
    upstreamRow.extend(hour),
  ),
  /** 获取消息发送周数据: one row per week and type. */
  getUpstreamMsgWeek: cube(
    'POST /datacube/getupstreammsgweek',
    '获取消息发送周数据',
    MESSAGE_DOC,
    upstreamRow,
  ),
  /** 获取消息发送月数据: one row per month and type. */
  getUpstreamMsgMonth: cube(
    'POST /datacube/getupstreammsgmonth',
    '获取消息发送月数据',
    MESSAGE_DOC,
    upstreamRow,
  ),
  /** 获取消息发送分布数据: fans by how many messages they sent (`count_interval` 0: 0, 1: 1–5, 2: 6–10, 3: over 10). */
  getUpstreamMsgDist: cube(
    'POST /datacube/getupstreammsgdist',
    '获取消息发送分布数据',
    MESSAGE_DOC,
    upstreamDistRow,
  ),
  /** 获取消息发送分布周数据. */
  getUpstreamMsgDistWeek: cube(
    'POST /datacube/getupstreammsgdistweek',
    '获取消息发送分布周数据',
    MESSAGE_DOC,
    upstreamDistRow,
  ),
  /** 获取消息发送分布月数据. */
  getUpstreamMsgDistMonth: cube(
    'POST /datacube/getupstreammsgdistmonth',
    '获取消息发送分布月数据',
    MESSAGE_DOC,
    upstreamDistRow,
  ),
  /** 获取接口分析数据: the webhook's passive replies per day (times in ms). */
  getInterfaceSummary: cube(
    'POST /datacube/getinterfacesummary',
    '获取接口分析数据',
    INTERFACE_DOC,
    interfaceRow,
  ),
  /** 获取接口分析分时数据. */
  getInterfaceSummaryHour: cube(
    'POST /datacube/getinterfacesummaryhour',
    '获取接口分析分时数据',
    INTERFACE_DOC,
    interfaceRow.extend(hour),
  ),
})
