import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { WebhookRequest, WebhookResponse } from './http-types.js'

/** Anything that handles a `WebhookRequest` (a `Webhook`, or a composition of several apps). */
export interface RequestHandler {
  handle(req: WebhookRequest): WebhookResponse | Promise<WebhookResponse>
  readonly maxBodyBytes: number
}

/** Where and how to listen. */
export interface ServeOptions {
  /** Default 127.0.0.1: exposing the webhook to the network is a deliberate choice (`0.0.0.0`). */
  host?: string
  /** Default 8080; 0 picks a free port. */
  port?: number
}

/** A running server. */
export interface RunningServer {
  readonly server: Server
  /** `http://host:port`, for printing and for tests. */
  readonly origin: string
  readonly port: number
  /** Stops accepting, ends idle keep-alive connections, and resolves once closed. */
  close(): Promise<void>
}

/**
 * Serves a handler on node:http directly. No Request/Response/URL objects are built per request:
 * the webhook's whole budget is a few microseconds, and those objects would be most of it.
 */
export async function serveWebhook(
  app: RequestHandler,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const server = createServer((req, res) => onRequest(app, req, res))
  // WeChat gives up after 5 s; nothing legitimate needs a slow upload.
  server.requestTimeout = 10_000
  server.headersTimeout = 10_000
  server.keepAliveTimeout = 5_000
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const shownHost = host.includes(':') ? `[${host}]` : host
  return {
    server,
    port,
    origin: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeIdleConnections()
      }),
  }
}

function onRequest(app: RequestHandler, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/'
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  const query = q === -1 ? '' : url.slice(q + 1)
  const method = req.method ?? 'GET'
  const limit = app.maxBodyBytes
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > limit) return tooLarge(req, res)

  const chunks: Buffer[] = []
  let size = 0
  let aborted = false
  req.on('data', (chunk: Buffer) => {
    if (aborted) return
    size += chunk.length
    if (size > limit) {
      aborted = true
      tooLarge(req, res)
      return
    }
    chunks.push(chunk)
  })
  req.on('end', () => {
    if (aborted) return
    const body =
      chunks.length === 0
        ? ''
        : chunks.length === 1
          ? chunks[0]!.toString('utf8')
          : Buffer.concat(chunks, size).toString('utf8')
    let out: WebhookResponse | Promise<WebhookResponse>
    try {
      out = app.handle({ method, path, query, body })
    } catch (err) {
      return fail(res, err)
    }
    if (out instanceof Promise)
      out.then(
        (r) => send(res, r),
        (err: unknown) => fail(res, err),
      )
    else send(res, out)
  })
  req.on('error', () => {
    aborted = true
    res.destroy()
  })
}

function send(res: ServerResponse, r: WebhookResponse): void {
  if (res.destroyed) return
  const headers: Record<string, string | number> = {
    'content-type': r.contentType,
    'content-length': Buffer.byteLength(r.body),
  }
  if (r.headers !== undefined) Object.assign(headers, r.headers)
  res.writeHead(r.status, headers)
  res.end(r.body)
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  // Answer, then drop the connection: reading the rest of an oversize body would be the attack.
  res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
  res.end('payload too large')
  req.resume()
  res.on('finish', () => req.socket.destroy())
}

function fail(res: ServerResponse, err: unknown): void {
  // Only a bug in wxmp itself gets here; the pipeline answers every push by its own rules.
  process.emitWarning(
    `wxmp webhook internal error: ${err instanceof Error ? err.message : String(err)}`,
  )
  send(res, { status: 500, body: '', contentType: 'text/plain' })
}
