/**
 * The emulated WeChat platform: one `handle()` pipeline that routes by the spec table
 * (`matchEndpoint`), applies WeChat's request conventions (§0, §8) and calls the endpoint's
 * handler. Every answer is HTTP 200; errors are `{errcode, errmsg: "… rid: …"}`.
 */
import { ERRCODE, systemClock } from '@wxmp/core'
import type { AccountConfig, Clock } from '@wxmp/core'
import { allEndpoints, isMultipart, matchEndpoint } from '@wxmp/spec'
import type { Endpoint, EndpointId, Host } from '@wxmp/spec'
import type { FanHelpers } from './fans.js'
import { HANDLERS } from './handlers/index.js'
import { readUpload } from './multipart-body.js'
import type { ParsedMultipart } from './multipart-body.js'
import type { HandlerContext, RawRequest } from './handlers/index.js'
import { randomHex, seededRandom } from './random.js'
import { createState } from './state.js'
import type { EmulatorState } from './state.js'
import { WechatError, errorEnvelope } from './wechat-error.js'

/** What `createEmulator` takes. */
export interface EmulatorOptions {
  /** The Official Accounts the platform knows; token calls need their `secret`. */
  readonly accounts: readonly AccountConfig[]
  /** Drives token lifetimes and quota days; defaults to the system clock. */
  readonly clock?: Clock
  /** Seeds tokens, rids and demo fans, for reproducible runs; random when omitted. */
  readonly seed?: number
}

/** A request as the emulator sees it, independent of any HTTP server. */
export interface EmulatorRequest {
  readonly method: string
  /** Which WeChat host was addressed; defaults to `api` (api.weixin.qq.com). */
  readonly host?: Host
  /** The path, e.g. `/cgi-bin/token`; a query string here is ignored (use `query`). */
  readonly path: string
  /** The raw query string, without `?`. */
  readonly query: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body: Buffer | string
}

/** The emulator's answer: JSON text, or a downloaded file's bytes (a `Buffer`). */
export interface EmulatorResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer | string
}

/** Counters a test can assert on. */
export interface EmulatorStats {
  /** Requests received, by path (`/cgi-bin/token`), whatever their outcome. */
  readonly calls: Readonly<Record<string, number>>
}

/** A running emulated platform. */
export interface Emulator {
  /** Answers one request. Never rejects: a bug answers -1 like WeChat's "system error". */
  handle(request: EmulatorRequest): Promise<EmulatorResponse>
  /** The same, as a web-standard fetch handler (`fetch: emulator.fetch` in an SDK's options). */
  fetch(request: Request): Promise<Response>
  /** A snapshot of the counters. */
  stats(): EmulatorStats
  /** The platform's memory, for tests that arrange or inspect state directly. */
  readonly state: EmulatorState
  /** Arranges followers: create fans, make them follow or leave (AppIDs case-insensitive). */
  readonly fans: FanHelpers
}

// WeChat's JSON answers carry this content type (observed; `encoding`, not `charset`).
const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json; encoding=utf-8' })

/** Creates an emulated platform over `accounts`, in memory. */
export function createEmulator(options: EmulatorOptions): Emulator {
  const clock = options.clock ?? systemClock
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32)
  const random = seededRandom(seed)
  // A second stream for fans, derived from the same seed (any fixed odd constant would do).
  const state = createState(
    options.accounts,
    clock,
    random,
    seededRandom(seed ^ 0x5eedfa45),
    seededRandom(seed ^ 0x3ed1a000),
  )
  const calls = new Map<string, number>()

  // `xxxxxxxx-xxxxxxxx-xxxxxxxx`: the first part is the Unix time in hex, as in observed rids.
  const rid = (): string =>
    `${Math.floor(clock.now() / 1000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8)}-${randomHex(random, 8)}-${randomHex(random, 8)}`

  const answer = (body: unknown): EmulatorResponse => ({
    status: 200,
    headers: JSON_HEADERS,
    body: JSON.stringify(body),
  })

  const stats = (): EmulatorStats => ({ calls: Object.fromEntries(calls) })

  const handle = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const path = request.path.split(/[?#]/, 1)[0] ?? request.path
    // The inspection API lives beside WeChat's paths, under a prefix WeChat never uses; it is
    // not counted as a WeChat call.
    if (path === '/__emulator/stats' && request.method === 'GET') return answer(stats())
    calls.set(path, (calls.get(path) ?? 0) + 1)
    try {
      const result = dispatch(state, request, path)
      return isDownload(result) ? download(result) : answer(result)
    } catch (error) {
      if (error instanceof WechatError)
        return answer(errorEnvelope(error.errcode, error.message, rid()))
      // A bug in a handler must not look like a protocol answer a client could act on.
      const detail = error instanceof Error ? error.message : String(error)
      return answer(
        errorEnvelope(ERRCODE.SYSTEM_BUSY, `system error (wxmp emulator: ${detail})`, rid()),
      )
    }
  }

  return {
    state,
    fans: state.fans,
    handle,
    fetch: async (request) => toResponse(await handle(await fromRequest(request))),
    stats,
  }
}

/** A file a download endpoint answers with (spec's `DownloadedFile`). */
interface Download {
  readonly data: Uint8Array
  readonly contentType: string
  readonly filename?: string
}

function isDownload(value: unknown): value is Download {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { data?: unknown }).data instanceof Uint8Array &&
    typeof (value as { contentType?: unknown }).contentType === 'string'
  )
}

/**
 * A file's bytes, HTTP 200, with its Content-Type and, when it has a name,
 * `Content-disposition: attachment; filename="…"` as WeChat sends it (§6.2).
 */
function download(file: Download): EmulatorResponse {
  const headers: Record<string, string> = {
    'content-type': file.contentType,
    'content-length': String(file.data.byteLength),
  }
  if (file.filename !== undefined)
    headers['content-disposition'] =
      `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`
  return {
    status: 200,
    headers,
    body: Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength),
  }
}

/**
 * A handler as the pipeline calls it: the id comes from a run-time lookup, so the per-endpoint
 * types cannot be followed; `validate` has parsed the request with that same endpoint's schemas.
 */
interface UntypedHandler {
  readonly precheck?: (raw: RawRequest, ctx: HandlerContext) => void
  readonly run: (request: Record<string, unknown>, ctx: HandlerContext) => unknown
}

/** Routes, authenticates, parses and runs one request; throws `WechatError` for any errcode. */
function dispatch(state: EmulatorState, request: EmulatorRequest, path: string): unknown {
  const host = request.host ?? 'api'
  const entry =
    matchEndpoint(request.method, path, host) ?? refuseUnrouted(request.method, path, host)
  const handler = HANDLERS[entry.id as EndpointId] as UntypedHandler | undefined
  if (!handler)
    throw new WechatError(ERRCODE.SYSTEM_BUSY, `wxmp emulator: ${entry.id} is not emulated yet`)

  const query = Object.fromEntries(new URLSearchParams(request.query))
  const ctx: HandlerContext = { state, entry, appid: authenticate(state, entry, query) }
  // An upload's body is read and its file limits applied before the query schema, so a bad
  // `type` answers 40004 rather than 40035.
  const raw: RawRequest = {
    query,
    body: isMultipart(entry.body)
      ? readUpload(entry.body, query, request.headers, request.body)
      : parseBody(entry, request.body),
  }
  handler.precheck?.(raw, ctx)
  const wire = validate(entry, raw)
  return handler.run(wire, ctx)
}

/**
 * No entry for this verb: 43001/43002 when the path exists with the other verb (§8), else 40066
 * "invalid url" (§7.1: the code for a wrong API path; WeChat answers it with HTTP 200 too).
 */
function refuseUnrouted(method: string, path: string, host: Host): never {
  const other = allEndpoints.find((entry) => entry.host === host && entry.path === path)
  if (other && method.toUpperCase() !== other.method) {
    throw new WechatError(
      other.method === 'GET' ? ERRCODE.REQUIRE_GET_METHOD : ERRCODE.REQUIRE_POST_METHOD,
    )
  }
  throw new WechatError(ERRCODE.INVALID_URL)
}

/**
 * For `accessToken` endpoints: the caller's AppID (41001/40014/40001/42001 otherwise), charged
 * one call of the endpoint's daily quota. The token is checked before the body, as the credential
 * is in the query and WeChat rejects an unauthenticated call before reading what it sends.
 */
function authenticate(
  state: EmulatorState,
  entry: Endpoint,
  query: Readonly<Record<string, string>>,
): string | undefined {
  if (entry.auth !== 'accessToken') return undefined
  const appid = state.tokens.check(query.access_token)
  state.quota.charge(appid, entry, state.clock.now())
  return appid
}

/** The JSON body of an endpoint that takes one: 44002 when empty, 47001 when not JSON (§8). */
function parseBody(entry: Endpoint, body: Buffer | string): unknown {
  if (entry.body === undefined || isMultipart(entry.body)) return undefined
  const text = typeof body === 'string' ? body : body.toString('utf8')
  if (text.trim() === '') throw new WechatError(ERRCODE.EMPTY_POST_DATA)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new WechatError(ERRCODE.DATA_FORMAT_ERROR)
  }
}

/**
 * The table's schemas over the raw request. A body of the wrong shape is 47001 (WeChat cannot map
 * it, the same code as unparsable JSON); a bad query parameter is 40035 "invalid parameter".
 */
function validate(entry: Endpoint, raw: RawRequest): Record<string, unknown> {
  let wire: Record<string, unknown> = {}
  if (entry.query) {
    const parsed = entry.query.safeParse(raw.query)
    if (!parsed.success) throw new WechatError(ERRCODE.INVALID_PARAMETER)
    wire = { ...parsed.data }
  }
  if (isMultipart(entry.body)) {
    // Form fields by the table's schema (47001 like a bad JSON body), then the file parts.
    const upload = raw.body as ParsedMultipart
    const fields = entry.body.fields?.safeParse(upload.fields)
    if (fields && !fields.success) throw new WechatError(ERRCODE.DATA_FORMAT_ERROR)
    wire = { ...wire, ...fields?.data }
    for (const name of Object.keys(entry.body.files)) wire[name] = upload.files.get(name)
  } else if (entry.body !== undefined) {
    const parsed = entry.body.safeParse(raw.body)
    if (!parsed.success) throw new WechatError(ERRCODE.DATA_FORMAT_ERROR)
    wire = { ...wire, ...(parsed.data as Record<string, unknown>) }
  }
  return wire
}

const HOSTS_BY_NAME: Readonly<Record<string, Host>> = {
  'api.weixin.qq.com': 'api',
  'mp.weixin.qq.com': 'mp',
  'open.weixin.qq.com': 'open',
}

/**
 * The WeChat host a request addressed: its own host name when it is one of WeChat's, else the
 * `x-wxmp-host` header (`api`/`mp`/`open`, for requests to a loopback server), else `api`.
 */
export function hostOf(hostname: string, header: string | undefined): Host {
  const byName = HOSTS_BY_NAME[hostname.toLowerCase()]
  if (byName) return byName
  return header === 'mp' || header === 'open' ? header : 'api'
}

async function fromRequest(request: Request): Promise<EmulatorRequest> {
  const url = new URL(request.url)
  const headers = Object.fromEntries(request.headers)
  return {
    method: request.method,
    host: hostOf(url.hostname, headers['x-wxmp-host']),
    path: url.pathname,
    query: url.search.replace(/^\?/, ''),
    headers,
    body: Buffer.from(await request.arrayBuffer()),
  }
}

function toResponse(response: EmulatorResponse): Response {
  const body = typeof response.body === 'string' ? response.body : new Uint8Array(response.body)
  return new Response(body, { status: response.status, headers: response.headers })
}
