/**
 * OAuth2 web authorization (网页授权, §6.11). The web access_token is per user and unrelated to the
 * account's access_token; `sns/*` calls have no daily quota.
 */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { redirect } from './responses.js'
import { data, lang, ok, uint } from './schemas.js'

const DOC = 'OA_Web_Apps/Wechat_webpage_authorization'

const webToken = data({
  access_token: z.string(),
  expires_in: uint,
  refresh_token: z.string(),
  openid: z.string(),
  scope: z.string(),
})

/** The oauth scope. */
export const oauth = defineScope('oauth', {
  /**
   * 用户同意授权，获取 code: the consent page, opened in the user's WeChat browser. The query must
   * keep this parameter order and the URL must end with `#wechat_redirect`. WeChat redirects to
   * `redirect_uri?code=CODE&state=STATE` (no code when the user declines); the code is single-use
   * and lives 5 minutes. Page errors (10003–10016) are shown to the user, never sent as JSON.
   */
  authorize: endpoint('GET /connect/oauth2/authorize', {
    title: '用户同意授权，获取code',
    doc: DOC,
    ref: '§6.11',
    host: 'open',
    auth: 'none',
    idempotent: true,
    query: z.object({
      appid: z.string(),
      redirect_uri: z.string(),
      response_type: z.literal('code').default('code'),
      scope: z.enum(['snsapi_base', 'snsapi_userinfo']),
      state: z.string().optional(),
      forcePopup: z.enum(['true', 'false']).optional(),
    }),
    response: redirect(
      z.object({ code: z.string().optional(), state: z.string().optional() }),
      'wechat_redirect',
    ),
    errcodes: [
      ERRCODE.OAUTH_REDIRECT_URI_DOMAIN_MISMATCH,
      ERRCODE.OAUTH_ACCOUNT_BANNED,
      ERRCODE.OAUTH_SCOPE_UNAUTHORIZED,
      ERRCODE.OAUTH_MUST_FOLLOW_TEST_ACCOUNT,
      ERRCODE.OAUTH_TOO_FREQUENT,
      ERRCODE.OAUTH_SCOPE_EMPTY,
      ERRCODE.OAUTH_REDIRECT_URI_EMPTY,
      ERRCODE.OAUTH_APPID_EMPTY,
      ERRCODE.OAUTH_STATE_EMPTY,
      ERRCODE.OAUTH_NOT_AUTHORIZED_TO_THIRD_PARTY,
      ERRCODE.OAUTH_OPEN_PLATFORM_APPID_UNSUPPORTED,
    ],
  }),
  /**
   * 通过 code 换取网页授权 access_token. Not idempotent: the code is single-use, so a retry after a
   * lost answer gets 40163.
   */
  accessToken: endpoint('GET /sns/oauth2/access_token', {
    title: '通过code换取网页授权access_token',
    doc: DOC,
    ref: '§6.11',
    auth: 'appSecret',
    idempotent: false,
    query: z.object({
      appid: z.string(),
      secret: z.string(),
      code: z.string(),
      grant_type: z.literal('authorization_code').default('authorization_code'),
    }),
    // `is_snapshotuser` = 1 only for snapshot-page virtual users; `unionid` only with snsapi_userinfo when bound.
    response: webToken.extend({
      is_snapshotuser: z.int().optional(),
      unionid: z.string().optional(),
    }),
    errcodes: [
      ERRCODE.INVALID_OAUTH_CODE,
      ERRCODE.OAUTH_CODE_USED,
      ERRCODE.INVALID_APPSECRET,
      ERRCODE.OAUTH_CODE_EXPIRED,
    ],
  }),
  /** 刷新 access_token: refresh tokens live 30 days. Needs the AppID only, no secret. */
  refreshToken: endpoint('GET /sns/oauth2/refresh_token', {
    title: '刷新access_token',
    doc: DOC,
    ref: '§6.11',
    auth: 'none',
    idempotent: true,
    query: z.object({
      appid: z.string(),
      grant_type: z.literal('refresh_token').default('refresh_token'),
      refresh_token: z.string(),
    }),
    response: webToken,
    errcodes: [ERRCODE.INVALID_REFRESH_TOKEN, ERRCODE.REFRESH_TOKEN_EXPIRED],
  }),
  /** 拉取用户信息: needs `snsapi_userinfo`; `sex` and the region are 0/empty now. */
  userInfo: endpoint('GET /sns/userinfo', {
    title: '拉取用户信息(需scope为 snsapi_userinfo)',
    doc: DOC,
    ref: '§6.11',
    auth: 'webToken',
    idempotent: true,
    query: z.object({ access_token: z.string(), openid: z.string(), lang: lang.optional() }),
    response: data({
      openid: z.string(),
      nickname: z.string().optional(),
      sex: z.int().optional(),
      province: z.string().optional(),
      city: z.string().optional(),
      country: z.string().optional(),
      headimgurl: z.string().optional(),
      privilege: z.array(z.string()).optional(),
      unionid: z.string().optional(),
      is_snapshotuser: z.int().optional(),
    }),
    errcodes: [ERRCODE.INVALID_OPENID, ERRCODE.USER_TOKENS_REVOKED],
  }),
  /** 检验授权凭证（access_token）是否有效. */
  auth: endpoint('GET /sns/auth', {
    title: '检验授权凭证（access_token）是否有效',
    doc: DOC,
    ref: '§6.11',
    auth: 'webToken',
    idempotent: true,
    query: z.object({ access_token: z.string(), openid: z.string() }),
    response: ok,
    errcodes: [ERRCODE.INVALID_OPENID],
  }),
})
