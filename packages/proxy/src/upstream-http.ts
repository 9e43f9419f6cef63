/**
 * The call to WeChat over node:http(s), used when the proxy is given no `fetch` of its own. It
 * behaves as the fetch path does (same headers passed on, bodies decoded as fetch decodes them,
 * same refusals, the timeout ending the connection) without what fetch builds per call: a web
 * Request, an AbortSignal it follows (a WeakRef and a finalizer each), Headers and a web stream.
 * That was a third of the proxy's own CPU per call.
 */
import { Agent as HttpAgent, request as httpRequest } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { Readable, pipeline } from 'node:stream'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import type { Clock } from '@wxmp/core'
import { ProxyRefusal } from './refusal.js'
import type { UpstreamAnswer, UpstreamCall } from './upstream.js'
import { DROPPED, errcodeOf, isReadable } from './upstream.js'

// Connections are kept for the next call, as fetch's pool keeps them.
const HTTP_AGENT = new HttpAgent({ keepAlive: true })
const HTTPS_AGENT = new HttpsAgent({ keepAlive: true })

/** Sends `call`; a network failure or no answer within `timeoutMs` is a 502 refusal. */
export function sendOverHttp(
  call: UpstreamCall,
  clock: Clock,
  timeoutMs: number,
): Promise<UpstreamAnswer> {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const secure = call.url.protocol === 'https:'
    const send = secure ? httpsRequest : httpRequest
    const request = send(call.url, {
      method: call.method,
      headers: call.headers,
      agent: secure ? HTTPS_AGENT : HTTP_AGENT,
    })
    const timer = clock.setTimeout(() => {
      // Ends the connection, as aborting the fetch does; the caller is answered now.
      request.destroy()
      reject(new ProxyRefusal('upstream', `WeChat did not answer within ${timeoutMs} ms`))
    }, timeoutMs)
    request.once('error', (err) => {
      clock.clearTimeout(timer)
      // The message of a connection failure names neither the URL's query nor any token.
      reject(new ProxyRefusal('upstream', `WeChat could not be reached: ${err.message}`))
    })
    request.once('response', (response) => {
      clock.clearTimeout(timer)
      resolve(response)
    })
    request.end(call.body)
  }).then(answerOf)
}

async function answerOf(response: IncomingMessage): Promise<UpstreamAnswer> {
  const status = response.statusCode ?? 502
  const headers: Array<[string, string]> = []
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined || DROPPED.has(name)) continue
    if (Array.isArray(value)) for (const v of value) headers.push([name, v])
    else headers.push([name, value])
  }
  // Fetch's Headers list names in order; the answer looks the same on either path.
  headers.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const body = decoded(response)
  if (!isReadable(response.headers['content-type'] ?? null)) {
    const stream = Readable.toWeb(body) as unknown as ReadableStream<Uint8Array>
    return { status, headers, stream, errcode: 0 }
  }
  let bytes: Buffer
  try {
    bytes = await readAll(body)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new ProxyRefusal('upstream', `WeChat's answer broke off: ${reason}`)
  }
  return { status, headers, bytes, errcode: errcodeOf(bytes) }
}

// The body as fetch hands it over: content codings it knows undone, last applied first.
function decoded(response: IncomingMessage): Readable {
  const codings = response.headers['content-encoding']
  if (codings === undefined) return response
  let body: Readable = response
  for (const coding of codings.toLowerCase().split(',').reverse()) {
    const name = coding.trim()
    const decoder =
      name === 'gzip' || name === 'x-gzip'
        ? createGunzip()
        : name === 'deflate'
          ? createInflate()
          : name === 'br'
            ? createBrotliDecompress()
            : undefined
    // A coding fetch does not know leaves the bytes as they came.
    if (decoder === undefined) return response
    body = pipeline(body, decoder, () => {})
  }
  return body
}

function readAll(body: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    body.on('data', (chunk: Buffer) => {
      chunks.push(chunk)
      size += chunk.byteLength
    })
    body.once('end', () => resolve(Buffer.concat(chunks, size)))
    body.once('error', reject)
  })
}
