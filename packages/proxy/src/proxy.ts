/**
 * The API proxy: serves WeChat's paths to its clients, checks who calls what (keys, allow-list,
 * rate limits, daily quotas), injects the credential each endpoint needs, forwards to WeChat and
 * passes the answer back unchanged. A token WeChat rejects is reported (compare-and-invalidate)
 * and the call retried once. Decisions: README.md.
 */
import { errcodeKind, TOKEN_ENDPOINT_IDS, beijingDay } from '@wxmp/core'
import { matchEndpoint, matchesAllow } from '@wxmp/spec'
import type { Endpoint, Host } from '@wxmp/spec'
import { TokenServiceError } from '@wxmp/token'
import { jsonAnswer, responseOfAnswer } from './answer.js'
import type { ProxyAnswer, ProxyCall } from './answer.js'
import type { AuditEntry } from './audit.js'
import { readBody } from './body.js'
import { Callers } from './callers.js'
import type { Caller } from './callers.js'
import { grantDropIn } from './drop-in.js'
import { takeQuota, takeRate } from './limits.js'
import type { QuotaStanding } from './limits.js'
import { ProxyMetrics } from './metrics.js'
import { checkLimits, clockOf, stateOf, targetOf } from './options.js'
import type { ProxyAccount, ProxyOptions } from './options.js'
import { ProxyRefusal, REFUSALS } from './refusal.js'
import type { ProxyState } from './state/types.js'
import { sendOverHttp } from './upstream-http.js'
import { answerOf, callUpstream } from './upstream.js'
import type { UpstreamAnswer } from './upstream.js'

/** The header a caller names a non-api host in (`mp`, `open`), as the SDK and emulator do. */
export const HOST_HEADER = 'x-wxmp-host'

/** A running proxy. */
export interface Proxy {
  /** Answers one request (web-standard); `serveProxy` puts this on a port. */
  handle(request: Request): Promise<Response>
  /** Its counters (rendered by `/metrics`). */
  readonly metrics: ProxyMetrics
  /** Its shared state (sessions, rates, ledger). */
  readonly state: ProxyState
  /** Closes the state if the proxy opened it. The token service is the caller's to close. */
  close(): Promise<void>
}

const HOSTS: readonly Host[] = ['api', 'mp', 'open']

/** Answers a call in the proxy's own form; `serveProxy` uses it to skip web requests. */
export type CallHandler = (call: ProxyCall) => Promise<ProxyAnswer>

// The call handler behind each proxy `createProxy` made.
const HANDLERS = new WeakMap<Proxy, CallHandler>()

/** The call handler of `proxy`, when `createProxy` made it. */
export function callHandlerOf(proxy: Proxy): CallHandler | undefined {
  return HANDLERS.get(proxy)
}

// What is known about a call so far, for the audit line and the metrics.
interface Trace {
  readonly started: number
  readonly method: string
  readonly path: string
  client?: string
  account?: string
  endpoint?: string
  auth?: Caller['via']
  retried?: boolean
}

/**
 * Creates a proxy.
 *
 * @example
 * const tokens = createTokenService({ accounts: config.accounts, store })
 * const proxy = createProxy({ config, tokens, apiBase: config.apiBase, redis: config.redisUrl })
 * const served = await serveProxy(proxy, { port: 8081 })
 */
export function createProxy(options: ProxyOptions): Proxy {
  checkLimits(options)
  const clock = clockOf(options)
  const { state, owned } = stateOf(options)
  const metrics = options.metrics ?? new ProxyMetrics()
  const callers = new Callers(options.config.clients, options.config.accounts, state, clock)
  const doFetch = options.fetch
  const log = options.log ?? (() => {})
  const audit = options.audit
  const windowMs = options.rateWindowMs ?? 60_000
  const warnAt = options.quotaWarnAt ?? 0.8
  const ttlSeconds = options.dropInTtlSeconds ?? 7200
  const maxBody = options.maxBodyBytes ?? 25 * 1024 * 1024
  const timeoutMs = options.upstreamTimeoutMs ?? 30_000

  const targets = new Map<Host, ReturnType<typeof targetOf>>()
  const targetFor = (host: Host) => {
    let target = targets.get(host)
    if (target === undefined) {
      target = targetOf(host, options.apiBase)
      targets.set(host, target)
    }
    return target
  }

  const finish = (trace: Trace, answer: ProxyAnswer, errcode: number, refusal?: string) => {
    metrics.inc('wxmp_proxy_requests_total', {
      client: trace.client ?? '-',
      endpoint: trace.endpoint ?? 'unknown',
      status: String(answer.status),
    })
    // No sink, no entry: building one (the ISO time above all) is a share of a call's cost.
    if (audit === undefined) return answer
    const entry: AuditEntry = {
      time: new Date(clock.now()).toISOString(),
      client: trace.client ?? null,
      account: trace.account ?? null,
      endpoint: trace.endpoint ?? null,
      method: trace.method,
      path: trace.path,
      status: answer.status,
      errcode,
      ...(refusal === undefined ? {} : { refusal }),
      ...(trace.retried ? { retried: true } : {}),
      ...(trace.auth === undefined ? {} : { auth: trace.auth }),
      durationMs: Math.round(performance.now() - trace.started),
    }
    try {
      audit(entry)
    } catch (err) {
      log({ level: 'error', msg: `audit: ${err instanceof Error ? err.message : String(err)}` })
    }
    return answer
  }

  const forward = async (
    call: ProxyCall,
    url: URL,
    endpoint: Endpoint,
    account: ProxyAccount,
    body: Uint8Array | undefined,
    trace: Trace,
  ): Promise<UpstreamAnswer> => {
    const target = targetFor(endpoint.host)
    const upstreamUrl = new URL(target.base + url.pathname)
    upstreamUrl.search = url.search
    const headers: Record<string, string> = { 'accept-encoding': 'identity' }
    const type = call.header('content-type')
    if (type !== null) headers['content-type'] = type
    if (target.hostHeader) headers[HOST_HEADER] = endpoint.host
    const send = async (token: string | undefined) => {
      const query = upstreamUrl.searchParams
      if (endpoint.auth === 'accessToken') query.set('access_token', token!)
      if (endpoint.auth === 'appSecret') {
        // The caller holds no secret: whatever it sent as one is replaced by the account's.
        query.set('appid', account.appid)
        query.set('secret', account.secret!)
      }
      const started = performance.now()
      const upstream = { url: upstreamUrl, method: call.method, headers, body }
      // Without a fetch of the caller's, node:http is the cheaper road (upstream-http.ts).
      const answer =
        doFetch === undefined
          ? await sendOverHttp(upstream, clock, timeoutMs)
          : await callUpstream(doFetch, upstream, clock, timeoutMs)
      metrics.observe(endpoint.id, (performance.now() - started) / 1000)
      return answer
    }
    if (endpoint.auth !== 'accessToken') return send(undefined)
    const appid = account.appid.toLowerCase()
    const used = (await tokenCall(() => options.tokens.accessToken(appid), clock.now())).value
    const first = await send(used)
    if (errcodeKind(first.errcode, endpoint.id) !== 'token') return first
    // WeChat refused the token before doing anything: report it and try once more.
    await first.stream?.cancel()
    trace.retried = true
    const { current } = await tokenCall(() => options.tokens.invalidate(appid, used), clock.now())
    const second = await send(current.value)
    const ok = errcodeKind(second.errcode, endpoint.id) !== 'token'
    metrics.inc('wxmp_proxy_token_retries_total', { outcome: ok ? 'ok' : 'rejected-again' })
    if (!ok)
      log({ level: 'warn', msg: 'WeChat rejected the token twice', appid, endpoint: endpoint.id })
    return second
  }

  // The answer, and the errcode that goes with it to the audit line.
  const pipeline = async (call: ProxyCall, trace: Trace): Promise<[ProxyAnswer, number]> => {
    const url = call.url
    const hostName = call.header(HOST_HEADER)?.trim().toLowerCase() || 'api'
    if (!HOSTS.includes(hostName as Host)) {
      throw new ProxyRefusal('bad-request', `${HOST_HEADER} must be api, mp or open`)
    }
    const endpoint = matchEndpoint(call.method, url.pathname, hostName as Host)
    if (endpoint !== undefined) trace.endpoint = endpoint.id
    const body = await call.body(maxBody)
    if (endpoint !== undefined && TOKEN_ENDPOINT_IDS.includes(endpoint.id)) {
      const now = clock.now()
      const grant = await grantDropIn(callers, state, url, body, now, ttlSeconds, (client) =>
        takeRate(state, client, endpoint, now, windowMs),
      )
      trace.client = grant.client.name
      trace.account = grant.account.appid
      trace.auth = 'secret'
      metrics.inc('wxmp_proxy_drop_in_tokens_total', { client: grant.client.name })
      return [grant.answer, 0]
    }
    const caller = await callers.identify(call, url, endpoint)
    trace.client = caller.client.name
    trace.auth = caller.via
    if (endpoint === undefined) {
      throw new ProxyRefusal(
        'unknown-endpoint',
        `${call.method} ${url.pathname} is not an endpoint the proxy knows`,
        { rule: 'endpoint table' },
      )
    }
    const account = callers.accountFor(caller, call, url)
    trace.account = account.appid
    if (!matchesAllow(endpoint.id, caller.client.allow)) {
      throw new ProxyRefusal(
        'forbidden',
        `client ${caller.client.name} is not allowed ${endpoint.id}`,
        { rule: `allow: ${caller.client.allow.join(', ')}` },
      )
    }
    if (endpoint.auth === 'appSecret' && account.secret === undefined) {
      throw new ProxyRefusal(
        'token-config',
        `${endpoint.id} needs the AppSecret of ${account.appid}, which the proxy is not given`,
      )
    }
    const now = clock.now()
    await takeRate(state, caller.client, endpoint, now, windowMs)
    const standing = await takeQuota(state, account, endpoint, now, warnAt)
    const extra = quotaHeaders(standing, warnAt)
    if (standing?.warn) {
      const labels = { appid: account.appid, endpoint: endpoint.id }
      metrics.inc('wxmp_proxy_quota_warnings_total', labels)
      if (standing.crossed)
        log({
          level: 'warn',
          msg: `${endpoint.id}: ${standing.used} of ${standing.limit} daily calls used`,
          ...labels,
        })
    }
    const answer = await forward(call, url, endpoint, account, body, trace)
    if (endpoint.id === 'ops.clearQuota' && answer.status === 200 && answer.errcode === 0) {
      // WeChat has just zeroed the account's counts; the ledger follows.
      await state.resetQuota(account.appid.toLowerCase(), beijingDay(now))
    }
    return [answerOf(answer, extra), answer.errcode]
  }

  const run: CallHandler = async (call) => {
    const url = call.url
    if (url.pathname === '/healthz' && call.method === 'GET') {
      return jsonAnswer(200, { status: 'ok', state: state.name }, [
        ['content-type', 'application/json'],
      ])
    }
    if (url.pathname === '/metrics' && call.method === 'GET') {
      return {
        status: 200,
        headers: [['content-type', 'text/plain; version=0.0.4; charset=utf-8']],
        bytes: Buffer.from(metrics.render()),
      }
    }
    const trace: Trace = {
      started: performance.now(),
      method: call.method,
      path: url.pathname,
    }
    try {
      const [answer, errcode] = await pipeline(call, trace)
      return finish(trace, answer, errcode)
    } catch (err) {
      const refusal = asRefusal(err)
      if (refusal.reason === 'upstream' || refusal.status >= 500) {
        log({
          level: 'error',
          msg: refusal.message,
          ...(trace.endpoint ? { endpoint: trace.endpoint } : {}),
        })
      }
      metrics.inc('wxmp_proxy_refusals_total', { reason: refusal.reason })
      return finish(trace, refusal.toAnswer(), refusal.errcode, refusalCode(refusal))
    }
  }

  const proxy: Proxy = {
    metrics,
    state,
    async handle(request) {
      return responseOfAnswer(await run(callOfRequest(request)))
    },
    async close() {
      if (owned) await state.close()
    },
  }
  HANDLERS.set(proxy, run)
  return proxy
}

function callOfRequest(request: Request): ProxyCall {
  return {
    method: request.method,
    url: new URL(request.url),
    header: (name) => request.headers.get(name),
    body: (limit) => readBody(request, limit),
  }
}

function quotaHeaders(standing: QuotaStanding | undefined, warnAt: number): Record<string, string> {
  if (standing === undefined) return {}
  const headers: Record<string, string> = { 'x-wxmp-quota': `${standing.used}/${standing.limit}` }
  if (standing.warn)
    headers['x-wxmp-quota-warning'] = `${Math.round(warnAt * 100)}% of the daily quota used`
  return headers
}

function refusalCode(refusal: ProxyRefusal): string {
  return REFUSALS[refusal.reason].code
}

async function tokenCall<T>(get: () => Promise<T>, now: number): Promise<T> {
  try {
    return await get()
  } catch (err) {
    if (err instanceof TokenServiceError) {
      const reason = err.reason === 'config' ? 'token-config' : 'token-service'
      const retryAfter =
        err.retryAt === undefined ? undefined : Math.max(1, Math.ceil((err.retryAt - now) / 1000))
      throw new ProxyRefusal(reason, `token service: ${err.message}`, { retryAfter })
    }
    const message = err instanceof Error ? err.message : String(err)
    throw new ProxyRefusal('token-service', `token service: ${message}`)
  }
}

function asRefusal(err: unknown): ProxyRefusal {
  if (err instanceof ProxyRefusal) return err
  const message = err instanceof Error ? err.message : String(err)
  return new ProxyRefusal('upstream', `internal error: ${message}`)
}
