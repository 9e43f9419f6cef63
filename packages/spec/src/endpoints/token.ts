/** access_token (§5): the classic and the stable credential. Only token-service code calls these. */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { data, uint } from './schemas.js'

const issued = data({ access_token: z.string(), expires_in: uint })

// Codes both token calls document: wrong or missing credentials, the IP whitelist, the quota and
// the administrator confirmation WeChat asks for when a call comes from a risky IP.
const credentialErrors = [
  ERRCODE.INVALID_CREDENTIAL,
  ERRCODE.INVALID_GRANT_TYPE,
  ERRCODE.INVALID_APPID,
  ERRCODE.INVALID_APPSECRET,
  ERRCODE.IP_NOT_WHITELISTED,
  ERRCODE.APPID_MISSING,
  ERRCODE.SECRET_MISSING,
  ERRCODE.API_QUOTA_EXCEEDED,
  ERRCODE.IP_CONFIRMATION_REQUIRED,
  ERRCODE.IP_CONFIRMATION_PENDING,
  ERRCODE.IP_REFUSED_24H,
  ERRCODE.IP_REFUSED_1H,
]

/** The token scope: `token.get` and `token.stable` (ids fixed: core's errcode logic names them). */
export const token = defineScope('token', {
  /**
   * 获取 Access token. Every call issues a new token (the old one stays valid about 5 minutes).
   * Retrying a failed call is safe: a failed call issues nothing, a lost answer only rotates again.
   */
  get: endpoint('GET /cgi-bin/token', {
    title: '获取 Access token',
    doc: 'Basic_Information/Get_access_token',
    ref: '§5.1',
    auth: 'appSecret',
    idempotent: true,
    query: z.object({
      grant_type: z.literal('client_credential').default('client_credential'),
      appid: z.string(),
      secret: z.string(),
    }),
    response: issued,
    errcodes: credentialErrors,
    quota: { perDay: 2000, testAccountPerDay: 200 },
  }),
  /**
   * 获取稳定版接口调用凭据. Normal mode returns the current token while it is valid, so repeats are
   * harmless; `force_refresh` rotates it (20 a day, 30 s apart).
   */
  stable: endpoint('POST /cgi-bin/stable_token', {
    title: '获取稳定版接口调用凭据',
    doc: 'Basic_Information/getStableAccessToken',
    ref: '§5.2',
    auth: 'appSecret',
    idempotent: true,
    body: z.object({
      grant_type: z.literal('client_credential').default('client_credential'),
      appid: z.string(),
      secret: z.string(),
      force_refresh: z.boolean().optional(),
    }),
    response: issued,
    errcodes: credentialErrors,
    quota: { perDay: 500_000, perMinute: 10_000 },
  }),
})
