import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import {
  createServer as createNetServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net'
import { FastConnection } from './fast-http/connection.js'
import { webhookRequest, type WebhookRequest, type WebhookResponse } from './http-types.js'

/** Anything that handles a `WebhookRequest` (a `Webhook`, or a composition of several apps). */
export interface RequestHandler {
  handle(req: WebhookRequest): WebhookResponse | Promise<WebhookResponse>
  readonly maxBodyBytes: number
}

/**
 * How requests are read off the wire:
 * - `fast` (default): wxmp's own HTTP/1.1 reader takes the plain requests WeChat sends
 *   (`GET`/`POST` with a `Content-Length`) and hands any other connection to node:http;
 * - `node`: node:http reads every request.
 */
export type WebhookTransport = 'fast' | 'node'

/** Where and how to listen. */
export interface ServeOptions {
  /** Default 127.0.0.1: exposing the webhook to the network is a deliberate choice (`0.0.0.0`). */
  host?: string
  /** Default 8080; 0 picks a free port. */
  port?: number
  /** Default `fast`; see `WebhookTransport`. Both answer every request the same way. */
  transport?: WebhookTransport
  /** A request must arrive whole within this many ms (default 10 000), else 408. */
  requestTimeoutMs?: number
  /** Idle keep-alive connections close after this many ms (default 5 000). */
  keepAliveTimeoutMs?: number
}

/** A running server. */
export interface RunningServer {
  /** The listening server (a node:http server with `transport: 'node'`). */
  readonly server: Server
  /** `http://host:port`, for printing and for tests. */
  readonly origin: string
  readonly port: number
  /** Stops accepting, ends idle keep-alive connections, and resolves once closed. */
  close(): Promise<void>
  /** Drops every open connection at once, busy or not (tests, forced shutdown). */
  closeAllConnections(): void
}

/** WeChat gives up after 5 s; nothing legitimate needs a slow upload. */
const REQUEST_TIMEOUT_MS = 10_000
const KEEP_ALIVE_TIMEOUT_MS = 5_000
/** node:http's default header limit: a longer head is its to refuse (431). */
const MAX_HEAD_BYTES = 16 * 1024

/**
 * Serves a handler. No Request/Response/URL objects are built per request: the webhook's whole
 * budget is a few microseconds, and those objects would be most of it. With the default `fast`
 * transport, node:http's per-request objects and streams are skipped too for WeChat's plain
 * pushes (measured in bench/RESULTS.md); node:http still answers anything unusual.
 */
export async function serveWebhook(
  app: RequestHandler,
  options: ServeOptions = {},
): Promise<RunningServer> {
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? KEEP_ALIVE_TIMEOUT_MS
  const http = createServer(
    // How often node:http looks for requests past their timeout (its default is every 30 s).
    { connectionsCheckingInterval: Math.max(50, Math.min(requestTimeoutMs / 4, 30_000)) },
    (req, res) => onRequest(app, req, res),
  )
  http.requestTimeout = requestTimeoutMs
  http.headersTimeout = requestTimeoutMs
  http.keepAliveTimeout = keepAliveTimeoutMs

  const fast = new Set<FastConnection>()
  const sockets = new Set<Socket>()
  let server: Server = http
  if ((options.transport ?? 'fast') === 'fast') {
    const connectionOptions = {
      handle: (req: WebhookRequest) => app.handle(req),
      maxBodyBytes: app.maxBodyBytes,
      maxHeadBytes: MAX_HEAD_BYTES,
      requestTimeoutMs,
      idleTimeoutMs: keepAliveTimeoutMs,
      handOff: (socket: Socket) => http.emit('connection', socket),
      onGone: (connection: FastConnection) => fast.delete(connection),
      onInternalError: reportInternalError,
    }
    // node:http starts tracking connections (and so enforcing its timeouts) when it starts
    // listening; here it never listens itself, it only takes handed-off connections.
    http.emit('listening')
    server = createNetServer((socket) => {
      sockets.add(socket)
      socket.once('close', () => sockets.delete(socket))
      fast.add(new FastConnection(socket, connectionOptions))
    })
  }

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
        for (const connection of fast) connection.closeWhenIdle()
        // Connections handed to node:http: idle ones now, busy ones after their answer.
        if (server !== http) http.close()
        http.closeIdleConnections()
      }),
    closeAllConnections: () => {
      for (const socket of sockets) socket.destroy()
      http.closeAllConnections()
    },
  }
}

function onRequest(app: RequestHandler, req: IncomingMessage, res: ServerResponse): void {
  const target = req.url ?? '/'
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
      out = app.handle(webhookRequest(method, target, body))
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
  reportInternalError(err)
  send(res, { status: 500, body: '', contentType: 'text/plain' })
}

/** Only a bug in wxmp itself gets here; the pipeline answers every push by its own rules. */
function reportInternalError(err: unknown): void {
  process.emitWarning(
    `wxmp webhook internal error: ${err instanceof Error ? err.message : String(err)}`,
  )
}
