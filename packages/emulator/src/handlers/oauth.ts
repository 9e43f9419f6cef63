/**
 * OAuth2 web authorization (§6.11): the consent page on open.weixin.qq.com (a redirect with a
 * code), the code exchange, refresh, `sns/userinfo` and `sns/auth`. Which fan authorizes is the
 * emulator's extension: `wxmp_openid` on the authorize URL, else the first follower for
 * `snsapi_base`, else a page listing the account's fans to pick from.
 */
import { ERRCODE } from '@wxmp/core'
import type { Endpoint } from '@wxmp/spec'
import type { Fan } from '../fans.js'
import type { OAuthGrant } from '../oauth-store.js'
import { isWebAddress } from '../redirect-uri.js'
import type { EmulatorState } from '../state.js'
import { WechatError } from '../wechat-error.js'
import { answerNow } from './answer-now.js'
import { checkCredentials } from './credentials.js'
import type { HandlerContext, Handlers, RawRequest } from './handler.js'
import { consentPage, errorPage } from './oauth-pages.js'

/** `state` is at most this many bytes of `[a-zA-Z0-9]` (§6.11). */
export const MAX_OAUTH_STATE_BYTES = 128

/** The query parameter naming the fan who authorizes (an emulator extension). */
export const FAN_PARAM = 'wxmp_openid'

/** The query parameter (`=1`) by which the fan declines: the redirect carries no code. */
export const DECLINE_PARAM = 'wxmp_decline'

/** Where a fan's `headimgurl` points: a placeholder; the last segment is the size (§6.11). */
export function headImageUrl(openid: string): string {
  return `https://thirdwx.qlogo.cn/mmopen/vi_32/wxmp-emulator-${openid}/132`
}

const SCOPES: ReadonlySet<string> = new Set(['snsapi_base', 'snsapi_userinfo'])
const STATE_SHAPE = /^[A-Za-z0-9]*$/

// The raw authorize query, kept from precheck for run: the schema strips the extension params.
const authorizeQueries = new WeakMap<HandlerContext, Readonly<Record<string, string>>>()

/**
 * Every check of the authorize page, each failure an error page (never JSON, §6.11). Order and
 * the codes for an unknown AppID (40013), a non-http(s) redirect_uri (10003: it cannot match any
 * web-auth domain), a bad state (10013) and an unknown `wxmp_openid` (40003) are [inferred].
 */
function checkAuthorize(raw: RawRequest, state: EmulatorState, entry: Endpoint): void {
  const q = raw.query
  if (!q.appid) answerNow(errorPage(ERRCODE.OAUTH_APPID_EMPTY))
  const appid = q.appid.toLowerCase()
  if (!state.accounts.has(appid)) answerNow(errorPage(ERRCODE.INVALID_APPID))
  if (!q.redirect_uri) answerNow(errorPage(ERRCODE.OAUTH_REDIRECT_URI_EMPTY))
  if (!isWebAddress(q.redirect_uri))
    answerNow(errorPage(ERRCODE.OAUTH_REDIRECT_URI_DOMAIN_MISMATCH))
  if (!q.scope) answerNow(errorPage(ERRCODE.OAUTH_SCOPE_EMPTY))
  if (!SCOPES.has(q.scope)) answerNow(errorPage(ERRCODE.OAUTH_SCOPE_UNAUTHORIZED))
  const stateParam = q.state ?? ''
  if (!STATE_SHAPE.test(stateParam) || stateParam.length > MAX_OAUTH_STATE_BYTES)
    answerNow(errorPage(ERRCODE.OAUTH_STATE_EMPTY))
  // response_type, forcePopup: whatever else the table's schema refuses.
  if (entry.query && !entry.query.safeParse(q).success)
    answerNow(errorPage(ERRCODE.INVALID_PARAMETER))
  const openid = q[FAN_PARAM]
  if (openid !== undefined && !state.fans.get(appid, openid))
    answerNow(errorPage(ERRCODE.INVALID_OPENID))
}

/** The authorize URL of `query` plus `extra`, for the consent page's links. */
function authorizeLink(
  query: Readonly<Record<string, string>>,
  extra: Readonly<Record<string, string>>,
): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query))
    if (name !== FAN_PARAM && name !== DECLINE_PARAM) params.set(name, value)
  for (const [name, value] of Object.entries(extra)) params.set(name, value)
  return `/connect/oauth2/authorize?${params.toString()}#wechat_redirect`
}

/**
 * The grant behind a web access_token whose `openid` matches: 41001/40014/42001 for the token
 * (see `OAuthStore.checkToken`), 41009 no openid, 40003 another fan's openid.
 */
function webGrant(raw: RawRequest, state: EmulatorState): OAuthGrant {
  const grant = state.oauth.checkToken(raw.query.access_token)
  if (!raw.query.openid) throw new WechatError(ERRCODE.OPENID_MISSING)
  if (raw.query.openid !== grant.openid) throw new WechatError(ERRCODE.INVALID_OPENID)
  return grant
}

function unionidOf(state: EmulatorState, grant: OAuthGrant): { unionid?: string } {
  const fan: Fan | undefined = state.fans.get(grant.appid, grant.openid)
  return fan?.unionid === undefined ? {} : { unionid: fan.unionid }
}

/** The OAuth endpoints. */
export const oauthHandlers = {
  'oauth.authorize': {
    precheck: (raw, ctx) => {
      checkAuthorize(raw, ctx.state, ctx.entry)
      authorizeQueries.set(ctx, raw.query)
    },
    run: (request, ctx) => {
      const query = authorizeQueries.get(ctx) ?? {}
      const appid = request.appid.toLowerCase()
      // WeChat appends `state` even when empty ([inferred]: `?code=CODE&state=`).
      const state = request.state ?? ''
      if (query[DECLINE_PARAM] === '1') return { state }
      const fans = ctx.state.fans
      // snsapi_base is silent: the first follower, unless the tester named a fan.
      const openid =
        query[FAN_PARAM] ??
        (request.scope === 'snsapi_base' ? fans.followers(appid)[0]?.openid : undefined)
      if (openid === undefined) {
        return consentPage({
          appid: request.appid,
          scope: request.scope,
          fans: fans.list(appid),
          link: (extra) => authorizeLink(query, extra),
        })
      }
      return { code: ctx.state.oauth.issueCode({ appid, openid, scope: request.scope }), state }
    },
  },
  'oauth.accessToken': {
    // grant_type first (40002), then the AppSecret checks of credentials.ts, then the code (41008).
    precheck: (raw, { state }) => {
      const q = raw.query
      if (q.grant_type !== undefined && q.grant_type !== 'authorization_code')
        throw new WechatError(ERRCODE.INVALID_GRANT_TYPE)
      checkCredentials(state, { appid: q.appid, secret: q.secret })
      if (!q.code) throw new WechatError(ERRCODE.OAUTH_CODE_MISSING)
    },
    run: (request, { state }) => {
      const issued = state.oauth.redeemCode(request.appid, request.code)
      // unionid only with snsapi_userinfo, and only for a fan who has one (§6.11).
      if (issued.scope !== 'snsapi_userinfo') return issued
      return {
        ...issued,
        ...unionidOf(state, {
          appid: request.appid.toLowerCase(),
          openid: issued.openid,
          scope: issued.scope,
        }),
      }
    },
  },
  'oauth.refreshToken': {
    precheck: (raw, { state }) => {
      const q = raw.query
      if (q.grant_type !== undefined && q.grant_type !== 'refresh_token')
        throw new WechatError(ERRCODE.INVALID_GRANT_TYPE)
      if (!q.appid) throw new WechatError(ERRCODE.APPID_MISSING)
      if (!q.refresh_token) throw new WechatError(ERRCODE.REFRESH_TOKEN_MISSING)
      if (!state.accounts.has(q.appid.toLowerCase())) throw new WechatError(ERRCODE.INVALID_APPID)
    },
    run: (request, { state }) => state.oauth.refresh(request.appid, request.refresh_token),
  },
  'oauth.userInfo': {
    // snsapi_base tokens may not read the profile: 48001 `api unauthorized`.
    precheck: (raw, { state }) => {
      if (webGrant(raw, state).scope !== 'snsapi_userinfo')
        throw new WechatError(ERRCODE.API_UNAUTHORIZED)
    },
    run: (request, { state }) => {
      const grant = state.oauth.checkToken(request.access_token)
      // sex and region are 0/empty today (§6.11); fans here have no nickname or picture, so the
      // generic "微信用户" and a placeholder picture stand in ([inferred]).
      return {
        openid: grant.openid,
        nickname: '微信用户',
        sex: 0,
        province: '',
        city: '',
        country: '',
        headimgurl: headImageUrl(grant.openid),
        privilege: [],
        ...unionidOf(state, grant),
      }
    },
  },
  'oauth.auth': {
    precheck: (raw, { state }) => void webGrant(raw, state),
    run: () => ({ errcode: 0, errmsg: 'ok' }),
  },
} satisfies Handlers
