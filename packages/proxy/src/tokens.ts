/**
 * Where the proxy gets each account's access_token: the token service in process (a
 * `TokenService` from `@wxmp/token` fits `ProxyTokens` as it is), or the token service's HTTP
 * API at one or more URLs (`remoteTokens`), failing over between them.
 */
import { TokenServiceError } from '@wxmp/token'
import type { TokenErrorReason } from '@wxmp/token'

/** A credential: the token and when WeChat stops accepting it (epoch ms). */
export interface ProxyCredential {
  readonly value: string
  readonly expiresAt: number
}

/** What the proxy needs from a token service. */
export interface ProxyTokens {
  /** The account's current access_token. */
  accessToken(appid: string): Promise<ProxyCredential>
  /** Reports `stale` rejected by WeChat (compare-and-invalidate); answers the token to use now. */
  invalidate(
    appid: string,
    stale: string,
  ): Promise<{ readonly invalidated: boolean; readonly current: ProxyCredential }>
}

/** `remoteTokens` options. */
export interface RemoteTokensOptions {
  /** Token service base URLs, tried in order; the one that answered last is tried first. */
  readonly urls: readonly string[]
  /** This proxy's client key at the token service (its client must allow `token.get`). */
  readonly clientKey: string
  /** Default: the global fetch. */
  readonly fetch?: (request: Request) => Promise<Response>
  /** Longest wait for one URL's answer before trying the next. Default 5 s. */
  readonly timeoutMs?: number
  /** Current time (epoch ms), for the cache. Default `Date.now`. */
  readonly now?: () => number
  /** Cached tokens are used until this long before their expiry. Default 60 s. */
  readonly refreshAheadMs?: number
}

interface ServiceError {
  readonly code: string
  readonly message: string
}

/**
 * The token service's HTTP API as `ProxyTokens`. Tokens are cached until shortly before they
 * expire; `invalidate` replaces the cached one. An instance that cannot be reached, times out or
 * answers 5xx without the service's JSON error is skipped for the next URL; an error the service
 * itself answered (`{error: {code}}`) is final, since every instance shares one store and would
 * say the same.
 *
 * @example
 * const tokens = remoteTokens({ urls: ['http://10.0.0.5:8091', 'http://10.0.0.6:8091'], clientKey })
 */
export function remoteTokens(options: RemoteTokensOptions): ProxyTokens {
  if (options.urls.length === 0) throw new TypeError('remoteTokens: give at least one URL')
  const urls = options.urls.map((u) => u.replace(/\/+$/, ''))
  const doFetch = options.fetch ?? ((request: Request) => fetch(request))
  const timeoutMs = options.timeoutMs ?? 5_000
  const now = options.now ?? Date.now
  const ahead = options.refreshAheadMs ?? 60_000
  const cache = new Map<string, ProxyCredential>()
  let preferred = 0

  const call = async (path: string, init: RequestInit): Promise<Record<string, unknown>> => {
    let lastProblem = 'no token service answered'
    for (let k = 0; k < urls.length; k++) {
      const i = (preferred + k) % urls.length
      const headers = { ...init.headers, authorization: `Bearer ${options.clientKey}` }
      let response: Response
      try {
        response = await doFetch(
          new Request(`${urls[i]}${path}`, {
            ...init,
            headers,
            signal: AbortSignal.timeout(timeoutMs),
          }),
        )
      } catch (err) {
        // The URL names no secret; the key is only in a header.
        lastProblem = `${urls[i]}: ${err instanceof Error ? err.message : String(err)}`
        continue
      }
      const body = await response.json().catch(() => undefined)
      const error = serviceError(body)
      if (response.ok && error === undefined && typeof body === 'object' && body !== null) {
        preferred = i
        return body as Record<string, unknown>
      }
      if (error !== undefined) {
        preferred = i
        throw new TokenServiceError(
          reasonOf(response.status),
          `token service: ${error.code}: ${error.message}`,
        )
      }
      lastProblem = `${urls[i]}: HTTP ${response.status}`
    }
    throw new TokenServiceError('upstream', `token service unreachable (${lastProblem})`)
  }

  const credential = (body: Record<string, unknown>): ProxyCredential => {
    const value = body.access_token
    const expiresAt = body.expires_at
    if (typeof value !== 'string' || typeof expiresAt !== 'number') {
      throw new TokenServiceError('upstream', 'token service: the answer lacks access_token')
    }
    return { value, expiresAt: expiresAt * 1000 }
  }

  return {
    async accessToken(appid) {
      const cached = cache.get(appid)
      if (cached !== undefined && cached.expiresAt - ahead > now()) return cached
      const fresh = credential(
        await call(`/v1/accounts/${encodeURIComponent(appid)}/access-token`, { method: 'GET' }),
      )
      cache.set(appid, fresh)
      return fresh
    },
    async invalidate(appid, stale) {
      const body = await call(`/v1/accounts/${encodeURIComponent(appid)}/access-token/invalidate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ stale }),
      })
      const current = credential(body)
      cache.set(appid, current)
      return { invalidated: body.invalidated === true, current }
    },
  }
}

// 401/403: this proxy's key or permissions at the service are wrong, like a wrong AppSecret
// (502 config) is: an operator must fix the configuration [inferred].
function reasonOf(status: number): TokenErrorReason {
  if (status === 401 || status === 403 || status === 502) return 'config'
  if (status === 404) return 'unknown-account'
  return 'upstream'
}

function serviceError(body: unknown): ServiceError | undefined {
  const error = (body as { error?: unknown } | undefined)?.error
  if (typeof error !== 'object' || error === null) return undefined
  const { code, message } = error as Record<string, unknown>
  return typeof code === 'string'
    ? { code, message: typeof message === 'string' ? message : '' }
    : undefined
}
