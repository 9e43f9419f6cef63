/**
 * The three WeChat calls the token service makes: `stable_token`, `/cgi-bin/token` and
 * `getticket`. Errors become `WxApiError` (redacted request) or `WxTransportError`; neither
 * message ever contains the AppSecret or a token.
 */
import { WxTransportError, wxApiErrorFrom } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import { endpointById } from '@wxmp/spec'

/** A web-standard fetch (the global one, or `emulator.fetch`). */
export type FetchLike = (request: Request) => Promise<Response>

/** How the access_token is fetched: `stable_token` (default) or the classic `/cgi-bin/token`. */
export type TokenMode = 'stable' | 'classic'

/** A credential as WeChat answered it. */
export interface Issued {
  readonly value: string
  readonly expiresIn: number
}

/** What the upstream client needs. */
export interface UpstreamOptions {
  readonly fetch: FetchLike
  /** e.g. `https://api.weixin.qq.com`, without a trailing slash. */
  readonly apiBase: string
  readonly clock: Clock
  /** Longest wait for one answer. */
  readonly timeoutMs: number
}

/** Calls WeChat's token and ticket endpoints. */
export class Upstream {
  readonly #o: UpstreamOptions

  constructor(options: UpstreamOptions) {
    this.#o = options
  }

  /** A new (or, in stable normal mode, the current) access_token. */
  async accessToken(
    account: { appid: string; secret: string },
    mode: TokenMode,
    force = false,
  ): Promise<Issued> {
    const { appid, secret } = account
    if (mode === 'classic') {
      const query = new URLSearchParams({ grant_type: 'client_credential', appid, secret })
      const body = await this.#call('token.get', query)
      return issued(body, 'access_token', 'token.get')
    }
    const payload: Record<string, unknown> = { grant_type: 'client_credential', appid, secret }
    if (force) payload.force_refresh = true
    const body = await this.#call('token.stable', undefined, payload)
    return issued(body, 'access_token', 'token.stable')
  }

  /** The account's jsapi_ticket, fetched with `accessToken`. */
  async jsapiTicket(accessToken: string): Promise<Issued> {
    const query = new URLSearchParams({ access_token: accessToken, type: 'jsapi' })
    const body = await this.#call('ticket.get', query)
    return issued(body, 'ticket', 'ticket.get')
  }

  /** Calls `endpoint` (route from the spec table) with `query` and, for a POST, a JSON `payload`. */
  async #call(
    endpoint: 'token.get' | 'token.stable' | 'ticket.get',
    query: URLSearchParams | undefined,
    payload?: unknown,
  ): Promise<Record<string, unknown>> {
    const { method, path } = endpointById(endpoint)
    const url = `${this.#o.apiBase}${path}${query === undefined ? '' : `?${query.toString()}`}`
    const init: RequestInit = { method }
    if (payload !== undefined) {
      init.body = JSON.stringify(payload)
      init.headers = { 'content-type': 'application/json' }
    }
    const abort = new AbortController()
    init.signal = abort.signal
    let timer: ReturnType<Clock['setTimeout']> | undefined
    // Raced as well as aborted: an in-process fetch (the emulator's) may ignore the signal.
    const timeout = new Promise<never>((_, reject) => {
      timer = this.#o.clock.setTimeout(() => {
        abort.abort()
        reject(
          new WxTransportError(`${endpoint}: no answer within ${this.#o.timeoutMs} ms`, {
            endpoint,
          }),
        )
      }, this.#o.timeoutMs)
    })
    timeout.catch(() => {}) // once the race is decided, a late rejection interests nobody
    try {
      const response = await Promise.race([this.#o.fetch(new Request(url, init)), timeout])
      if (response.status !== 200) {
        throw new WxTransportError(`${endpoint}: HTTP ${response.status}`, {
          endpoint,
          status: response.status,
        })
      }
      const text = await Promise.race([response.text(), timeout])
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        throw new WxTransportError(`${endpoint}: the answer is not JSON`, { endpoint, status: 200 })
      }
      if (typeof body !== 'object' || body === null) {
        throw new WxTransportError(`${endpoint}: the answer is not an object`, { endpoint })
      }
      const record = body as Record<string, unknown>
      if (typeof record.errcode === 'number' && record.errcode !== 0) {
        const errmsg = typeof record.errmsg === 'string' ? record.errmsg : undefined
        throw wxApiErrorFrom(
          { errcode: record.errcode, errmsg },
          { endpoint, request: { method, url, body: payload } },
        )
      }
      return record
    } catch (err) {
      if (err instanceof Error && 'code' in err && String(err.code).startsWith('WX_')) throw err
      // fetch's own failures (refused, reset, dropped): the message names no URL or secret.
      const reason = err instanceof Error ? err.message : String(err)
      throw new WxTransportError(`${endpoint}: ${reason}`, { endpoint, cause: err })
    } finally {
      if (timer !== undefined) this.#o.clock.clearTimeout(timer)
    }
  }
}

function issued(body: Record<string, unknown>, field: string, endpoint: string): Issued {
  const value = body[field]
  const expiresIn = body.expires_in
  if (
    typeof value !== 'string' ||
    value === '' ||
    typeof expiresIn !== 'number' ||
    expiresIn <= 0
  ) {
    throw new WxTransportError(`${endpoint}: the answer lacks ${field} or expires_in`, { endpoint })
  }
  return { value, expiresIn }
}
