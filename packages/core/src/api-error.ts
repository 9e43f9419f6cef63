/**
 * `WxApiError`: the one error type for every non-zero errcode WeChat answers with. The errcode
 * table supplies its key, kind and hint; the request it carries is always redacted.
 */
import { WxError, hasWxCode } from './errors.js'
import { errcodeHint, errcodeInfo, errcodeKind } from './errcodes.js'
import type { ErrcodeKey, ErrcodeKind } from './errcodes.js'
import { redactObject, redactUrl } from './redact.js'

/** The `code` of every `WxApiError`. */
export const WX_ERR_API = 'WX_ERR_API'

/** Key given to errcodes missing from the table. */
export const UNKNOWN_ERRCODE_KEY = 'UNKNOWN'

/** The request that got the error, as kept on the error (secrets redacted). */
export interface WxApiRequestSummary {
  /** HTTP method, e.g. `POST`. */
  readonly method: string
  /** Full URL; `access_token`, `secret` and other secret query values are redacted. */
  readonly url: string
  /** JSON body (secret-named fields redacted), or a short description of a binary body. */
  readonly body?: unknown
}

/** WeChat's error answer, `{ errcode, errmsg }`. */
export interface WxErrorBody {
  /** Non-zero errcode. */
  errcode: number
  /** Free-text message, often with a ` rid: …` suffix. */
  errmsg?: string | undefined
}

/** Where the error happened: endpoint spec id, the request, and an underlying cause. */
export interface WxApiErrorContext {
  /** Endpoint spec id, e.g. `menu.create`, `token.get`. */
  endpoint?: string | undefined
  /** The request as sent; redacted before it is stored. */
  request?: WxApiRequestSummary | undefined
  /** What led to this error, if anything besides WeChat's answer. */
  cause?: unknown
}

/** WeChat answered with a non-zero errcode. Branch on `kind` or `key`, never on `errmsg`. */
export class WxApiError extends WxError {
  /** WeChat's numeric errcode. */
  readonly errcode: number
  /** WeChat's errmsg, verbatim (empty when WeChat sent none). */
  readonly errmsg: string
  /** Table key, e.g. `ACCESS_TOKEN_EXPIRED`; `UNKNOWN` for codes not in the table. */
  readonly key: ErrcodeKey | typeof UNKNOWN_ERRCODE_KEY
  /** What the caller should do: retry, invalidate the token, or stop. */
  readonly kind: ErrcodeKind
  /** Endpoint spec id that answered, when known. */
  readonly endpoint: string | undefined
  /** WeChat's request id from the errmsg (` rid: …` or the older ` hint: […]`), for support tickets. */
  readonly rid: string | undefined
  /** The fix for a known trap (IP whitelist, quota, permissions, wrong secret). */
  readonly hint: string | undefined
  /** The failed request, with secrets redacted. */
  readonly request: WxApiRequestSummary | undefined

  constructor(body: WxErrorBody, context: WxApiErrorContext = {}) {
    const errmsg = body.errmsg ?? ''
    const info = errcodeInfo(body.errcode)
    const key = info?.key ?? UNKNOWN_ERRCODE_KEY
    const rid = ridFrom(errmsg)
    const hint = errcodeHint(body.errcode, { endpoint: context.endpoint, errmsg })
    const text = stripRid(errmsg) || info?.en || 'no errmsg'
    const message = composeMessage({ ...context, errcode: body.errcode, text, key, rid, hint })
    super(WX_ERR_API, message, { cause: context.cause })
    this.errcode = body.errcode
    this.errmsg = errmsg
    this.key = key
    this.kind = errcodeKind(body.errcode, context.endpoint)
    this.endpoint = context.endpoint
    this.rid = rid
    this.hint = hint
    this.request = context.request && redactRequest(context.request)
  }
}

/**
 * Builds the `WxApiError` for a WeChat error body.
 *
 * @example
 * if (body.errcode) throw wxApiErrorFrom(body, { endpoint: 'menu.create', request: { method, url, body: sent } })
 */
export function wxApiErrorFrom(body: WxErrorBody, context: WxApiErrorContext = {}): WxApiError {
  return new WxApiError(body, context)
}

/**
 * True when `err` is a `WxApiError`, optionally with the given key. Checks `code`, not
 * `instanceof`, so it holds across duplicate copies of this package.
 */
export function isWxApiError(
  err: unknown,
  key?: ErrcodeKey | typeof UNKNOWN_ERRCODE_KEY,
): err is WxApiError {
  return hasWxCode(err, WX_ERR_API) && (key === undefined || (err as { key?: unknown }).key === key)
}

/** WeChat's request id in an errmsg: ` rid: 6397e9df-300dd594-2a66aff9` or ` hint: [KJZfAa0644e575]`. */
export function ridFrom(errmsg: string): string | undefined {
  return (
    /\brid:\s*([0-9A-Za-z-]+)/.exec(errmsg)?.[1] ?? /\bhint:\s*\[([^\]\s]+)\]/.exec(errmsg)?.[1]
  )
}

// The errmsg without the request-id suffix, which the message shows separately.
function stripRid(errmsg: string): string {
  return errmsg.replace(/\s*\b(?:rid:\s*[0-9A-Za-z-]+|hint:\s*\[[^\]]*\])\s*$/, '').trim()
}

function composeMessage(parts: {
  errcode: number
  text: string
  key: string
  rid: string | undefined
  hint: string | undefined
  endpoint?: string | undefined
}): string {
  const { errcode, text, key, rid, hint, endpoint } = parts
  // errmsg is free text from WeChat; it is not expected to echo secrets, but redact URL-like parts anyway.
  let message = `${endpoint ?? 'WeChat API call'} failed: ${errcode} ${redactUrl(text)} (${key})`
  if (rid !== undefined) message += ` rid: ${rid}`
  if (hint !== undefined) message += ` — ${hint}`
  return message
}

function redactRequest(request: WxApiRequestSummary): WxApiRequestSummary {
  const summary: { method: string; url: string; body?: unknown } = {
    method: request.method,
    url: redactUrl(request.url),
  }
  if (request.body !== undefined) summary.body = redactBody(request.body)
  return summary
}

// Bodies arrive as objects, as JSON text or as bytes; each is reduced to something safe to log.
function redactBody(body: unknown): unknown {
  if (body instanceof Uint8Array || body instanceof ArrayBuffer)
    return `[binary ${body.byteLength} bytes]`
  if (typeof body !== 'string') return redactObject(body)
  try {
    return JSON.stringify(redactObject(JSON.parse(body) as unknown))
  } catch {
    return redactUrl(body) // not JSON: maybe a form body `appid=…&secret=…`
  }
}
