/**
 * `remoteTokenSource`: tokens from the wxmp token service, the one place that talks to WeChat's
 * token endpoints for a fleet. Its HTTP contract:
 * - `GET {base}/v1/accounts/{appid}/access-token` → `{ access_token, expires_at }` (Unix seconds);
 * - `POST {base}/v1/accounts/{appid}/access-token/invalidate` with `{ stale }`;
 * - both with `Authorization: Bearer <client key>`; errors as `{ error: { code, message } }`.
 */
import { WxTokenUnavailableError, systemClock } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import { Failover } from '../internal/failover.js'
import { TokenCache } from '../internal/token-cache.js'
import type { FetchLike } from '../options.js'
import { DEFAULT_REFRESH_AHEAD_MS } from './direct.js'
import type { TokenSource } from './token-source.js'

/** What `remoteTokenSource` takes. */
export interface RemoteTokenSourceOptions {
  /**
   * The token service's base URL, e.g. `http://127.0.0.1:8091`, or several instances: requests
   * stick to the one that last answered and move on when it is down, slow or failing (5xx).
   */
  readonly baseUrl: string | readonly string[]
  /** This client's key, sent as a bearer token. */
  readonly clientKey: string
  readonly fetch?: FetchLike
  readonly clock?: Clock
  /** Per-request timeout. Default 5,000 ms. */
  readonly timeoutMs?: number
  /** Ask the service again once the cached token has less than this left. Default 5 minutes. */
  readonly refreshAheadMs?: number
}

/**
 * Asks the wxmp token service for tokens, caching each until it nears its end. Every failure
 * (service down, refusal, malformed answer) is a `WxTokenUnavailableError` carrying the HTTP
 * status and the service's own error code.
 *
 * @example
 * const tokens = remoteTokenSource({ baseUrl: 'http://token:8082', clientKey: process.env.WXMP_KEY })
 */
export function remoteTokenSource(options: RemoteTokenSourceOptions): TokenSource {
  const clock = options.clock ?? systemClock
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request))
  const pool = new Failover(options.baseUrl)
  const pathOf = (appid: string, suffix = ''): string =>
    `/v1/accounts/${encodeURIComponent(appid)}/access-token${suffix}`

  // Both requests are safe to repeat (a read; a compare-and-invalidate), so any instance that
  // is down, silent or failing hands over to the next; a refusal (4xx) is the answer.
  const send = async (path: string, init: RequestInit, what: string): Promise<unknown> => {
    let lastError: unknown
    for (let tried = 0; tried < pool.size; tried++) {
      const base = pool.current()
      try {
        return await sendOnce(new Request(base + path, init), what)
      } catch (error) {
        lastError = error
        const status = (error as { status?: unknown }).status
        if (typeof status === 'number' && status < 500) throw error
        pool.failed(base)
      }
    }
    throw lastError
  }

  const sendOnce = async (request: Request, what: string): Promise<unknown> => {
    const controller = new AbortController()
    let timer: ReturnType<Clock['setTimeout']> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = clock.setTimeout(() => {
        controller.abort()
        reject(new WxTokenUnavailableError(`token service: no answer to ${what}`))
      }, options.timeoutMs ?? 5000)
    })
    const exchange = (async () => {
      const response = await fetch(new Request(request, { signal: controller.signal }))
      return { status: response.status, text: await response.text() }
    })()
    exchange.catch(() => {})
    timeout.catch(() => {})
    let answer: { status: number; text: string }
    try {
      answer = await Promise.race([exchange, timeout])
    } catch (error) {
      if (error instanceof WxTokenUnavailableError) throw error
      throw new WxTokenUnavailableError(`token service unreachable (${what})`, { cause: error })
    } finally {
      if (timer !== undefined) clock.clearTimeout(timer)
    }
    return readAnswer(answer.status, answer.text, what)
  }

  const headers = { authorization: `Bearer ${options.clientKey}` }
  const cache = new TokenCache(
    async (appid) => {
      const body = await send(pathOf(appid), { headers }, `GET ${appid}`)
      const { access_token: token, expires_at: expiresAt } = (body ?? {}) as Record<string, unknown>
      if (typeof token !== 'string' || token === '' || typeof expiresAt !== 'number')
        throw new WxTokenUnavailableError(
          'token service: the answer lacks access_token / expires_at',
          { status: 200 },
        )
      return { token, expiresAt: expiresAt * 1000 }
    },
    clock,
    options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS,
  )
  return {
    get: (appid) => cache.get(appid),
    invalidate: async (appid, stale) => {
      cache.invalidate(appid, stale)
      await send(
        pathOf(appid, '/invalidate'),
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ stale }),
        },
        `invalidate ${appid}`,
      )
    },
  }
}

function readAnswer(status: number, text: string, what: string): unknown {
  let body: unknown
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown)
  } catch {
    body = undefined
  }
  if (status >= 200 && status < 300) {
    if (text !== '' && body === undefined)
      throw new WxTokenUnavailableError(`token service: the answer to ${what} is not JSON`, {
        status,
      })
    return body
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error
  const code = typeof error?.code === 'string' ? error.code : undefined
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`
  throw new WxTokenUnavailableError(
    `token service refused ${what}: ${code ?? 'HTTP ' + status}: ${message}`,
    code === undefined ? { status } : { status, serviceCode: code },
  )
}
