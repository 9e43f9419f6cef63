/**
 * The token service's HTTP API on node:http. Answers JSON; errors are
 * `{ "error": { "code", "message" } }` with a matching status. See README.md for the routes.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { systemClock } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import { z } from 'zod'
import { TokenServiceError } from '../errors.js'
import type { TokenLogEntry } from '../options.js'
import type { IssuedCredential, TokenService } from '../service.js'
import { ClientKeys, allows, mayUseAccount } from './auth.js'
import type { TokenClient } from './auth.js'

/** What the API needs besides the service. */
export interface TokenApiOptions {
  /** Who may call, with which key, for which accounts (core's `clients`). */
  readonly clients: readonly TokenClient[]
  /** Told about unexpected failures (never with a secret). */
  readonly log?: (entry: TokenLogEntry) => void
  /** The service's clock, for `Retry-After`; default the system clock. */
  readonly clock?: Clock
}

/** `serveTokenService` options. */
export interface ServeTokenOptions extends TokenApiOptions {
  /** Default 0 (a free port). */
  readonly port?: number
  /** Default 127.0.0.1. */
  readonly host?: string
}

/** A listening token API. */
export interface ServedTokenService {
  readonly server: Server
  /** `http://host:port`. */
  readonly url: string
  /** Stops listening (the service itself stays open). */
  close(): Promise<void>
}

// A token is at most 512 characters (§5.1); anything much larger is not a report.
const MAX_BODY_BYTES = 4096
const InvalidateBody = z.strictObject({ stale: z.string().min(1).max(1024) })

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

const seconds = (ms: number): number => Math.floor(ms / 1000)

/**
 * The request listener of the token API, for a server of your own.
 *
 * @example
 * createServer(createTokenRequestListener(service, { clients: config.clients })).listen(8091)
 */
export function createTokenRequestListener(
  service: TokenService,
  options: TokenApiOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const keys = new ClientKeys(options.clients)
  const log = options.log ?? (() => {})
  const clock = options.clock ?? systemClock
  const route = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://token.local')
    const method = request.method ?? 'GET'
    if (url.pathname === '/healthz') {
      expectMethod(method, 'GET')
      return send(response, 200, { status: 'ok' })
    }
    if (url.pathname === '/metrics') {
      expectMethod(method, 'GET')
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
      response.end(service.metrics.render())
      return
    }
    const match =
      /^\/v1\/accounts\/([^/]+)\/(access-token|access-token\/invalidate|jsapi-ticket|status)$/.exec(
        url.pathname,
      )
    if (!match) throw new ApiError(404, 'WX_TOKEN_NOT_FOUND', `no route ${url.pathname}`)
    const appid = decodeURIComponent(match[1]!).toLowerCase()
    const action = match[2]!
    expectMethod(method, action === 'access-token/invalidate' ? 'POST' : 'GET')
    const client = keys.identify(request.headers.authorization)
    if (!client)
      throw new ApiError(
        401,
        'WX_TOKEN_UNAUTHORIZED',
        'a valid "Authorization: Bearer <client key>" is required',
      )
    if (!service.appids.includes(appid)) {
      throw new ApiError(404, 'WX_TOKEN_UNKNOWN_ACCOUNT', `no account ${appid} is configured`)
    }
    if (!mayUseAccount(client, appid)) {
      throw new ApiError(
        403,
        'WX_TOKEN_FORBIDDEN',
        `client ${client.name} may not use account ${appid}`,
      )
    }
    const need =
      action === 'jsapi-ticket' ? 'ticket.get' : action === 'status' ? undefined : 'token.get'
    if (need !== undefined && !allows(client, need)) {
      throw new ApiError(403, 'WX_TOKEN_FORBIDDEN', `client ${client.name} is not allowed ${need}`)
    }
    switch (action) {
      case 'access-token':
        return sendCredential(response, 'access_token', await service.accessToken(appid))
      case 'jsapi-ticket':
        return sendCredential(response, 'ticket', await service.jsapiTicket(appid))
      case 'status':
        return send(response, 200, await service.status(appid))
      default: {
        const parsed = InvalidateBody.safeParse(await readJson(request))
        if (!parsed.success) {
          throw new ApiError(
            400,
            'WX_TOKEN_BAD_REQUEST',
            'the body must be {"stale": "<the rejected access_token>"}',
          )
        }
        const result = await service.invalidate(appid, parsed.data.stale)
        return send(response, 200, {
          invalidated: result.invalidated,
          access_token: result.current.value,
          expires_at: seconds(result.current.expiresAt),
        })
      }
    }
  }
  return (request, response) => {
    route(request, response).catch((err: unknown) => {
      if (err instanceof ApiError) return sendError(response, err.status, err.code, err.message)
      if (err instanceof TokenServiceError) {
        if (err.retryAt !== undefined && err.status === 503) {
          const wait = Math.max(1, Math.ceil((err.retryAt - clock.now()) / 1000))
          response.setHeader('retry-after', String(wait))
        }
        return sendError(response, err.status, err.code, err.message)
      }
      log({ level: 'error', msg: `token API: ${err instanceof Error ? err.message : String(err)}` })
      sendError(response, 500, 'WX_TOKEN_INTERNAL', 'internal error')
    })
  }
}

/**
 * Serves `service` over HTTP.
 *
 * @example
 * const served = await serveTokenService(service, { port: 8091, clients: config.clients })
 */
export async function serveTokenService(
  service: TokenService,
  options: ServeTokenOptions,
): Promise<ServedTokenService> {
  const server = createServer(createTokenRequestListener(service, options))
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}

function expectMethod(method: string, allowed: string): void {
  if (method !== allowed) throw new ApiError(405, 'WX_TOKEN_METHOD', `use ${allowed}`)
}

function sendCredential(
  response: ServerResponse,
  field: string,
  credential: IssuedCredential,
): void {
  send(response, 200, { [field]: credential.value, expires_at: seconds(credential.expiresAt) })
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    // Credentials must not linger in shared caches.
    'cache-control': 'no-store',
  })
  response.end(JSON.stringify(body))
}

function sendError(response: ServerResponse, status: number, code: string, message: string): void {
  if (response.headersSent) {
    response.destroy()
    return
  }
  if (status === 401) response.setHeader('www-authenticate', 'Bearer')
  send(response, status, { error: { code, message } })
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES)
      throw new ApiError(413, 'WX_TOKEN_TOO_LARGE', `the body exceeds ${MAX_BODY_BYTES} bytes`)
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new ApiError(400, 'WX_TOKEN_BAD_REQUEST', 'the body is not JSON')
  }
}
