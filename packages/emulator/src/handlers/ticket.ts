/** `ticket.get` (§6.12): the JS-SDK's jsapi_ticket and the card api_ticket. */
import { ERRCODE } from '@wxmp/core'
import { TICKET_TYPES } from '../ticket-store.js'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'

/** The ticket endpoint. */
export const ticketHandlers = {
  'ticket.get': {
    // [inferred] A missing or unknown `type` is WeChat's generic 40097 "invalid args" rather
    // than the schema's 40035: the reference names no code, and 40097 is what 参数错误 maps to.
    precheck: (raw) => {
      if (!(TICKET_TYPES as readonly string[]).includes(raw.query.type ?? '')) {
        throw new WechatError(ERRCODE.INVALID_ARGS)
      }
    },
    run: (request, ctx) => ({
      errcode: 0,
      errmsg: 'ok',
      ...ctx.state.tickets.issue(callerOf(ctx), request.type),
    }),
  },
} satisfies Handlers
