/**
 * wxmp's error classes. One class per *local* failure, each with a stable string `code`
 * (undici style), so callers can branch on `err.code` without `instanceof` across package copies.
 * WeChat's own answers (a non-zero `errcode`) are `WxApiError`, one class for every code,
 * described by the errcode table in `errcodes.ts`.
 */

/** Base class of every error wxmp throws on purpose. */
export class WxError extends Error {
  /** Stable machine-readable code, e.g. `WX_ERR_SIGNATURE`. */
  readonly code: string

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

/** A signature (`signature`, `msg_signature`, reply `MsgSignature`) did not match. */
export class WxSignatureError extends WxError {
  constructor(message = 'signature mismatch', options?: { cause?: unknown }) {
    super('WX_ERR_SIGNATURE', message, options)
  }
}

/** Why an encrypted envelope could not be opened. */
export type DecryptFailure = 'base64' | 'length' | 'padding' | 'appid' | 'key'

/** An `Encrypt` envelope could not be decrypted, or carried another account's AppID. */
export class WxDecryptError extends WxError {
  /** What exactly failed; `appid` means the envelope decrypted but belongs to another account. */
  readonly reason: DecryptFailure

  constructor(reason: DecryptFailure, message: string, options?: { cause?: unknown }) {
    super('WX_ERR_DECRYPT', message, options)
    this.reason = reason
  }
}

/** XML that is malformed, too large, or uses a forbidden construct (DOCTYPE, entities). */
export class WxXmlError extends WxError {
  /** Character offset in the input where the problem was found, when known. */
  readonly offset: number | undefined

  constructor(message: string, offset?: number) {
    super('WX_ERR_XML', offset === undefined ? message : `${message} (at offset ${offset})`)
    this.offset = offset
  }
}

/** A configuration value is missing or invalid. The message names the field and the fix. */
export class WxConfigError extends WxError {
  /** Dotted path of the offending field, e.g. `accounts[0].aesKey`. */
  readonly field: string | undefined

  constructor(message: string, field?: string) {
    super('WX_ERR_CONFIG', message)
    this.field = field
  }
}

/** A network failure, timeout, non-200 HTTP status or undecodable response. */
export class WxTransportError extends WxError {
  /** The endpoint id (`menu.create`) or request line the failure belongs to. */
  readonly endpoint: string | undefined
  /** HTTP status, when a response arrived. */
  readonly status: number | undefined

  constructor(
    message: string,
    details: { endpoint?: string; status?: number; cause?: unknown } = {},
  ) {
    super('WX_ERR_TRANSPORT', message, { cause: details.cause })
    this.endpoint = details.endpoint
    this.status = details.status
  }
}

/** No access_token could be obtained (token service down, refresh failing). */
export class WxTokenUnavailableError extends WxError {
  /** HTTP status of the token service's answer, when one arrived. */
  readonly status: number | undefined
  /** The token service's own error code (`{ error: { code } }`), when it sent one. */
  readonly serviceCode: string | undefined

  constructor(
    message: string,
    options?: { cause?: unknown; status?: number; serviceCode?: string },
  ) {
    super('WX_ERR_TOKEN_UNAVAILABLE', message, options)
    this.status = options?.status
    this.serviceCode = options?.serviceCode
  }
}

/**
 * A request failed the endpoint table's schema before anything was sent: a missing required
 * field, a wrong type, an upload over WeChat's size limit. The message names the field.
 */
export class WxRequestError extends WxError {
  /** The endpoint id (`menu.create`) the request was for. */
  readonly endpoint: string
  /** Dotted path of the first offending field, e.g. `button.0.name`; empty for the whole request. */
  readonly field: string
  /** Every problem found, one line each (`button.0.name: expected string`). */
  readonly issues: readonly string[]

  constructor(endpoint: string, field: string, issues: readonly string[]) {
    super('WX_ERR_REQUEST', `${endpoint}: invalid request: ${issues.join('; ')}`)
    this.endpoint = endpoint
    this.field = field
    this.issues = issues
  }
}

/**
 * The wxmp API proxy refused a call itself (its answer carried a `wxmp_error` object), as opposed
 * to passing on WeChat's answer. `rule` says which of its rules refused: the allow-list, a rate
 * limit, the daily quota, an unknown client key.
 */
export class WxProxyError extends WxError {
  /** Always `proxy`, so a log can group these apart from WeChat's kinds. */
  readonly kind = 'proxy'
  /** The proxy's error code, e.g. `WX_PROXY_FORBIDDEN`. */
  readonly proxyCode: string
  /** The rule that refused the call, when the proxy named one. */
  readonly rule: string | undefined
  /** The endpoint id or request line the call was for. */
  readonly endpoint: string | undefined
  /** HTTP status of the proxy's answer. */
  readonly status: number

  constructor(details: {
    proxyCode: string
    message: string
    rule?: string | undefined
    endpoint?: string | undefined
    status: number
  }) {
    const rule = details.rule === undefined ? '' : ` (rule: ${details.rule})`
    const where = details.endpoint ?? 'call'
    super(
      'WX_ERR_PROXY',
      `${where} refused by the wxmp proxy: ${details.proxyCode}${rule}: ${details.message}`,
    )
    this.proxyCode = details.proxyCode
    this.rule = details.rule
    this.endpoint = details.endpoint
    this.status = details.status
  }
}

/** True when `err` is a wxmp error with the given code (works across package copies). */
export function hasWxCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code
}
