/**
 * The framework-free request/response shapes the webhook pipeline works on. The node:http server
 * and the fetch adapter both translate to and from these, so the hot path allocates no `Request`,
 * `Response`, `URL` or `Headers` objects.
 */

/** One HTTP request as the pipeline sees it. */
export interface WebhookRequest {
  /** Upper-case HTTP method. */
  method: string
  /** Path without the query string, e.g. `/wx` or `/wx/wx0123456789abcdef`. */
  path: string
  /** Raw query string without the leading `?` (may be empty). */
  query: string
  /** The body decoded as UTF-8 (WeChat always sends UTF-8 XML). */
  body: string
}

/** A request from its request-line target (`/wx?signature=…`), split at the first `?`. */
export function webhookRequest(method: string, target: string, body: string): WebhookRequest {
  const q = target.indexOf('?')
  return q === -1
    ? { method, path: target, query: '', body }
    : { method, path: target.slice(0, q), query: target.slice(q + 1), body }
}

/** One HTTP response produced by the pipeline. */
export interface WebhookResponse {
  status: number
  body: string
  contentType: string
  /** Extra headers, e.g. `Allow` on a 405. */
  headers?: Record<string, string>
}

const TEXT = 'text/plain; charset=utf-8'
const XML = 'application/xml; charset=utf-8'

/** A plain-text response. */
export function textResponse(status: number, body: string): WebhookResponse {
  return { status, body, contentType: TEXT }
}

/** An XML reply to WeChat. */
export function xmlResponse(body: string): WebhookResponse {
  return { status: 200, body, contentType: XML }
}

/** The acknowledgement WeChat documents for "received, no reply". */
export const SUCCESS: WebhookResponse = Object.freeze({
  status: 200,
  body: 'success',
  contentType: TEXT,
})

/**
 * 503 with an empty body: the delivery store could not be reached, so the push was neither
 * handled nor acknowledged. WeChat treats any non-2xx as unanswered and re-sends the identical
 * request, which finds the store again or gets 503 again; acknowledging would lose the message,
 * and running the handler unclaimed could run it twice.
 */
export const UNAVAILABLE: WebhookResponse = Object.freeze({
  status: 503,
  body: '',
  contentType: TEXT,
})

/** Rejections carry no detail: a prober learns nothing from the body. */
export const UNAUTHORIZED: WebhookResponse = Object.freeze({
  status: 401,
  body: '',
  contentType: TEXT,
})
