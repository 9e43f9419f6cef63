/**
 * Serialises a `WebhookResponse` as one HTTP/1.1 message (head and body in one string, so one
 * socket write). The headers are those node:http would send for the same answer.
 */
import type { WebhookResponse } from '../http-types.js'

/** Reason phrases for the statuses the webhook answers with. */
const REASONS: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** Seconds the server keeps an idle keep-alive connection, announced in `Keep-Alive`. */
export const KEEP_ALIVE_SECONDS = 5

let dateSecond = -1
let dateLine = ''

/** `Date: …\r\n`, rebuilt at most once a second (as node:http caches it). */
function currentDateLine(nowMs: number): string {
  const second = Math.floor(nowMs / 1000)
  if (second !== dateSecond) {
    dateSecond = second
    dateLine = `Date: ${new Date(second * 1000).toUTCString()}\r\n`
  }
  return dateLine
}

/**
 * The full message for `r`. Extra header values come from the pipeline, never from the request;
 * a CR or LF in one is still refused, so no answer can ever split into two.
 */
export function serializeResponse(r: WebhookResponse, keepAlive: boolean, nowMs: number): string {
  let head = `HTTP/1.1 ${r.status} ${REASONS[r.status] ?? 'Unknown'}\r\nContent-Type: ${r.contentType}\r\nContent-Length: ${Buffer.byteLength(r.body)}\r\n${currentDateLine(nowMs)}`
  if (r.headers !== undefined) {
    for (const name of Object.keys(r.headers)) {
      const value = r.headers[name]!
      if (/[\r\n]/.test(name) || /[\r\n]/.test(value))
        throw new Error(`response header ${JSON.stringify(name)} holds a line break`)
      head += `${name}: ${value}\r\n`
    }
  }
  head += keepAlive
    ? `Connection: keep-alive\r\nKeep-Alive: timeout=${KEEP_ALIVE_SECONDS}\r\n\r\n`
    : 'Connection: close\r\n\r\n'
  return head + r.body
}
