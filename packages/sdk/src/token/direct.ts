/**
 * `directTokenSource`: this process keeps the account's access_token itself, with the wxmp token
 * service's own logic (`@wxmp/token`) running in-process — stable_token by default, single-flight
 * per account, refresh inside the token's last 5 minutes, compare-and-invalidate, force_refresh
 * only within WeChat's limits, a wrong secret answered once and not retried in a loop. By default
 * its state is in memory (one process); give it a `store` (`openSqliteTokenStore(file)` for one
 * machine, `openRedisTokenStore(url)` for many) and every process sharing that store refreshes
 * under one lock — or run the token service and use `remoteTokenSource`.
 */
import {
  WxApiError,
  WxConfigError,
  WxTokenUnavailableError,
  redactUrl,
  systemClock,
} from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import { endpointById, matchEndpoint, quoteId64 } from '@wxmp/spec'
import type { Endpoint } from '@wxmp/spec'
import { TokenServiceError, createTokenService, openSqliteTokenStore } from '@wxmp/token'
import type { TokenService, TokenStore } from '@wxmp/token'
import { targetOf } from '../internal/hosts.js'
import type { ApiBase, CallEvent, FetchLike } from '../options.js'
import type { TokenSource } from './token-source.js'

/** Refresh a token once it has less than this left (WeChat's stable token renews at 5 minutes). */
export const DEFAULT_REFRESH_AHEAD_MS = 5 * 60 * 1000

/** What `directTokenSource` takes. */
export interface DirectTokenSourceOptions {
  /** AppSecrets by AppID, or a lookup. */
  readonly accounts: Readonly<Record<string, string>> | ((appid: string) => string | undefined)
  /**
   * `stable` (default): `POST /cgi-bin/stable_token`, which answers the current token while it
   * is valid, so several fetchers do not invalidate each other. `classic`: `GET /cgi-bin/token`,
   * where every fetch replaces the previous token (it lives 5 more minutes).
   */
  readonly grant?: 'stable' | 'classic'
  /** Fetch a new token once the cached one has less than this left. Default 5 minutes. */
  readonly refreshAheadMs?: number
  /** Shared state and lock; an in-memory SQLite store (this process only) by default. */
  readonly store?: TokenStore
  /** Transport settings, as for `createClient`. */
  readonly fetch?: FetchLike
  readonly clock?: Clock
  readonly apiBase?: ApiBase
  /** Longest wait for one answer from WeChat (default 5 s). */
  readonly timeoutMs?: number
  /** Told about every call to WeChat's token endpoints, as `createClient`'s `onCall` is. */
  readonly onCall?: (event: CallEvent) => void
}

/**
 * Fetches tokens in-process with the token service's policy. A wrong AppSecret is a `config`
 * error (`WxApiError`, 40001/40125 from the token endpoint) and is never retried in a loop.
 *
 * @example
 * const tokens = directTokenSource({ accounts: { [appidA]: secretA, [appidB]: secretB } })
 * const a = createClient({ appid: appidA, secret: secretA, tokenSource: tokens })
 */
export function directTokenSource(options: DirectTokenSourceOptions): TokenSource {
  const clock = options.clock ?? systemClock
  const store = options.store ?? openSqliteTokenStore(':memory:')
  const services = new Map<string, TokenService>()
  const secretOf = (appid: string): string | undefined =>
    typeof options.accounts === 'function'
      ? options.accounts(appid)
      : Object.hasOwn(options.accounts, appid)
        ? options.accounts[appid]
        : undefined
  const grant = options.grant ?? 'stable'
  const tokenEndpoint = endpointById(grant === 'stable' ? 'token.stable' : 'token.get')
  const tokenUrl = `${targetOf('api', options.apiBase).base}${tokenEndpoint.path}`
  const upstreamTimeoutMs = options.timeoutMs ?? 5000

  const serviceFor = (appid: string): TokenService => {
    const known = services.get(appid)
    if (known) return known
    const secret = secretOf(appid)
    if (secret === undefined)
      throw new WxConfigError(`directTokenSource: no AppSecret for ${appid}`, 'accounts')
    const service = createTokenService({
      accounts: [{ appid, secret }],
      store,
      fetch: observed(options.fetch ?? ((request) => fetch(request)), clock, options.onCall),
      apiBase: targetOf('api', options.apiBase).base,
      clock,
      mode: grant,
      refreshWindowMs: options.refreshAheadMs ?? DEFAULT_REFRESH_AHEAD_MS,
      // One process: no fleet to spread refreshes over. A shared store keeps the default jitter.
      ...(options.store === undefined ? { jitterMs: 0 } : {}),
      upstreamTimeoutMs,
      lock: { ttlMs: upstreamTimeoutMs * 2 },
      waitTimeoutMs: upstreamTimeoutMs * 3,
    })
    services.set(appid, service)
    return service
  }

  return {
    get: async (appid) => {
      try {
        return (await serviceFor(appid).accessToken(appid)).value
      } catch (error) {
        throw asSdkError(error, tokenEndpoint, tokenUrl)
      }
    },
    invalidate: async (appid, stale) => {
      await serviceFor(appid).invalidate(appid, stale)
    },
  }
}

/**
 * The SDK's errors for the service's: WeChat's refusal of the credentials stays a `WxApiError`
 * of the token endpoint (so its kind is `config`); anything else means no token for now.
 */
function asSdkError(error: unknown, endpoint: Endpoint, url: string): unknown {
  if (!(error instanceof TokenServiceError)) return error
  if (error.reason === 'unknown-account') return new WxConfigError(error.message, 'accounts')
  if (error.errcode !== undefined)
    return new WxApiError(
      { errcode: error.errcode, errmsg: error.message },
      {
        endpoint: endpoint.id,
        // The request without its secret: the service never hands the secret out.
        request: { method: endpoint.method, url },
        cause: error,
      },
    )
  return new WxTokenUnavailableError(error.message, { cause: error })
}

/** `fetch`, telling `onCall` about each token call (endpoint, duration, errcode; no secrets). */
function observed(
  send: FetchLike,
  clock: Clock,
  onCall: ((event: CallEvent) => void) | undefined,
): FetchLike {
  if (onCall === undefined) return send
  return async (request) => {
    const started = clock.now()
    const url = new URL(request.url)
    const endpoint = matchEndpoint(request.method, url.pathname)?.id ?? url.pathname
    const base = { method: request.method, endpoint, url: redactUrl(url.href), attempt: 1 }
    const tell = (event: CallEvent): void => {
      try {
        onCall(event)
      } catch {
        // A failing hook must not fail the token fetch.
      }
    }
    try {
      const response = await send(request)
      const text = await response.clone().text()
      let errcode = 0
      try {
        errcode = (JSON.parse(quoteId64(text)) as { errcode?: number }).errcode ?? 0
      } catch {
        errcode = 0
      }
      tell({ ...base, durationMs: clock.now() - started, errcode })
      return response
    } catch (error) {
      tell({
        ...base,
        durationMs: clock.now() - started,
        errcode: undefined,
        error: 'WX_ERR_TRANSPORT',
        message: error instanceof Error ? error.message : String(error),
      })
      throw error
    }
  }
}
