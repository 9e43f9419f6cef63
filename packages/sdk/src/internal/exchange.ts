/**
 * One attempt on the wire: build the Request, send it, read the whole answer, all within the
 * timeout on the client's clock. The race does not rely on `fetch` honouring the AbortSignal (an
 * in-process handler may ignore it): the timer settles the attempt either way.
 */
import { WxTransportError } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import type { FetchLike } from '../options.js'
import type { RawAnswer } from './decode.js'
import type { PreparedBody } from './prepare.js'

/** What one attempt sends. */
export interface Outgoing {
  readonly id: string
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: PreparedBody
  /** Do not follow redirects (the OAuth consent page answers with one). */
  readonly manualRedirect: boolean
}

/** Timing and cancellation of one attempt. */
export interface ExchangeLimits {
  readonly fetch: FetchLike
  readonly clock: Clock
  readonly timeoutMs: number
  readonly signal: AbortSignal | undefined
  /** Leave a file's body unread (JSON and text answers are still read whole, to be decoded). */
  readonly streamFiles?: boolean
}

/** Sends `outgoing` once; a network error, timeout or abort becomes a `WxTransportError`. */
export async function exchange(outgoing: Outgoing, limits: ExchangeLimits): Promise<RawAnswer> {
  const controller = new AbortController()
  const { id } = outgoing
  let timer: ReturnType<Clock['setTimeout']> | undefined
  let onAbort: (() => void) | undefined
  const stopped = new Promise<never>((_, reject) => {
    timer = limits.clock.setTimeout(() => {
      controller.abort()
      reject(
        new WxTransportError(`${id}: no answer within ${limits.timeoutMs} ms`, { endpoint: id }),
      )
    }, limits.timeoutMs)
    onAbort = () => {
      controller.abort()
      reject(
        new WxTransportError(`${id}: aborted by the caller`, {
          endpoint: id,
          cause: limits.signal?.reason,
        }),
      )
    }
    if (limits.signal?.aborted) onAbort()
    else limits.signal?.addEventListener('abort', onAbort, { once: true })
  })
  const sending = (async (): Promise<RawAnswer> => {
    const response = await limits.fetch(toRequest(outgoing, controller.signal))
    const type = response.headers.get('content-type') ?? ''
    if (limits.streamFiles === true && response.body !== null && !isTextual(type))
      return {
        status: response.status,
        headers: response.headers,
        bytes: EMPTY,
        stream: response.body,
      }
    const bytes = new Uint8Array(await response.arrayBuffer())
    return { status: response.status, headers: response.headers, bytes }
  })()
  // Whichever loses the race settles later with nobody listening; that must not be unhandled.
  sending.catch(() => {})
  stopped.catch(() => {})
  try {
    return await Promise.race([sending, stopped])
  } catch (error) {
    if (error instanceof WxTransportError) throw error
    throw new WxTransportError(`${id}: ${describe(error)}`, { endpoint: id, cause: error })
  } finally {
    if (timer !== undefined) limits.clock.clearTimeout(timer)
    if (onAbort) limits.signal?.removeEventListener('abort', onAbort)
  }
}

const EMPTY = new Uint8Array(0)

// WeChat answers errors of download endpoints as JSON (sometimes labelled text/plain).
function isTextual(contentType: string): boolean {
  const type = contentType.toLowerCase()
  return type === '' || type.includes('json') || type.startsWith('text/')
}

function toRequest(outgoing: Outgoing, signal: AbortSignal): Request {
  const headers = new Headers(outgoing.headers)
  let body: RequestInit['body']
  if (outgoing.body.kind === 'json') {
    headers.set('content-type', 'application/json')
    body = JSON.stringify(outgoing.body.value)
  } else if (outgoing.body.kind === 'multipart') {
    const form = new FormData()
    for (const [name, value] of Object.entries(outgoing.body.fields)) form.append(name, value)
    for (const [name, file] of Object.entries(outgoing.body.files))
      form.append(name, file.blob, file.filename)
    body = form
  }
  return new Request(outgoing.url, {
    method: outgoing.method,
    headers,
    body,
    signal,
    redirect: outgoing.manualRedirect ? 'manual' : 'follow',
  })
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
  return `${error.message}${cause}`
}
