/**
 * Customer-service messages (§6.8): `message/custom/send` delivers one message to a follower
 * inside a window their interaction opened, `message/custom/typing` shows "typing…" to them.
 * Windows are `state.windows` (opened by the push engine as fans interact); what was sent is
 * recorded in `state.received`.
 */
import { ERRCODE } from '@wxmp/core'
import type { Fan } from '../fans.js'
import { WechatError } from '../wechat-error.js'
import { CUSTOM_MSGTYPES, checkCustomMessage, payloadOf } from './custom-message-rules.js'
import { knownFan } from './fan-rules.js'
import { callerOf } from './handler.js'
import type { HandlerContext, Handlers, RawRequest } from './handler.js'

/** The `command` values of `typing`. */
export const TYPING_COMMANDS: readonly string[] = ['Typing', 'CancelTyping']

const OK = { errcode: 0, errmsg: 'ok' } as const

/**
 * A fan of the account (40003 otherwise) who follows it: 45015 for a former follower, the code
 * §6.8 gives for "subscription is canceled" (§8 names 43004 too; 45015 is the one documented for
 * customer-service messages).
 */
function followingFan(ctx: HandlerContext, openid: string): Fan {
  const fan = knownFan(ctx, openid)
  if (!fan.subscribed) throw new WechatError(ERRCODE.REPLY_WINDOW_CLOSED)
  return fan
}

// Windows opened before the fan's latest follow belong to an earlier follow and are void
// (`subscribe_time` is in seconds, so one opened within that same second still counts).
const followedSince = (fan: Fan): number => fan.subscribeTime * 1000

/** A JSON object body's own field, for the prechecks that run before the schema. */
function fieldOf(raw: RawRequest, name: string): unknown {
  const body = raw.body
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined
  return Object.hasOwn(body, name) ? (body as Record<string, unknown>)[name] : undefined
}

/** The customer-service message endpoints this step emulates. */
export const customServiceHandlers = {
  'customService.send': {
    // An object body with a msgtype §6.8 does not list is "invalid message type", not a format
    // error; any other malformed body is left to the schema (47001).
    precheck: (raw) => {
      const body = raw.body
      if (typeof body !== 'object' || body === null || Array.isArray(body)) return
      const msgtype = fieldOf(raw, 'msgtype')
      if (!(CUSTOM_MSGTYPES as readonly unknown[]).includes(msgtype))
        throw new WechatError(ERRCODE.INVALID_MESSAGE_TYPE)
    },
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const fan = followingFan(ctx, request.touser)
      checkCustomMessage(ctx, request)
      // Charged last, so a refused message never spends the window's quota [inferred].
      const now = ctx.state.clock.now()
      ctx.state.windows.charge(appid, fan.openid, now, followedSince(fan))
      ctx.state.received.record(appid, fan.openid, {
        channel: 'customService',
        msgtype: request.msgtype,
        payload: payloadOf(request),
        sentAt: now,
        status: 'success',
      })
      return OK
    },
  },
  'customService.typing': {
    // A command other than Typing/CancelTyping is an invalid parameter (40035) [inferred]; a
    // command that is not a string at all fails the schema (47001).
    precheck: (raw) => {
      const command = fieldOf(raw, 'command')
      if (typeof command === 'string' && !TYPING_COMMANDS.includes(command))
        throw new WechatError(ERRCODE.INVALID_PARAMETER)
    },
    // The same follower and window rules as a send, without spending the quota [inferred]:
    // typing is only allowed when a message could follow it.
    run: (request, ctx) => {
      const fan = followingFan(ctx, request.touser)
      ctx.state.windows.usable(callerOf(ctx), fan.openid, ctx.state.clock.now(), followedSince(fan))
      return OK
    },
  },
} satisfies Handlers
