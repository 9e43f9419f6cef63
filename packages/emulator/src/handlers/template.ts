/**
 * Template messages (§6.6, §6.7): the account's private templates, its industries, and
 * `template/send`, which records the delivery and schedules TEMPLATESENDJOBFINISH (§2.4).
 */
import { ERRCODE } from '@wxmp/core'
import type { ResponseOf } from '@wxmp/spec'
import { id64Answer } from '../message-ids.js'
import { INDUSTRIES, libraryTemplate } from '../template-library.js'
import type { Industry, TemplateKeyword } from '../template-library.js'
import { TEMPLATE_ID_LENGTH } from '../template-store.js'
import type { PrivateTemplate } from '../template-store.js'
import { WechatError } from '../wechat-error.js'
import { knownFan } from './fan-rules.js'
import { callerOf } from './handler.js'
import type { HandlerContext, Handlers } from './handler.js'
import { checkTemplateData } from './template-data.js'

/** TEMPLATESENDJOBFINISH is due this long after the send ([inferred]: delivery is near-instant). */
export const TEMPLATE_JOB_DELAY_MS = 1000

const OK = { errcode: 0, errmsg: 'ok' } as const

/** A template of the caller: 40036 when the id cannot be one (not 43 characters), 40037 unknown. */
function existingTemplate(ctx: HandlerContext, templateId: string): PrivateTemplate {
  if (templateId.length !== TEMPLATE_ID_LENGTH)
    throw new WechatError(ERRCODE.INVALID_TEMPLATE_ID_SIZE)
  const template = ctx.state.templates.get(callerOf(ctx), templateId)
  if (!template) throw new WechatError(ERRCODE.INVALID_TEMPLATE_ID)
  return template
}

/** The industry of a code; 40035 for a code outside WeChat's table [inferred]. */
function industryOf(id: string): Industry {
  const industry = INDUSTRIES.get(id)
  if (!industry) throw new WechatError(ERRCODE.INVALID_PARAMETER)
  return industry
}

/**
 * The keywords `api_add_template` keeps: all of them, or those `keyword_name_list` names, in its
 * order. An empty list or a name the template lacks → 40035 [inferred].
 */
function chosenKeywords(
  all: readonly TemplateKeyword[],
  names: readonly string[] | undefined,
): readonly TemplateKeyword[] {
  if (names === undefined) return all
  const chosen = names.map((name) => all.find((keyword) => keyword.name === name))
  if (chosen.length === 0 || chosen.some((keyword) => keyword === undefined))
    throw new WechatError(ERRCODE.INVALID_PARAMETER)
  return [...new Set(chosen as TemplateKeyword[])]
}

/** The template endpoints. */
export const templateHandlers = {
  'template.list': {
    run: (_request, ctx) => ({ template_list: ctx.state.templates.list(callerOf(ctx)) }),
  },
  'template.delete': {
    run: (request, ctx) => {
      if (!ctx.state.templates.delete(callerOf(ctx), request.template_id))
        throw new WechatError(ERRCODE.INVALID_TEMPLATE_ID)
      return OK
    },
  },
  'template.add': {
    run: (request, ctx) => {
      // An unknown short id is an invalid template id, like an unknown private one [inferred].
      const entry = libraryTemplate(request.template_id_short)
      if (!entry) throw new WechatError(ERRCODE.INVALID_TEMPLATE_ID)
      const keywords = chosenKeywords(entry.keywords, request.keyword_name_list)
      const template = ctx.state.templates.add(callerOf(ctx), entry, keywords)
      return { ...OK, template_id: template.template_id }
    },
  },
  'template.setIndustry': {
    run: (request, ctx) => {
      industryOf(request.industry_id1)
      industryOf(request.industry_id2)
      ctx.state.templates.setIndustryIds(callerOf(ctx), request.industry_id1, request.industry_id2)
      return OK
    },
  },
  'template.getIndustry': {
    run: (_request, ctx) => {
      const [primary, secondary] = ctx.state.templates.industryIds(callerOf(ctx))
      return { primary_industry: industryOf(primary), secondary_industry: industryOf(secondary) }
    },
  },
  'template.send': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const { state } = ctx
      const now = state.clock.now()
      // [inferred] order: the fan (40003, 43004), the template (40036, 40037), its data (47003),
      // then the fan's refusal (43101), the one check that depends on the fan's own choice.
      const fan = knownFan(ctx, request.touser)
      if (!fan.subscribed) throw new WechatError(ERRCODE.REQUIRE_SUBSCRIBE)
      const template = existingTemplate(ctx, request.template_id)
      checkTemplateData(template.content, request.data)
      // [inferred] refusal is answered at once (the reference lists 43101 for the call), so no
      // message and no `failed:user block` event follow.
      if (state.templates.isRefusing(appid, fan.openid))
        throw new WechatError(ERRCODE.USER_REFUSED_MESSAGE)

      const clientMsgId = request.client_msg_id
      if (clientMsgId !== undefined && clientMsgId !== '') {
        const first = state.templates.sentWith(appid, fan.openid, clientMsgId, now)
        // The same fan and key within 10 minutes: the first send's msgid, nothing sent again.
        if (first !== undefined) return id64Answer(sent(first))
      }

      const msgid = state.templates.nextMsgid()
      const { touser: _touser, client_msg_id: _key, ...payload } = request
      state.received.record(appid, fan.openid, {
        channel: 'template',
        msgId: msgid,
        msgtype: 'template',
        payload,
        sentAt: now,
        status: 'success',
      })
      state.outbox.schedule(
        appid,
        {
          kind: 'event.TEMPLATESENDJOBFINISH',
          FromUserName: fan.openid,
          MsgID: msgid,
          Status: 'success',
        },
        now + TEMPLATE_JOB_DELAY_MS,
      )
      if (clientMsgId !== undefined && clientMsgId !== '')
        state.templates.rememberSent(appid, fan.openid, clientMsgId, msgid, now)
      return id64Answer(sent(msgid))
    },
  },
} satisfies Handlers

/** The success answer, typed by the table before it is rendered with a bare msgid. */
function sent(msgid: string): ResponseOf<'template.send'> {
  return { ...OK, msgid }
}
