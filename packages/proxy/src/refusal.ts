/**
 * The proxy's own answers (as opposed to WeChat's, which pass through): an HTTP status, a
 * WeChat-style `errcode`/`errmsg` so existing SDKs react as they would to WeChat, and a
 * `wxmp_error` object that our SDK turns into `WxProxyError`.
 */
import { ERRCODE, errcodeInfo } from '@wxmp/core'
import { jsonAnswer, responseOfAnswer } from './answer.js'
import type { ProxyAnswer } from './answer.js'

/** Why the proxy refused a call; each maps to one status, errcode and string code. */
export type RefusalReason =
  | 'unauthorized'
  | 'bad-request'
  | 'unknown-endpoint'
  | 'account'
  | 'forbidden'
  | 'rate'
  | 'quota'
  | 'too-large'
  | 'upstream'
  | 'token-service'
  | 'token-config'

interface ReasonInfo {
  readonly status: number
  readonly errcode: number
  readonly errmsg: string
  readonly code: string
}

/** WeChat's own errmsg for `code`, as core's errcode table records it. */
function recorded(code: number): string {
  const errmsg = errcodeInfo(code)?.errmsg
  if (errmsg === undefined) throw new Error(`errcode ${code} has no recorded errmsg`)
  return errmsg
}

/** Status, errcode and string code of each reason. */
export const REFUSALS: Readonly<Record<RefusalReason, ReasonInfo>> = {
  // 40001 makes an existing SDK fetch a new token, which is what a drop-in caller should do
  // about an unknown or expired proxy token [inferred].
  unauthorized: {
    status: 401,
    errcode: ERRCODE.INVALID_CREDENTIAL,
    errmsg: 'invalid credential',
    code: 'WX_PROXY_UNAUTHORIZED',
  },
  'bad-request': {
    status: 400,
    errcode: ERRCODE.INVALID_PARAMETER,
    errmsg: 'invalid parameter',
    code: 'WX_PROXY_BAD_REQUEST',
  },
  'unknown-endpoint': {
    status: 404,
    errcode: ERRCODE.API_UNAUTHORIZED,
    errmsg: recorded(ERRCODE.API_UNAUTHORIZED),
    code: 'WX_PROXY_UNKNOWN_ENDPOINT',
  },
  account: {
    status: 403,
    errcode: ERRCODE.INVALID_APPID,
    errmsg: recorded(ERRCODE.INVALID_APPID),
    code: 'WX_PROXY_ACCOUNT',
  },
  forbidden: {
    status: 403,
    errcode: ERRCODE.API_UNAUTHORIZED,
    errmsg: recorded(ERRCODE.API_UNAUTHORIZED),
    code: 'WX_PROXY_FORBIDDEN',
  },
  rate: {
    status: 429,
    errcode: ERRCODE.API_MINUTE_QUOTA_EXCEEDED,
    errmsg: recorded(ERRCODE.API_MINUTE_QUOTA_EXCEEDED),
    code: 'WX_PROXY_RATE_LIMITED',
  },
  quota: {
    status: 429,
    errcode: ERRCODE.API_QUOTA_EXCEEDED,
    errmsg: recorded(ERRCODE.API_QUOTA_EXCEEDED),
    code: 'WX_PROXY_QUOTA_EXCEEDED',
  },
  'too-large': {
    status: 413,
    errcode: ERRCODE.INVALID_PARAMETER,
    errmsg: 'invalid parameter',
    code: 'WX_PROXY_TOO_LARGE',
  },
  upstream: {
    status: 502,
    errcode: ERRCODE.SYSTEM_BUSY,
    errmsg: recorded(ERRCODE.SYSTEM_BUSY),
    code: 'WX_PROXY_UPSTREAM',
  },
  'token-service': {
    status: 503,
    errcode: ERRCODE.SYSTEM_BUSY,
    errmsg: recorded(ERRCODE.SYSTEM_BUSY),
    code: 'WX_PROXY_TOKEN_UNAVAILABLE',
  },
  // WeChat refuses the account's own credentials (wrong AppSecret, IP whitelist): retrying
  // will not help until an operator fixes the configuration.
  'token-config': {
    status: 502,
    errcode: ERRCODE.SYSTEM_BUSY,
    errmsg: recorded(ERRCODE.SYSTEM_BUSY),
    code: 'WX_PROXY_TOKEN_CONFIG',
  },
}

/** A refusal by the proxy itself; `toResponse()` renders it. Messages never carry a secret. */
export class ProxyRefusal extends Error {
  readonly reason: RefusalReason
  /** Which rule refused (`allow: menu.*`, `rate: 60/min menu.*`), when one did. */
  readonly rule: string | undefined
  /** Seconds after which a retry may succeed (`Retry-After`). */
  readonly retryAfter: number | undefined

  constructor(
    reason: RefusalReason,
    message: string,
    details: { rule?: string | undefined; retryAfter?: number | undefined } = {},
  ) {
    super(message)
    this.name = 'ProxyRefusal'
    this.reason = reason
    this.rule = details.rule
    this.retryAfter = details.retryAfter
  }

  /** The HTTP status of the answer. */
  get status(): number {
    return REFUSALS[this.reason].status
  }

  /** The WeChat errcode of the answer. */
  get errcode(): number {
    return REFUSALS[this.reason].errcode
  }

  /** The answer: status, JSON body with `errcode`, `errmsg` and `wxmp_error`. */
  toResponse(extraHeaders: Readonly<Record<string, string>> = {}): Response {
    return responseOfAnswer(this.toAnswer(extraHeaders))
  }

  /** The same answer in the proxy's own form (what `serveProxy` writes). */
  toAnswer(extraHeaders: Readonly<Record<string, string>> = {}): ProxyAnswer {
    const info = REFUSALS[this.reason]
    const wxmpError: Record<string, string> = { code: info.code, message: this.message }
    if (this.rule !== undefined) wxmpError.rule = this.rule
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      ...extraHeaders,
    }
    if (this.retryAfter !== undefined) headers['retry-after'] = String(this.retryAfter)
    if (info.status === 401) headers['www-authenticate'] = 'Bearer'
    const body = { errcode: info.errcode, errmsg: info.errmsg, wxmp_error: wxmpError }
    return jsonAnswer(info.status, body, Object.entries(headers))
  }
}
