/**
 * Analytics (数据统计, unverified in the table): every `datacube/*` call checks its date range
 * (61500 format, 61501 order, span, not before today) and answers `{list}` from
 * `datacube-figures.ts`: followers from the fans, callbacks from the received log, the rest
 * made-up but fixed for the account, call and day.
 */
import { DATACUBE_MAX_SPAN_DAYS } from '@wxmp/spec'
import { checkRange, monthStart, periodsOf, weekStart } from '../datacube-dates.js'
import type { DayRange } from '../datacube-dates.js'
import {
  articleSummary,
  articleTotal,
  interfaceSummary,
  interfaceSummaryHour,
  upstreamDist,
  upstreamMsg,
  upstreamMsgHour,
  userCumulate,
  userRead,
  userReadHour,
  userShare,
  userShareHour,
  userSummary,
} from '../datacube-figures.js'
import type { CubeContext } from '../datacube-figures.js'
import { callerOf } from './handler.js'
import type { HandlerContext, Handlers } from './handler.js'

type Method = keyof typeof DATACUBE_MAX_SPAN_DAYS

/** The checked range of a request and what the figures need. */
function cube(
  request: { readonly begin_date: string; readonly end_date: string },
  ctx: HandlerContext,
): [CubeContext, DayRange] {
  const max = DATACUBE_MAX_SPAN_DAYS[ctx.entry.name as Method]
  const range = checkRange(request.begin_date, request.end_date, max, ctx.state.clock.now())
  return [{ state: ctx.state, appid: callerOf(ctx) }, range]
}

const day = (range: DayRange) => periodsOf(range, (d) => d)

/** The datacube endpoints. */
export const datacubeHandlers = {
  'datacube.getUserSummary': { run: (r, ctx) => ({ list: userSummary(...cube(r, ctx)) }) },
  'datacube.getUserCumulate': { run: (r, ctx) => ({ list: userCumulate(...cube(r, ctx)) }) },
  'datacube.getArticleSummary': { run: (r, ctx) => ({ list: articleSummary(...cube(r, ctx)) }) },
  'datacube.getArticleTotal': { run: (r, ctx) => ({ list: articleTotal(...cube(r, ctx)) }) },
  'datacube.getUserRead': { run: (r, ctx) => ({ list: userRead(...cube(r, ctx)) }) },
  'datacube.getUserReadHour': { run: (r, ctx) => ({ list: userReadHour(...cube(r, ctx)) }) },
  'datacube.getUserShare': { run: (r, ctx) => ({ list: userShare(...cube(r, ctx)) }) },
  'datacube.getUserShareHour': { run: (r, ctx) => ({ list: userShareHour(...cube(r, ctx)) }) },
  'datacube.getUpstreamMsg': {
    run: (r, ctx) => {
      const [c, range] = cube(r, ctx)
      return { list: upstreamMsg(c, day(range), 'day') }
    },
  },
  'datacube.getUpstreamMsgHour': { run: (r, ctx) => ({ list: upstreamMsgHour(...cube(r, ctx)) }) },
  // [inferred] a week is named by its Monday, a month by its first day (the doc examples'
  // ref_date), and every week or month the range touches has a row.
  'datacube.getUpstreamMsgWeek': {
    run: (r, ctx) => {
      const [c, range] = cube(r, ctx)
      return { list: upstreamMsg(c, periodsOf(range, weekStart), 'week') }
    },
  },
  'datacube.getUpstreamMsgMonth': {
    run: (r, ctx) => {
      const [c, range] = cube(r, ctx)
      return { list: upstreamMsg(c, periodsOf(range, monthStart), 'month') }
    },
  },
  'datacube.getUpstreamMsgDist': {
    run: (r, ctx) => {
      const [c, range] = cube(r, ctx)
      return { list: upstreamDist(c, day(range), 'day') }
    },
  },
  'datacube.getUpstreamMsgDistWeek': {
    run: (r, ctx) => {
      const [c, range] = cube(r, ctx)
      return { list: upstreamDist(c, periodsOf(range, weekStart), 'week') }
    },
  },
  'datacube.getUpstreamMsgDistMonth': {
    run: (r, ctx) => {
      const [c, range] = cube(r, ctx)
      return { list: upstreamDist(c, periodsOf(range, monthStart), 'month') }
    },
  },
  'datacube.getInterfaceSummary': {
    run: (r, ctx) => ({ list: interfaceSummary(...cube(r, ctx)) }),
  },
  'datacube.getInterfaceSummaryHour': {
    run: (r, ctx) => ({ list: interfaceSummaryHour(...cube(r, ctx)) }),
  },
} satisfies Handlers
