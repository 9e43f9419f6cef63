/** Checks the user, tag and blacklist endpoints share (§6.9). */
import { ERRCODE } from '@wxmp/core'
import type { Fan } from '../fans.js'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { HandlerContext } from './handler.js'

/** A fan the caller's account knows, following or not; 40003 otherwise. */
export function knownFan(ctx: HandlerContext, openid: string): Fan {
  const fan = ctx.state.fans.get(callerOf(ctx), openid)
  if (!fan) throw new WechatError(ERRCODE.INVALID_OPENID)
  return fan
}

/**
 * A current follower of the caller's account; 40003 otherwise, whose meaning (§7.1) is exactly
 * "not following, or belongs to another account".
 */
export function follower(ctx: HandlerContext, openid: string): Fan {
  const fan = knownFan(ctx, openid)
  if (!fan.subscribed) throw new WechatError(ERRCODE.INVALID_OPENID)
  return fan
}

/** 40032 unless the list holds 1 to `max` entries ([inferred]: an empty list is no better). */
export function checkListSize(list: readonly unknown[], max: number): void {
  if (list.length < 1 || list.length > max) throw new WechatError(ERRCODE.INVALID_OPENID_LIST_SIZE)
}

/** A string's UTF-8 length, the unit WeChat's limits count in. */
export const bytes = (value: string): number => Buffer.byteLength(value, 'utf8')
