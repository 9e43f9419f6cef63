/**
 * Puts a proxy on node:http. Request bodies are handed over as a stream, and answers are
 * streamed back as they arrive from WeChat (a download is never held whole in memory).
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import type { ProxyAnswer, ProxyCall } from './answer.js'
import { tooLarge } from './body.js'
import { callHandlerOf } from './proxy.js'
import type { CallHandler, Proxy } from './proxy.js'
import { isReadable } from './upstream.js'

/** Where to listen. */
export interface ServeProxyOptions {
  /** Default 127.0.0.1. */
  readonly host?: string
  /** Default 0 (a free port). */
  readonly port?: number
}

/** A listening proxy. */
export interface ServedProxy {
  readonly server: Server
  /** `http://host:port`: the API base for callers (`api.endpoint`, the SDK's `proxy.baseUrl`). */
  readonly url: string
  readonly port: number
  /** Stops listening and drops open connections (the proxy itself stays usable). */
  close(): Promise<void>
}

/**
 * Serves `proxy` over HTTP.
 *
 * @example
 * const served = await serveProxy(proxy, { host: '0.0.0.0', port: 8081 })
 */
export async function serveProxy(
  proxy: Proxy,
  options: ServeProxyOptions = {},
): Promise<ServedProxy> {
  const host = options.host ?? '127.0.0.1'
  const run = callHandlerOf(proxy)
  const server = createServer((request, response) => {
    const answered =
      run === undefined ? answer(proxy, request, response) : answerCall(run, request, response)
    answered.catch(() => {
      // The caller went away mid-answer, or the upstream stream broke: nothing left to tell.
      response.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    server,
    port,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}

// A proxy of ours: the call is read from node:http and answered onto it directly.
async function answerCall(
  run: CallHandler,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const result = await run(nodeCall(request))
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of result.headers) {
    const prior = out[name]
    out[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value]
  }
  await writeAnswer(result, out, response)
}

async function writeAnswer(
  result: ProxyAnswer,
  out: Record<string, string | string[]>,
  response: ServerResponse,
): Promise<void> {
  // A 204/304 may not carry a body at all.
  const empty = result.status === 204 || result.status === 304
  if (result.bytes !== undefined && !empty) {
    out['content-length'] = String(result.bytes.byteLength)
    response.writeHead(result.status, out)
    response.end(result.bytes)
    return
  }
  if (empty || !result.stream) {
    await result.stream?.cancel()
    response.writeHead(result.status, out)
    response.end()
    return
  }
  response.writeHead(result.status, out)
  await pipeline(Readable.fromWeb(result.stream), response)
}

function nodeCall(request: IncomingMessage): ProxyCall {
  const method = request.method ?? 'GET'
  const headers = request.headers
  return {
    method,
    url: new URL(`http://${headers.host ?? 'proxy.local'}${request.url ?? '/'}`),
    header(name) {
      const value = headers[name]
      if (value === undefined) return null
      return Array.isArray(value) ? value.join(', ') : value
    },
    body: (limit) =>
      method === 'GET' || method === 'HEAD' ? Promise.resolve(undefined) : nodeBody(request, limit),
  }
}

// The body as `readBody` reads a web request's: refused once it passes `limit`.
async function nodeBody(request: IncomingMessage, limit: number): Promise<Uint8Array> {
  if (Number(request.headers['content-length'] ?? NaN) > limit) throw tooLarge(limit)
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.byteLength
    // Leaving the loop destroys the request stream, as cancelling a web body does.
    if (size > limit) throw tooLarge(limit)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks, size)
}

// Any other Proxy: through its web-standard handle().
async function answer(
  proxy: Proxy,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  const method = request.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  const init: RequestInit & { duplex?: 'half' } = { method, headers }
  if (hasBody) {
    init.body = Readable.toWeb(request) as ReadableStream<Uint8Array>
    init.duplex = 'half'
  }
  const web = new Request(
    `http://${headers.get('host') ?? 'proxy.local'}${request.url ?? '/'}`,
    init,
  )
  const result = await proxy.handle(web)
  const out: Record<string, string | string[]> = {}
  result.headers.forEach((value, name) => {
    const prior = out[name]
    out[name] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value]
  })
  if (result.body === null) {
    response.writeHead(result.status, out)
    response.end()
    return
  }
  // JSON and text answers were read whole already (the proxy looks at their errcode): one write
  // with a length costs far less than piping a web stream. Files stream as they arrive.
  if (isReadable(result.headers.get('content-type'))) {
    const bytes = Buffer.from(await result.arrayBuffer())
    out['content-length'] = String(bytes.byteLength)
    response.writeHead(result.status, out)
    response.end(bytes)
    return
  }
  response.writeHead(result.status, out)
  await pipeline(Readable.fromWeb(result.body as NodeReadableStream<Uint8Array>), response)
}
