/**
 * Reading an answer: WeChat's errcode envelope becomes `WxApiError`, the proxy's own refusal
 * `WxProxyError`, anything unreadable `WxTransportError`; a success is the JSON body (64-bit ids
 * quoted before parsing), a downloaded file, or a redirect's parameters.
 */
import { WxApiError, WxProxyError, WxTransportError } from '@wxmp/core'
import type { WxApiRequestSummary } from '@wxmp/core'
import { jsonSchemaOf, quoteId64, responseKind } from '@wxmp/spec'
import type { DownloadedFile, RedirectResponse, ResponseSpec } from '@wxmp/spec'

// Failures that will repeat identically on a retry (an answer of the wrong shape).
const permanent = new WeakSet<Error>()

/** Whether retrying could change the outcome of this failure. */
export function isPermanent(error: unknown): boolean {
  return error instanceof Error && permanent.has(error)
}

/** An answer as it came off the wire. */
export interface RawAnswer {
  readonly status: number
  readonly headers: Headers
  readonly bytes: Uint8Array
  /** A file's body left unread, when the call asked for a stream (`client.download`). */
  readonly stream?: ReadableStream<Uint8Array>
}

/** A file as `client.download` gives it: its bytes as a stream, read at the caller's pace. */
export interface StreamedFile {
  /** The file's bytes; read it to the end or cancel it, else the connection stays busy. */
  readonly body: ReadableStream<Uint8Array>
  /** The `Content-Type` WeChat sent. */
  readonly contentType: string
  /** The file name from `Content-Disposition`, when WeChat sent one. */
  readonly filename?: string
  /** The `Content-Length`, when WeChat sent one. */
  readonly size?: number
}

/** What decoding needs to know about the call. */
export interface DecodeContext {
  readonly id: string
  readonly response: ResponseSpec | undefined
  readonly request: WxApiRequestSummary
  readonly validate: boolean
}

/** The success value of an answer, or the error it stands for (thrown). */
export function decodeAnswer(answer: RawAnswer, ctx: DecodeContext): unknown {
  if (answer.stream !== undefined) return streamed(answer, ctx)
  const kind = ctx.response === undefined ? 'auto' : responseKind(ctx.response)
  if (kind === 'redirect' && answer.status >= 300 && answer.status < 400)
    return redirectParams(answer, ctx)
  const contentType = answer.headers.get('content-type') ?? ''
  const looksJson = kind === 'json' || isJson(contentType, answer.bytes)
  const json = looksJson ? parseJson(answer, ctx) : undefined
  if (json !== undefined) {
    const refusal = proxyRefusal(json, answer.status, ctx.id)
    if (refusal) throw refusal
  }
  if (answer.status !== 200)
    throw new WxTransportError(`${ctx.id}: HTTP ${answer.status}`, {
      endpoint: ctx.id,
      status: answer.status,
    })
  if (json === undefined) {
    // WeChat's consent page is HTML meant for the user's browser; only the emulator redirects.
    if (kind === 'redirect') throw browserPage(ctx.id, answer.status)
    if (kind === 'json')
      throw new WxTransportError(
        `${ctx.id}: expected JSON, got ${contentType || 'no content type'}`,
        {
          endpoint: ctx.id,
          status: answer.status,
        },
      )
    return downloaded(answer, contentType)
  }
  const errcode = (json as { errcode?: unknown }).errcode
  if (typeof errcode === 'number' && errcode !== 0) {
    const errmsg = (json as { errmsg?: unknown }).errmsg
    throw new WxApiError(
      { errcode, errmsg: typeof errmsg === 'string' ? errmsg : undefined },
      { endpoint: ctx.id, request: ctx.request },
    )
  }
  if (kind === 'binary')
    throw new WxTransportError(`${ctx.id}: expected a file, got JSON without an errcode`, {
      endpoint: ctx.id,
      status: answer.status,
    })
  if (kind === 'redirect') throw browserPage(ctx.id, answer.status)
  if (ctx.validate && ctx.response !== undefined) checkShape(json, ctx)
  return json
}

// A page where a redirect was expected: asking again shows the same page, so it is never retried.
function browserPage(id: string, status: number): WxTransportError {
  const error = new WxTransportError(`${id}: expected a redirect; open this page in a browser`, {
    endpoint: id,
    status,
  })
  permanent.add(error)
  return error
}

// WeChat labels some JSON answers `text/plain`; a file's bytes never start with `{`.
function isJson(contentType: string, bytes: Uint8Array): boolean {
  if (/json/i.test(contentType)) return true
  if (contentType !== '' && !/^text\//i.test(contentType)) return false
  const first = bytes.find(
    (byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09,
  )
  return first === 0x7b
}

function parseJson(answer: RawAnswer, ctx: DecodeContext): unknown {
  const text = new TextDecoder().decode(answer.bytes)
  try {
    const value = JSON.parse(quoteId64(text)) as unknown
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value
  } catch (cause) {
    // A proxy or gateway error page is not worth a parse error: report the status instead.
    if (answer.status !== 200) return undefined
    throw new WxTransportError(`${ctx.id}: the answer is not JSON (truncated?)`, {
      endpoint: ctx.id,
      status: answer.status,
      cause,
    })
  }
  if (answer.status !== 200) return undefined
  throw new WxTransportError(`${ctx.id}: the answer is not a JSON object`, {
    endpoint: ctx.id,
    status: answer.status,
  })
}

/** The proxy's own refusal: `{ "wxmp_error": { "code", "message", "rule"? } }`. */
function proxyRefusal(json: unknown, status: number, id: string): WxProxyError | undefined {
  const error = (json as { wxmp_error?: unknown }).wxmp_error
  if (typeof error !== 'object' || error === null) return undefined
  const { code, message, rule } = error as Record<string, unknown>
  return new WxProxyError({
    proxyCode: typeof code === 'string' ? code : 'WX_PROXY_ERROR',
    message: typeof message === 'string' ? message : 'refused',
    rule: typeof rule === 'string' ? rule : undefined,
    endpoint: id,
    status,
  })
}

function streamed(answer: RawAnswer, ctx: DecodeContext): StreamedFile {
  const stream = answer.stream as ReadableStream<Uint8Array>
  if (answer.status !== 200) {
    void stream.cancel().catch(() => {})
    throw new WxTransportError(`${ctx.id}: HTTP ${answer.status}`, {
      endpoint: ctx.id,
      status: answer.status,
    })
  }
  const filename = filenameOf(answer.headers.get('content-disposition'))
  const length = Number(answer.headers.get('content-length') ?? Number.NaN)
  return {
    body: stream,
    contentType: answer.headers.get('content-type') || 'application/octet-stream',
    ...(filename === undefined ? {} : { filename }),
    ...(Number.isSafeInteger(length) && length >= 0 ? { size: length } : {}),
  }
}

function downloaded(answer: RawAnswer, contentType: string): DownloadedFile {
  const filename = filenameOf(answer.headers.get('content-disposition'))
  const file = { data: answer.bytes, contentType: contentType || 'application/octet-stream' }
  return filename === undefined ? file : { ...file, filename }
}

/** The file name of `Content-Disposition: attachment; filename="a.jpg"` (or `filename*=UTF-8''…`). */
export function filenameOf(header: string | null): string | undefined {
  if (header === null) return undefined
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1]
  if (extended !== undefined) {
    try {
      return decodeURIComponent(extended.trim())
    } catch {
      return extended.trim()
    }
  }
  return (
    /filename\s*=\s*"([^"]*)"/.exec(header)?.[1] ?? /filename\s*=\s*([^;\s]+)/.exec(header)?.[1]
  )
}

function redirectParams(answer: RawAnswer, ctx: DecodeContext): unknown {
  const location = answer.headers.get('location')
  if (location === null)
    throw new WxTransportError(`${ctx.id}: a redirect without a Location`, {
      endpoint: ctx.id,
      status: answer.status,
    })
  // Only the parameters WeChat adds (`code`, `state`); the redirect_uri's own query is the caller's.
  const params = Object.fromEntries(new URL(location).searchParams)
  const response = ctx.response as RedirectResponse
  const parsed = response.params.safeParse(params)
  return parsed.success ? parsed.data : params
}

function checkShape(json: unknown, ctx: DecodeContext): void {
  const schema = ctx.response === undefined ? undefined : jsonSchemaOf(ctx.response)
  const result = schema?.safeParse(json)
  if (!result || result.success) return
  const issue = result.error.issues[0]
  const where = issue?.path.map(String).join('.') || '(answer)'
  const error = new WxTransportError(
    `${ctx.id}: the answer does not match the table's schema at ${where}: ${issue?.message ?? ''}`,
    { endpoint: ctx.id, status: 200 },
  )
  permanent.add(error)
  throw error
}
