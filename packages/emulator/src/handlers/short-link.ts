/**
 * Short keys (短key托管, unverified in the table): `shorten/gen` keeps up to 4 KB of data for up
 * to 30 days under a new key, `shorten/fetch` gives it back with the seconds it has left.
 */
import { ERRCODE } from '@wxmp/core'
import { SHORT_LINK_MAX_DATA_BYTES, SHORT_LINK_MAX_EXPIRE_SECONDS } from '@wxmp/spec'
import { WechatError } from '../wechat-error.js'
import { bytes } from './fan-rules.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'

const OK = { errcode: 0, errmsg: 'ok' } as const

/** The short-link endpoints. */
export const shortLinkHandlers = {
  'shortLink.generate': {
    run: (request, ctx) => {
      const { long_data: longData, expire_seconds: expireSeconds = SHORT_LINK_MAX_EXPIRE_SECONDS } =
        request
      // [inferred] WeChat documents no errcode for these limits: empty or over 4 KB of data, a
      // lifetime of 0 or over 30 days → 40035 invalid parameter.
      if (longData === '' || bytes(longData) > SHORT_LINK_MAX_DATA_BYTES)
        throw new WechatError(ERRCODE.INVALID_PARAMETER)
      if (expireSeconds < 1 || expireSeconds > SHORT_LINK_MAX_EXPIRE_SECONDS)
        throw new WechatError(ERRCODE.INVALID_PARAMETER)
      const shortKey = ctx.state.shortLinks.add(callerOf(ctx), longData, expireSeconds)
      return { ...OK, short_key: shortKey }
    },
  },
  'shortLink.fetch': {
    run: (request, ctx) => {
      // [inferred] an unknown, expired or other account's key → 40035.
      const link = ctx.state.shortLinks.get(callerOf(ctx), request.short_key)
      if (!link) throw new WechatError(ERRCODE.INVALID_PARAMETER)
      const now = ctx.state.clock.now()
      return {
        ...OK,
        long_data: link.longData,
        create_time: Math.floor(link.createdAt / 1000),
        // Whole seconds left, rounded up so a live key never says 0 [inferred].
        expire_seconds: Math.ceil((link.expiresAt - now) / 1000),
      }
    },
  },
} satisfies Handlers
