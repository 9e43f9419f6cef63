/**
 * The errors the token service gives its callers. Each has a stable `code` and the HTTP status
 * the API answers it with; messages never carry a secret (AppSecret, token, client key).
 */
import { WxError } from '@wxmp/core'

/** Why a credential could not be handed out. */
export type TokenErrorReason = 'unknown-account' | 'config' | 'upstream' | 'timeout'

const CODES: Record<TokenErrorReason, { code: string; status: number }> = {
  'unknown-account': { code: 'WX_TOKEN_UNKNOWN_ACCOUNT', status: 404 },
  // WeChat refused our credentials (wrong secret, IP not whitelisted): a gateway problem the
  // caller cannot fix by retrying.
  config: { code: 'WX_TOKEN_CONFIG', status: 502 },
  upstream: { code: 'WX_TOKEN_UPSTREAM', status: 503 },
  timeout: { code: 'WX_TOKEN_TIMEOUT', status: 503 },
}

/** A credential could not be handed out; `reason` says why, `status` is the HTTP answer. */
export class TokenServiceError extends WxError {
  readonly reason: TokenErrorReason
  /** HTTP status of the API's answer. */
  readonly status: number
  /** WeChat's errcode behind it, when there is one. */
  readonly errcode: number | undefined
  /** When a retry may succeed (epoch ms), for `Retry-After`. */
  readonly retryAt: number | undefined

  constructor(
    reason: TokenErrorReason,
    message: string,
    details: { errcode?: number | undefined; retryAt?: number | undefined; cause?: unknown } = {},
  ) {
    super(CODES[reason].code, message, { cause: details.cause })
    this.reason = reason
    this.status = CODES[reason].status
    this.errcode = details.errcode
    this.retryAt = details.retryAt
  }
}
