/**
 * `user.get`, `user.info`, `user.batchGet`, `user.updateRemark` (§6.9). Profiles carry what WeChat
 * still returns since 2021: no nickname or avatar, and the blanked location fields left out.
 */
import { ERRCODE } from '@wxmp/core'
import { REMARK_LIMITS, type ResponseOf } from '@wxmp/spec'
import type { Fan } from '../fans.js'
import { openidPage } from '../openid-page.js'
import { WechatError } from '../wechat-error.js'
import { bytes, checkListSize, follower, knownFan } from './fan-rules.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'

type UserInfo = ResponseOf<'user.info'>

/** Users per `batchget` call (§6.9); [inferred] more answers 40032 like the other lists. */
export const MAX_BATCH_USERS = 100

/** A remark must be shorter than this many UTF-8 bytes (§6.9, current doc), else 40092. */
export const REMARK_BYTES_LIMIT = REMARK_LIMITS.bytesBelow

/** A fan as user/info shows them: a non-follower is only `subscribe`, `openid`, maybe `unionid`. */
export function profileOf(fan: Fan): UserInfo {
  const unionid = fan.unionid === undefined ? {} : { unionid: fan.unionid }
  if (!fan.subscribed) return { subscribe: 0, openid: fan.openid, ...unionid }
  return {
    subscribe: 1,
    openid: fan.openid,
    language: fan.language,
    subscribe_time: fan.subscribeTime,
    ...unionid,
    remark: fan.remark,
    // Legacy, always present for compatibility (§6.9).
    groupid: 0,
    tagid_list: [...fan.tags],
    subscribe_scene: fan.subscribeScene,
    qr_scene: 0,
    qr_scene_str: '',
  }
}

/** The user endpoints this step emulates. */
export const userHandlers = {
  'user.get': {
    run: (request, ctx) => {
      const openids = ctx.state.fans.followers(callerOf(ctx)).map((fan) => fan.openid)
      return openidPage(openids, request.next_openid)
    },
  },
  'user.info': {
    // Without this, the query schema would answer 40035 where WeChat names the missing field.
    precheck: (raw) => {
      if (!raw.query.openid) throw new WechatError(ERRCODE.OPENID_MISSING)
    },
    // `lang` only translates the blanked country/province/city, so it changes nothing here.
    run: (request, ctx) => profileOf(knownFan(ctx, request.openid)),
  },
  'user.batchGet': {
    run: (request, ctx) => {
      checkListSize(request.user_list, MAX_BATCH_USERS)
      // One unknown OpenID fails the whole call ([inferred]), as in the single lookup.
      const fans = request.user_list.map((user) => knownFan(ctx, user.openid))
      return { user_info_list: fans.map(profileOf) }
    },
  },
  'user.updateRemark': {
    run: (request, ctx) => {
      const fan = follower(ctx, request.openid)
      if (bytes(request.remark) >= REMARK_BYTES_LIMIT) throw new WechatError(ERRCODE.INVALID_REMARK)
      fan.remark = request.remark
      return { errcode: 0, errmsg: 'ok' }
    },
  },
} satisfies Handlers
