/**
 * The request head as the fast HTTP front reads it: only the strict, common shape WeChat (and a
 * reverse proxy in front of the webhook) sends — `GET`/`POST`, an origin-form target, HTTP/1.0 or
 * 1.1, plain `name: value` lines, at most one `Content-Length` and no `Transfer-Encoding`.
 *
 * Anything else is not an error here: `parseRequestHead` answers `undefined`, and the connection
 * is handed to node:http, which speaks all of HTTP/1.1 (chunked bodies, `Expect`, obs-fold, 400s
 * for garbage). So there is never a request that two parsers read differently: the fast path
 * only ever takes requests on which there is nothing to disagree about.
 */

/** What the fast path needs from a request head. */
export interface RequestHead {
  readonly method: 'GET' | 'POST'
  /** The request target as sent: path and query string. */
  readonly target: string
  /** Body length in bytes (0 without `Content-Length`). */
  readonly contentLength: number
  /** Whether the connection stays open after the answer (HTTP/1.1 default, or 1.0 keep-alive). */
  readonly keepAlive: boolean
}

/** `tchar` of RFC 9110 §5.6.2, as a lookup by char code. */
const TOKEN_CHARS = (() => {
  const table = new Uint8Array(128)
  for (const ch of "!#$%&'*+-.^_`|~") table[ch.charCodeAt(0)] = 1
  for (let c = 0x30; c <= 0x39; c++) table[c] = 1
  for (let c = 0x41; c <= 0x5a; c++) table[c] = 1
  for (let c = 0x61; c <= 0x7a; c++) table[c] = 1
  return table
})()

const CR = 0x0d
const LF = 0x0a
const COLON = 0x3a

/**
 * `GET|POST`, an origin-form target of visible ASCII, HTTP/1.0 or 1.1. (Every check here is a
 * single left-to-right pass or an anchored regex without nested repetition: the head is hostile
 * input, so nothing may backtrack.)
 */
const REQUEST_LINE = /^(GET|POST) (\/[\x21-\x7e]*) HTTP\/1\.([01])$/

/**
 * Reads the head in `head` (latin1-decoded bytes up to, not including, the blank line).
 * `undefined` means "not the simple case": let node:http handle this connection.
 */
export function parseRequestHead(head: string): RequestHead | undefined {
  const lineEnd = head.indexOf('\r\n')
  const line = REQUEST_LINE.exec(lineEnd === -1 ? head : head.slice(0, lineEnd))
  if (line === null) return undefined
  const http11 = line[3] === '1'
  let keepAlive = http11
  let contentLength = -1
  let host = false
  let pos = lineEnd === -1 ? head.length : lineEnd + 2
  while (pos < head.length) {
    let end = head.indexOf('\r\n', pos)
    if (end === -1) end = head.length
    const colon = readHeaderName(head, pos, end)
    if (colon === -1) return undefined
    const value = trimmedValue(head, colon + 1, end)
    if (value === undefined) return undefined
    // Names compared case-insensitively by length first: most lines match none of these.
    const nameLength = colon - pos
    if (nameLength === 14 && sameName(head, pos, 'content-length')) {
      if (contentLength !== -1 || !isDigits(value)) return undefined
      contentLength = Number(value)
    } else if (nameLength === 10 && sameName(head, pos, 'connection')) {
      const tokens = value.toLowerCase()
      if (/(^|[\s,])upgrade($|[\s,])/.test(tokens)) return undefined
      if (/(^|[\s,])close($|[\s,])/.test(tokens)) keepAlive = false
      else if (/(^|[\s,])keep-alive($|[\s,])/.test(tokens)) keepAlive = true
    } else if (
      (nameLength === 17 && sameName(head, pos, 'transfer-encoding')) ||
      (nameLength === 6 && sameName(head, pos, 'expect')) ||
      (nameLength === 7 && sameName(head, pos, 'upgrade'))
    ) {
      return undefined
    } else if (nameLength === 4 && sameName(head, pos, 'host')) {
      if (host) return undefined
      host = true
    }
    pos = end + 2
  }
  // node:http answers 400 to an HTTP/1.1 request without Host; leave that answer to it.
  if (!host && http11) return undefined
  return {
    method: line[1] as 'GET' | 'POST',
    target: line[2]!,
    contentLength: contentLength === -1 ? 0 : contentLength,
    keepAlive,
  }
}

/** Index of the colon ending a token header name that starts at `pos`, else -1. */
function readHeaderName(head: string, pos: number, end: number): number {
  let i = pos
  for (; i < end; i++) {
    const code = head.charCodeAt(i)
    if (code === COLON) break
    if (code >= 128 || TOKEN_CHARS[code] !== 1) return -1
  }
  return i === pos || i === end ? -1 : i
}

/** The field value without surrounding spaces/tabs; `undefined` if it holds a CR, LF or NUL. */
function trimmedValue(head: string, from: number, to: number): string | undefined {
  let start = from
  let end = to
  while (start < end && isBlank(head.charCodeAt(start))) start++
  while (end > start && isBlank(head.charCodeAt(end - 1))) end--
  for (let i = start; i < end; i++) {
    const code = head.charCodeAt(i)
    if (code === CR || code === LF || code === 0) return undefined
  }
  return head.slice(start, end)
}

const isBlank = (code: number): boolean => code === 0x20 || code === 0x09

/** Whether the header name at `pos` equals `lower` (lower-case letters and '-'), ignoring case. */
function sameName(head: string, pos: number, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    if ((head.charCodeAt(pos + i) | 0x20) !== lower.charCodeAt(i)) return false
  }
  return true
}

/** 1 to 12 ASCII digits: a Content-Length this path takes (no sign, no list, no spaces). */
function isDigits(value: string): boolean {
  if (value.length === 0 || value.length > 12) return false
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i)
    if (code < 0x30 || code > 0x39) return false
  }
  return true
}
