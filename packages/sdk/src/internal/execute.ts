/**
 * The retry policy, by error kind, in one place:
 * - `token` (40001/40014/42001): compare-and-invalidate the token that was used, retry once;
 * - transient (-1, network errors, timeouts, HTTP 5xx): bounded exponential backoff, and only for
 *   idempotent endpoints, so a template or customer-service send is never sent twice;
 * - anything else (quota, permission, config, invalid, proxy refusals): thrown at once.
 */
import { WxApiError, WxTransportError, redactUrl } from '@wxmp/core'
import type { Clock, WxApiRequestSummary } from '@wxmp/core'
import type { CallEvent, CallOptions, FetchLike, ProxyOptions, RetryOptions } from '../options.js'
import type { TokenSource } from '../token/token-source.js'
import { decodeAnswer, isPermanent } from './decode.js'
import { exchange } from './exchange.js'
import type { Failover } from './failover.js'
import { neverArrived } from './failover.js'
import { targetOf, urlOf } from './hosts.js'
import type { ApiBase } from '../options.js'
import type { PreparedCall } from './prepare.js'

/** What every call of one client shares. */
export interface Transport {
  readonly appid: string
  readonly fetch: FetchLike
  readonly clock: Clock
  readonly timeoutMs: number
  readonly retry: Required<RetryOptions>
  readonly apiBase: ApiBase | undefined
  readonly proxy: ProxyOptions | undefined
  /** The proxy instances, when calls go through the proxy. */
  readonly proxyPool: Failover | undefined
  readonly tokenSource: TokenSource | undefined
  readonly validateResponses: boolean
  readonly onCall: ((event: CallEvent) => void) | undefined
}

/** Runs a prepared call to its end: the success value, or the error that stopped it. */
export async function execute(
  transport: Transport,
  call: PreparedCall,
  options: CallOptions = {},
  streamFiles = false,
): Promise<unknown> {
  const { clock } = transport
  // Through the proxy the token is the proxy's business (it retries token errors itself).
  const usesToken = call.auth === 'accessToken' && transport.proxy === undefined
  let attempt = 0
  let transientFailures = 0
  let tokenRetried = false
  let unreached = 0
  for (;;) {
    attempt += 1
    const token = usesToken ? await tokenOf(transport) : undefined
    const started = clock.now()
    const outgoing = outgoingOf(transport, call, token)
    try {
      const answer = await exchange(outgoing, {
        fetch: transport.fetch,
        clock,
        timeoutMs: options.timeoutMs ?? transport.timeoutMs,
        signal: options.signal,
        streamFiles,
      })
      const value = decodeAnswer(answer, {
        id: call.id,
        response: call.response,
        request: summaryOf(outgoing.method, outgoing.url, call),
        validate: transport.validateResponses,
      })
      report(transport, {
        ...eventBase(outgoing, call, attempt, clock.now() - started),
        errcode: 0,
      })
      return value
    } catch (error) {
      report(transport, failureEvent(outgoing, call, attempt, clock.now() - started, error))
      const pool = transport.proxyPool
      if (pool !== undefined && outgoing.base !== undefined) {
        // Another proxy instance can take a request this one never received, even a send; each
        // instance gets one chance per call.
        if (neverArrived(error) && unreached + 1 < pool.size) {
          pool.failed(outgoing.base)
          unreached += 1
          continue
        }
        // A transient failure of an idempotent call is retried below: on the next instance.
        if (isTransient(error)) pool.failed(outgoing.base)
      }
      if (
        error instanceof WxApiError &&
        error.kind === 'token' &&
        token !== undefined &&
        !tokenRetried
      ) {
        tokenRetried = true
        await transport.tokenSource?.invalidate(transport.appid, token)
        continue
      }
      const more = transientFailures + 1 < transport.retry.attempts
      if (call.idempotent && more && isTransient(error) && options.signal?.aborted !== true) {
        await sleep(clock, backoffMs(transport.retry, transientFailures))
        transientFailures += 1
        continue
      }
      throw error
    }
  }
}

async function tokenOf(transport: Transport): Promise<string> {
  if (!transport.tokenSource) throw new Error('unreachable: createClient checks for a token source')
  return transport.tokenSource.get(transport.appid)
}

function outgoingOf(transport: Transport, call: PreparedCall, token: string | undefined) {
  const proxyBase = transport.proxyPool?.current()
  const target = targetOf(call.host, proxyBase ?? transport.apiBase)
  const query = token === undefined ? call.query : { ...call.query, access_token: token }
  const headers: Record<string, string> = {}
  if (transport.proxy) {
    headers.authorization = `Bearer ${transport.proxy.clientKey}`
    // A client key may serve several accounts: the proxy is told which one this client is.
    headers['x-wxmp-appid'] = transport.appid
  }
  if (target.hostHeader) headers['x-wxmp-host'] = call.host
  return {
    base: proxyBase,
    id: call.id,
    method: call.method,
    url: urlOf(target.base, call.path, query),
    headers,
    body: call.body,
    manualRedirect: call.response !== undefined && isRedirect(call.response),
  }
}

function isRedirect(response: object): boolean {
  return (response as { kind?: unknown }).kind === 'redirect'
}

/** A failure worth repeating: WeChat's -1 (and other transient codes), or the wire. */
function isTransient(error: unknown): boolean {
  if (error instanceof WxApiError) return error.kind === 'transient'
  if (!(error instanceof WxTransportError) || isPermanent(error)) return false
  const status = error.status
  // A 4xx other than 408/429 is a wrong URL or a refused request: it will not get better.
  return status === undefined || status < 400 || status >= 500 || status === 408 || status === 429
}

function backoffMs(retry: Required<RetryOptions>, failures: number): number {
  return Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** failures)
}

// Zero means at once: no timer, so a VirtualClock test needs no advance between attempts.
function sleep(clock: Clock, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve()
  return new Promise((resolve) => clock.setTimeout(resolve, ms))
}

function summaryOf(method: string, url: URL, call: PreparedCall): WxApiRequestSummary {
  const body = call.body
  if (body.kind === 'json') return { method, url: url.href, body: body.value }
  if (body.kind === 'multipart') {
    const files = Object.entries(body.files).map(
      ([name, file]) => `${name}=${file.filename} (${file.blob.size} bytes)`,
    )
    return { method, url: url.href, body: `[multipart ${files.join(', ')}]` }
  }
  return { method, url: url.href }
}

function eventBase(
  outgoing: { method: string; url: URL },
  call: PreparedCall,
  attempt: number,
  durationMs: number,
) {
  return {
    method: outgoing.method,
    endpoint: call.id,
    url: redactUrl(outgoing.url.href),
    attempt,
    durationMs,
  }
}

function failureEvent(
  outgoing: { method: string; url: URL },
  call: PreparedCall,
  attempt: number,
  durationMs: number,
  error: unknown,
): CallEvent {
  const code = (error as { code?: unknown }).code
  return {
    ...eventBase(outgoing, call, attempt, durationMs),
    errcode: error instanceof WxApiError ? error.errcode : undefined,
    error: typeof code === 'string' ? code : 'UNKNOWN',
    message: redactUrl(error instanceof Error ? error.message : String(error)),
  }
}

// A logging hook must never change the outcome of a call.
function report(transport: Transport, event: CallEvent): void {
  try {
    transport.onCall?.(event)
  } catch {
    // ignored on purpose
  }
}
