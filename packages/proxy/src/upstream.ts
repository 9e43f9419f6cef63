/**
 * One call to WeChat and its answer, passed back unchanged: status, content type, disposition
 * and body bytes. JSON and text answers are read (to see their errcode; the bytes sent on are
 * the ones received); anything else, such as a media download, is streamed through as it comes.
 */
import type { Clock } from '@wxmp/core'
import type { ProxyAnswer } from './answer.js'
import type { FetchLike } from './options.js'
import { ProxyRefusal } from './refusal.js'

/** A request for WeChat, ready to send. */
export interface UpstreamCall {
  readonly url: URL
  readonly method: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array | undefined
}

/** WeChat's answer. */
export interface UpstreamAnswer {
  readonly status: number
  /** The headers to pass on (hop-by-hop and encoding headers removed), in order. */
  readonly headers: ReadonlyArray<readonly [string, string]>
  /** The body, when it was read (JSON or text). */
  readonly bytes?: Uint8Array
  /** The body still to stream, otherwise. */
  readonly stream?: ReadableStream<Uint8Array> | null
  /** The errcode of a JSON answer; 0 when it has none or is not JSON. */
  readonly errcode: number
}

/** Per-connection headers, and the ones a decoded body invalidates: never passed on. */
export const DROPPED: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'content-encoding',
  'content-length',
])

/**
 * Sends `call` with `fetch`; a network failure or no answer within `timeoutMs` is a 502 refusal.
 */
export async function callUpstream(
  fetch: FetchLike,
  call: UpstreamCall,
  clock: Clock,
  timeoutMs: number,
): Promise<UpstreamAnswer> {
  const abort = new AbortController()
  const init: RequestInit = {
    method: call.method,
    headers: call.headers,
    redirect: 'manual',
    signal: abort.signal,
  }
  if (call.body !== undefined) init.body = call.body as Uint8Array<ArrayBuffer>
  let timer: ReturnType<Clock['setTimeout']> | undefined
  let response: Response
  try {
    // The timeout rejects as well as aborts: an in-process fetch (the emulator's) may ignore the
    // signal.
    response = await new Promise<Response>((resolve, reject) => {
      timer = clock.setTimeout(() => {
        abort.abort()
        reject(new ProxyRefusal('upstream', `WeChat did not answer within ${timeoutMs} ms`))
      }, timeoutMs)
      fetch(new Request(call.url, init)).then(resolve, reject)
    })
  } catch (err) {
    if (err instanceof ProxyRefusal) throw err
    // The message of a fetch failure names neither the URL's query nor any token.
    const reason = err instanceof Error ? err.message : String(err)
    throw new ProxyRefusal('upstream', `WeChat could not be reached: ${reason}`)
  } finally {
    if (timer !== undefined) clock.clearTimeout(timer)
  }
  const headers: Array<[string, string]> = []
  let type: string | null = null
  response.headers.forEach((value, name) => {
    if (name === 'content-type') type = value
    if (!DROPPED.has(name)) headers.push([name, value])
  })
  if (!isReadable(type)) {
    return { status: response.status, headers, stream: response.body, errcode: 0 }
  }
  let bytes: Buffer
  try {
    bytes = Buffer.from(await response.arrayBuffer())
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new ProxyRefusal('upstream', `WeChat's answer broke off: ${reason}`)
  }
  return { status: response.status, headers, bytes, errcode: errcodeOf(bytes) }
}

/** The answer for the caller, with `extra` headers (the proxy's own, e.g. quota) set on it. */
export function answerOf(
  answer: UpstreamAnswer,
  extra: Readonly<Record<string, string>>,
): ProxyAnswer {
  const names = Object.keys(extra)
  const headers =
    names.length === 0
      ? answer.headers
      : [...answer.headers.filter(([name]) => !names.includes(name)), ...Object.entries(extra)]
  if (answer.bytes !== undefined) return { status: answer.status, headers, bytes: answer.bytes }
  return { status: answer.status, headers, stream: answer.stream ?? null }
}

// WeChat labels some JSON text/plain; errors of download endpoints come as JSON too.
/** Whether an answer of this content type is text the proxy reads whole (JSON, text; none). */
export function isReadable(contentType: string | null): boolean {
  if (contentType === null || contentType === '') return true
  const type = contentType.toLowerCase()
  return type.includes('json') || type.startsWith('text/')
}

const decoder = new TextDecoder()

/** The errcode of a JSON answer's bytes; 0 when it has none or is not JSON. */
export function errcodeOf(bytes: Buffer): number {
  // No "errcode" and no escape that could spell it: JSON.parse could not find one either.
  if (bytes.indexOf('errcode') === -1 && bytes.indexOf(0x5c) === -1) return 0
  try {
    const value = JSON.parse(decoder.decode(bytes)) as { errcode?: unknown } | null
    return typeof value?.errcode === 'number' ? value.errcode : 0
  } catch {
    return 0
  }
}
