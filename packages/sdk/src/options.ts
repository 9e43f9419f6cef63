/** What `createClient` and each call take: account, transport, token source, timeouts, retries, hooks. */
import type { Clock } from '@wxmp/core'
import type { Host } from '@wxmp/spec'
import type { TokenSource } from './token/token-source.js'

/** A web-standard fetch: the global `fetch`, or an in-process handler such as `emulator.fetch`. */
export type FetchLike = (request: Request) => Promise<Response>

/**
 * Where requests go: one base URL for every WeChat host (requests to `mp`/`open` then carry an
 * `x-wxmp-host` header, which the emulator and the proxy understand), or a base per host. Hosts
 * left out go to WeChat (`https://api.weixin.qq.com`, …).
 */
export type ApiBase = string | Partial<Readonly<Record<Host, string>>>

/** Sends every call through the wxmp API proxy, which holds the token and injects it. */
export interface ProxyOptions {
  /**
   * The proxy's base URL, e.g. `http://127.0.0.1:8092`, or several instances: calls stick to the
   * one that last worked and move to the next when it cannot be reached.
   */
  readonly baseUrl: string | readonly string[]
  /** This client's key, sent as `Authorization: Bearer <key>`. */
  readonly clientKey: string
}

/** Backoff for transient failures (-1, network errors, timeouts, HTTP 5xx) of idempotent calls. */
export interface RetryOptions {
  /** Attempts in all, the first included. Default 3; 1 turns transient retries off. */
  readonly attempts?: number
  /** Delay before the first retry, doubled for each next one. Default 250 ms; 0 retries at once. */
  readonly baseDelayMs?: number
  /** Ceiling of one delay. Default 2000 ms. */
  readonly maxDelayMs?: number
}

/** What the `onCall` hook receives after every attempt. Secrets are redacted. */
export interface CallEvent {
  /** `GET` or `POST`. */
  readonly method: string
  /** The endpoint id (`menu.create`), or the route of a call outside the table. */
  readonly endpoint: string
  /** The URL called, `access_token` and other secrets redacted. */
  readonly url: string
  /** 1 for the first attempt, then 2, 3, … for the token retry and transient retries. */
  readonly attempt: number
  /** Time the attempt took, on the client's clock. */
  readonly durationMs: number
  /** 0 on success, WeChat's errcode on an errcode answer, `undefined` for local failures. */
  readonly errcode: number | undefined
  /** The error's stable code (`WX_ERR_API`, `WX_ERR_TRANSPORT`, …) when the attempt failed. */
  readonly error?: string
  /** The error's message when the attempt failed (built from redacted parts). */
  readonly message?: string
}

/** Options of one call. */
export interface CallOptions {
  /** Overrides the client's `timeoutMs` for this call (each attempt). */
  readonly timeoutMs?: number
  /** Aborts the call; an aborted call is never retried. */
  readonly signal?: AbortSignal
}

/** What `createClient` takes. Every client serves exactly one account. */
export interface ClientOptions {
  /** The account's AppID. */
  readonly appid: string
  /**
   * The AppSecret. Needed for the calls that carry it (`token.*`, `oauth.accessToken`), and for
   * the default token source (`directTokenSource` over this client's transport).
   */
  readonly secret?: string
  /** Where access_tokens come from. Default: a `directTokenSource` when `secret` is given. */
  readonly tokenSource?: TokenSource
  /** Send every call through the wxmp API proxy instead (no token source needed). */
  readonly proxy?: ProxyOptions
  /** Where WeChat is: the emulator or a test server instead of WeChat's hosts. */
  readonly apiBase?: ApiBase
  /** The fetch to send with; the global `fetch` by default. */
  readonly fetch?: FetchLike
  /** Times timeouts and backoff; `systemClock` by default, a `VirtualClock` in tests. */
  readonly clock?: Clock
  /** Per-attempt timeout. Default 10,000 ms. */
  readonly timeoutMs?: number
  /** Backoff for transient failures of idempotent calls. */
  readonly retry?: RetryOptions
  /**
   * Checks each JSON answer against the table's response schema and fails with a
   * `WxTransportError` when it does not match. Off by default: WeChat adding a field must not
   * break a running app. Tests turn it on.
   */
  readonly validateResponses?: boolean
  /** Called after every attempt, for logs and metrics. Exceptions it throws are ignored. */
  readonly onCall?: (event: CallEvent) => void
}
