/**
 * Subscription notices (订阅通知, unverified in the table): the public template library
 * (`getcategory`, `getpubtemplatetitles`, `getpubtemplatekeywords`), the account's templates
 * (`addtemplate`, `deltemplate`, `gettemplate`) and `bizsend`, which needs the fan's acceptance
 * of the template (`state.subscriptions.accept`), records the notice and schedules
 * `subscribe_msg_sent_event`.
 */
import { ERRCODE } from '@wxmp/core'
import { WechatError } from '../wechat-error.js'
import {
  SUBSCRIBE_CATEGORIES,
  SUBSCRIBE_LIBRARY,
  subscribeLibraryTemplate,
} from '../subscribe-library.js'
import type { SubscribeKeyword, SubscribeLibraryTemplate } from '../subscribe-library.js'
import { MAX_SUBSCRIBE_TEMPLATES } from '../subscribe-store.js'
import { knownFan } from './fan-rules.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'
import { checkTemplateData } from './template-data.js'

/** `subscribe_msg_sent_event` is due this long after the send ([inferred], like templates). */
export const SUBSCRIBE_EVENT_DELAY_MS = 1000

/** The most titles one `getpubtemplatetitles` page holds (the page's "limit 最大为 30"). */
export const MAX_TITLES_PAGE = 30

/** The longest `sceneDesc`, in characters (the page's "15 个字以内"). */
export const MAX_SCENE_DESC_CHARS = 15

const OK = { errcode: 0, errmsg: 'ok' } as const

/** A whole number written in decimal, else `undefined`. */
function decimal(text: string): number | undefined {
  return /^\d{1,9}$/.test(text) ? Number(text) : undefined
}

/** A library template by `tid` (string or number); 200014 otherwise. */
function libraryEntry(tid: string | number): SubscribeLibraryTemplate {
  const id = typeof tid === 'number' ? tid : decimal(tid)
  const entry = id === undefined ? undefined : subscribeLibraryTemplate(id)
  if (!entry) throw new WechatError(ERRCODE.INVALID_SUBSCRIBE_TID)
  return entry
}

/** 2–5 distinct keywords of `entry`, in the order given; 200020 otherwise. */
function chosenKeywords(
  entry: SubscribeLibraryTemplate,
  kidList: readonly number[],
): SubscribeKeyword[] {
  const chosen = kidList.map((kid) => entry.keywords.find((keyword) => keyword.kid === kid))
  if (
    chosen.length < 2 ||
    chosen.length > 5 ||
    new Set(kidList).size !== kidList.length ||
    chosen.some((keyword) => keyword === undefined)
  )
    throw new WechatError(ERRCODE.INVALID_SUBSCRIBE_KID_LIST)
  return chosen as SubscribeKeyword[]
}

/** The subscription-notice endpoints. */
export const subscribeHandlers = {
  'subscribe.getCategory': {
    // [inferred] every account may use every category of the emulated library.
    run: () => ({ ...OK, data: SUBSCRIBE_CATEGORIES.map(({ id, name }) => ({ id, name })) }),
  },
  'subscribe.getPubTemplateTitles': {
    run: (request) => {
      // [inferred] order of checks: ids (200018 missing, 200019 not categories), start, limit.
      if (request.ids.trim() === '') throw new WechatError(ERRCODE.SUBSCRIBE_CATEGORY_IDS_MISSING)
      const ids = request.ids.split(',').map((id) => decimal(id.trim()))
      if (ids.some((id) => id === undefined || !SUBSCRIBE_CATEGORIES.some((c) => c.id === id)))
        throw new WechatError(ERRCODE.INVALID_SUBSCRIBE_CATEGORY_IDS)
      const start = decimal(request.start)
      if (start === undefined) throw new WechatError(ERRCODE.INVALID_SUBSCRIBE_START)
      const limit = decimal(request.limit)
      if (limit === undefined || limit < 1 || limit > MAX_TITLES_PAGE)
        throw new WechatError(ERRCODE.INVALID_SUBSCRIBE_LIMIT)
      const matching = SUBSCRIBE_LIBRARY.filter((entry) => ids.includes(entry.categoryId))
      return {
        ...OK,
        count: matching.length,
        data: matching.slice(start, start + limit).map((entry) => ({
          tid: entry.tid,
          title: entry.title,
          type: entry.type,
          categoryId: String(entry.categoryId),
        })),
      }
    },
  },
  'subscribe.getPubTemplateKeywords': {
    run: (request) => {
      const entry = libraryEntry(request.tid)
      return {
        ...OK,
        count: entry.keywords.length,
        data: entry.keywords.map(({ kid, name, example, rule }) => ({ kid, name, example, rule })),
      }
    },
  },
  'subscribe.addTemplate': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const entry = libraryEntry(request.tid)
      const keywords = chosenKeywords(entry, request.kidList)
      if (request.sceneDesc !== undefined && [...request.sceneDesc].length > MAX_SCENE_DESC_CHARS)
        throw new WechatError(ERRCODE.INVALID_SUBSCRIBE_SCENE_DESC)
      if (ctx.state.subscriptions.list(appid).length >= MAX_SUBSCRIBE_TEMPLATES)
        throw new WechatError(ERRCODE.SUBSCRIBE_TEMPLATE_LIMIT)
      const template = ctx.state.subscriptions.add(appid, entry, keywords)
      return { ...OK, priTmplId: template.priTmplId }
    },
  },
  'subscribe.deleteTemplate': {
    run: (request, ctx) => {
      // The page's 20001 "系统错误（包含该账号下无该模板等）": also for a second delete.
      if (!ctx.state.subscriptions.delete(callerOf(ctx), request.priTmplId))
        throw new WechatError(ERRCODE.SUBSCRIBE_SYSTEM_ERROR)
      return OK
    },
  },
  'subscribe.listTemplates': {
    run: (_request, ctx) => ({
      ...OK,
      data: ctx.state.subscriptions.list(callerOf(ctx)).map((template) => ({ ...template })),
    }),
  },
  'subscribe.send': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const { state } = ctx
      // [inferred] order: the fan (40003; following is not needed: notices reach whoever
      // accepted), the template (40037), its data (47003), then the fan's acceptance (43101).
      const fan = knownFan(ctx, request.touser)
      const template = state.subscriptions.get(appid, request.template_id)
      if (!template) throw new WechatError(ERRCODE.INVALID_TEMPLATE_ID)
      checkTemplateData(template.content, request.data)
      if (!state.subscriptions.spend(appid, fan.openid, template.priTmplId))
        throw new WechatError(ERRCODE.USER_REFUSED_MESSAGE)

      const now = state.clock.now()
      const msgid = state.subscriptions.nextMsgid()
      const { touser: _touser, ...payload } = request
      state.received.record(appid, fan.openid, {
        channel: 'subscribe',
        msgId: msgid,
        msgtype: 'subscribe',
        payload,
        sentAt: now,
        status: 'success',
      })
      state.outbox.schedule(
        appid,
        {
          kind: 'event.subscribe_msg_sent_event',
          FromUserName: fan.openid,
          SubscribeMsgSentEvent: {
            List: [
              {
                TemplateId: template.priTmplId,
                MsgID: msgid,
                ErrorCode: 0,
                ErrorStatus: 'success',
              },
            ],
          },
        },
        now + SUBSCRIBE_EVENT_DELAY_MS,
      )
      return OK
    },
  },
} satisfies Handlers
