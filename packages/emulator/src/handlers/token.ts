/** `token.get` and `token.stable` (§5): credentials, then the token store. */
import { ERRCODE } from '@wxmp/core'
import { WechatError } from '../wechat-error.js'
import { checkCredentials } from './credentials.js'
import type { HandlerContext, Handlers, RawRequest } from './handler.js'

const bodyFields = (raw: RawRequest): Record<string, unknown> =>
  typeof raw.body === 'object' && raw.body !== null ? (raw.body as Record<string, unknown>) : {}

/**
 * 40164 when `appid` has an IP whitelist without the caller, with WeChat's errmsg. Checked after
 * the credentials ([inferred]: a wrong secret from a stranger still reads as a wrong secret).
 */
function checkWhitelist(appid: string, ctx: HandlerContext): string {
  if (!ctx.state.ipWhitelists.admits(appid, ctx.clientIp))
    throw new WechatError(
      ERRCODE.IP_NOT_WHITELISTED,
      `invalid ip ${ctx.clientIp} ipv6 ::ffff:${ctx.clientIp}, not in whitelist`,
    )
  return appid
}

/** The token endpoints. The daily quota is charged once the credentials are known good. */
export const tokenHandlers = {
  'token.get': {
    precheck: (raw, ctx) => void checkWhitelist(checkCredentials(ctx.state, raw.query), ctx),
    run: (request, { state, entry }) => {
      const appid = request.appid.toLowerCase()
      state.quota.charge(appid, entry, state.clock.now())
      return state.tokens.issueClassic(appid)
    },
  },
  'token.stable': {
    precheck: (raw, ctx) => void checkWhitelist(checkCredentials(ctx.state, bodyFields(raw)), ctx),
    run: (request, { state, entry }) => {
      const appid = request.appid.toLowerCase()
      state.quota.charge(appid, entry, state.clock.now())
      return state.tokens.issueStable(appid, request.force_refresh === true)
    },
  },
} satisfies Handlers
