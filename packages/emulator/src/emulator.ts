/**
 * The emulated WeChat platform: one `handle()` pipeline that routes by the spec table
 * (`matchEndpoint`), applies WeChat's request conventions (§0, §8) and calls the endpoint's
 * handler. Every answer is HTTP 200; errors are `{errcode, errmsg: "… rid: …"}`.
 */
import { ERRCODE, VirtualClock, systemClock } from '@wxmp/core'
import type { AccountConfig, Clock } from '@wxmp/core'
import { allEndpoints, isMultipart, matchEndpoint, responseKind, HOST_NAMES } from '@wxmp/spec'
import type { Endpoint, EndpointId, Host } from '@wxmp/spec'
import type { FanHelpers } from './fans.js'
import { HANDLERS } from './handlers/index.js'
import { HttpAnswer } from './http-answer.js'
import { INSPECTION_PREFIX, handleInspection } from './inspection/index.js'
import { callerAddress } from './ip-whitelist.js'
import { PushEngine } from './push/index.js'
import type { FetchLike } from './push/index.js'
import { readUpload } from './multipart-body.js'
import type { ParsedMultipart } from './multipart-body.js'
import type { HandlerContext, RawRequest } from './handlers/index.js'
import { AdjustableClock } from './adjustable-clock.js'
import { randomHex, seededRandom } from './random.js'
import type { SeededRandom } from './random.js'
import { redirectTarget } from './redirect-uri.js'
import { SNAPSHOT_VERSION, STREAM_NAMES, SnapshotError } from './snapshot/format.js'
import type { EmulatorSnapshot, StreamName } from './snapshot/format.js'
import { SNAPSHOT_SAVE_DELAY_MS, SnapshotSaver } from './snapshot/persistence.js'
import type { RestoreReport, SnapshotPersistence } from './snapshot/persistence.js'
import { SnapshotFile } from './snapshot/sqlite-file.js'
import { restoreState, snapshotState } from './snapshot/state-snapshot.js'
import { createState } from './state.js'
import type { EmulatorState } from './state.js'
import { WechatError, errmsgFor, errorEnvelope } from './wechat-error.js'

/** What `createEmulator` takes. */
export interface EmulatorOptions {
  /** The Official Accounts the platform knows; token calls need their `secret`. */
  readonly accounts: readonly AccountConfig[]
  /** Drives token lifetimes and quota days; defaults to the system clock. */
  readonly clock?: Clock
  /** Seeds tokens, rids and demo fans, for reproducible runs; random when omitted. */
  readonly seed?: number
  /**
   * Where every account's pushes go, overriding each account's `pushUrl`; without either,
   * `http://127.0.0.1:8080/wx`.
   */
  readonly pushUrl?: string
  /** The fetch the push engine POSTs with; the global `fetch` by default. */
  readonly fetch?: FetchLike
  /**
   * Deliver job-finished events (outbox) when they fall due on the clock. Default: yes on real
   * time (the system clock, an AdjustableClock); no on a VirtualClock, so a test keeps its outbox
   * (and sends no stray POSTs) until it opts in.
   */
  readonly deliverJobEvents?: boolean
  /**
   * API IP whitelists by AppID (§5.1): only these addresses (or IPv4 CIDR ranges) may fetch that
   * account's access_token; others get 40164. None by default.
   */
  readonly ipWhitelist?: Readonly<Record<string, readonly string[]>>
  /**
   * A SQLite file the state persists in (README, "Persistence"): the emulator starts from the
   * snapshot saved there, if any (else it saves a first one at once), saves again after changes
   * (at most one save per `snapshotSaveDelayMs`, on the clock) and on `close()`. The file's
   * random-stream positions win over `seed`. Off by default: the state lives in memory only.
   */
  readonly snapshotFile?: string
  /** Time from a change to its save, ms on the clock (default 1000). */
  readonly snapshotSaveDelayMs?: number
  /** Told about a timed save that failed (default: a line on stderr); `close()` throws instead. */
  readonly onSnapshotError?: (error: unknown) => void
  /** A snapshot to start from without a file (e.g. `loadSnapshot`'s); not with `snapshotFile`. */
  readonly restore?: EmulatorSnapshot
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
  /** The client's address (the socket's); in-process calls count as 127.0.0.1. */
  readonly remoteAddress?: string
}

/** The emulator's answer: JSON text, or a downloaded file's bytes (a `Buffer`). */
export interface EmulatorResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: Buffer | string
  /** A planned fault: close the connection without answering (`fetch` rejects like a network error). */
  readonly drop?: boolean
}

const DROPPED: EmulatorResponse = Object.freeze({ status: 0, headers: {}, body: '', drop: true })

/** Waits `ms` on `clock` (a VirtualClock test moves through it with `advanceAsync`). */
function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms))
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
  /** Pushes fans' messages and events, and due job-finished events, to the webhooks. */
  readonly push: PushEngine
  /**
   * The state as plain data (`EmulatorSnapshot`), as a snapshot file keeps it. It shares objects
   * with the live state: save it or restore from it before the emulator changes further.
   */
  snapshot(): EmulatorSnapshot
  /** The snapshot file, when `snapshotFile` was given: what was restored, `save()`, counters. */
  readonly persistence: SnapshotPersistence | undefined
  /**
   * Stops the push engine's timers (deliveries in flight finish) and, with a snapshot file, saves
   * a last time and closes it (throws a `SnapshotError` if that save fails).
   */
  close(): void
}

// WeChat's JSON answers carry this content type (observed; `encoding`, not `charset`).
const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json; encoding=utf-8' })

/** Creates an emulated platform over `accounts`, in memory. */
export function createEmulator(options: EmulatorOptions): Emulator {
  const clock = options.clock ?? systemClock
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32)
  if (options.restore !== undefined && options.snapshotFile !== undefined)
    throw new TypeError('createEmulator: give either restore or snapshotFile, not both')
  // Opened first: a corrupt or newer file stops the start before anything is built.
  const target =
    options.snapshotFile === undefined ? undefined : new SnapshotFile(options.snapshotFile)
  let built: Built
  try {
    built = build(options, clock, seed, options.restore ?? target?.read())
  } catch (error) {
    target?.close()
    throw error
  }
  const { state, streams, push, restored } = built
  const random = streams.main
  const calls = new Map<string, number>()

  const snapshot = (): EmulatorSnapshot => ({
    version: SNAPSHOT_VERSION,
    savedAt: clock.now(),
    accounts: [...state.accounts.keys()],
    ...(clock instanceof AdjustableClock ? { clockOffset: clock.offset } : {}),
    random: Object.fromEntries(STREAM_NAMES.map((name) => [name, streams[name].state()])) as Record<
      StreamName,
      number
    >,
    push: push.snapshot(),
    state: snapshotState(state),
  })
  const saver =
    target &&
    new SnapshotSaver({
      target,
      clock,
      delayMs: options.snapshotSaveDelayMs ?? SNAPSHOT_SAVE_DELAY_MS,
      restored,
      take: snapshot,
      onError:
        options.onSnapshotError ??
        ((error) =>
          console.error(
            `wxmp emulator: ${error instanceof Error ? error.message : String(error)}`,
          )),
    })
  if (saver) {
    // Delivered job events leave the outbox: saved, so a restart does not send them again.
    state.outbox.onTake(() => saver.changed())
    try {
      // A new file gets its first snapshot now, so a path that cannot be written fails at start.
      if (restored === undefined) saver.save()
    } catch (error) {
      push.close()
      target?.close()
      throw error
    }
  }

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

  // Every request may change the state (even a read charges the quota), so each schedules a save.
  const handle = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    try {
      return await answerRequest(request)
    } finally {
      saver?.changed()
    }
  }

  const answerRequest = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    const path = request.path.split(/[?#]/, 1)[0] ?? request.path
    // The inspection API lives beside WeChat's paths, under a prefix WeChat never uses; it is
    // not counted as a WeChat call.
    if (path.startsWith(INSPECTION_PREFIX)) return handleInspection(request, path, { emulator })
    calls.set(path, (calls.get(path) ?? 0) + 1)
    const fault = state.faults.take(path)
    if (fault) {
      if (fault.delayMs !== undefined) await sleep(clock, fault.delayMs)
      if (fault.drop === true) return DROPPED
      if (fault.errcode !== undefined)
        return answer(errorEnvelope(fault.errcode, fault.errmsg ?? errmsgFor(fault.errcode), rid()))
    }
    try {
      const result = dispatch(state, request, path)
      if (result instanceof HttpAnswer) return result
      return isDownload(result) ? download(result) : answer(result)
    } catch (error) {
      if (error instanceof HttpAnswer) return error
      if (error instanceof WechatError)
        return answer(errorEnvelope(error.errcode, error.message, rid()))
      // A bug in a handler must not look like a protocol answer a client could act on.
      const detail = error instanceof Error ? error.message : String(error)
      return answer(
        errorEnvelope(ERRCODE.SYSTEM_BUSY, `system error (wxmp emulator: ${detail})`, rid()),
      )
    }
  }

  const emulator: Emulator = {
    state,
    fans: state.fans,
    push,
    snapshot,
    persistence: saver,
    close: () => {
      push.close()
      saver?.close()
    },
    handle,
    fetch: async (request) => {
      const response = await handle(await fromRequest(request))
      if (response.drop === true)
        throw new TypeError('fetch failed', {
          cause: new Error('wxmp emulator: connection dropped (planned fault)'),
        })
      return toResponse(response)
    },
    stats,
  }
  return emulator
}

/** What `build` makes: the state, its streams and the push engine, restored if asked. */
interface Built {
  readonly state: EmulatorState
  readonly streams: Readonly<Record<StreamName, SeededRandom>>
  readonly push: PushEngine
  readonly restored: RestoreReport | undefined
}

/**
 * The state and push engine, from `from` when given: the streams go on from its positions, its
 * accounts that are still configured get their saved state, the others are dropped; configured
 * accounts it did not know start fresh. A snapshot that fails to load stops the start.
 */
function build(
  options: EmulatorOptions,
  clock: Clock,
  seed: number,
  from: EmulatorSnapshot | undefined,
): Built {
  // One stream per concern, each derived from the seed by a fixed constant (any would do), so
  // drawing in one never shifts another. `push` is the engine's own (MsgIds, nonces), so pushing
  // never shifts the seeded tokens.
  const streams: Record<StreamName, SeededRandom> = {
    main: seededRandom(seed),
    fans: seededRandom(seed ^ 0x5eedfa45),
    media: seededRandom(seed ^ 0x3ed1a000),
    messages: seededRandom(seed ^ 0x7e3a11e5),
    qr: seededRandom(seed ^ 0x0c0de5ca),
    oauth: seededRandom(seed ^ 0x0a7b0a7b),
    push: seededRandom(seed ^ 0x9054e1f0),
  }
  const configured = new Set(options.accounts.map((account) => account.appid.toLowerCase()))
  const known = new Set(from?.accounts.map((appid) => appid.toLowerCase()))
  try {
    if (from !== undefined) {
      if (from.version !== SNAPSHOT_VERSION)
        throw new SnapshotError(
          `snapshot format version ${from.version} is not this wxmp's (${SNAPSHOT_VERSION})`,
        )
      for (const name of STREAM_NAMES) streams[name].restore(from.random[name])
      // The offset `/__emulator/clock` moved the server's time by; a VirtualClock is the test's.
      if (clock instanceof AdjustableClock && from.clockOffset !== undefined)
        clock.advance(Math.max(0, from.clockOffset - clock.offset))
    }
    const state = createState(
      options.accounts,
      clock,
      streams,
      (appid) => !known.has(appid.toLowerCase()),
    )
    if (from !== undefined)
      restoreState(state, from.state, (appid) => configured.has(appid.toLowerCase()))
    // Whitelists come from the options at every start (they are configuration, not state).
    for (const [appid, entries] of Object.entries(options.ipWhitelist ?? {}))
      state.ipWhitelists.set(appid, entries)
    const push = new PushEngine({
      state,
      random: streams.push,
      pushUrl: options.pushUrl,
      fetch: options.fetch,
      // [inferred] A test with its own clock keeps its outbox unless it asks for delivery.
      deliverJobEvents: options.deliverJobEvents ?? !(clock instanceof VirtualClock),
    })
    if (from !== undefined) {
      try {
        push.restore(from.push)
      } catch (error) {
        push.close()
        throw error
      }
    }
    const restored =
      from === undefined
        ? undefined
        : {
            savedAt: from.savedAt,
            droppedAccounts: [...known].filter((appid) => !configured.has(appid)),
            newAccounts: [...configured].filter((appid) => !known.has(appid)),
          }
    return { state, streams, push, restored }
  } catch (error) {
    if (error instanceof SnapshotError) throw error
    throw new SnapshotError(
      `cannot restore the emulator snapshot: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
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
  // Every id has a handler (AllHandlers); the cast only drops the per-id types.
  const handler = HANDLERS[entry.id as EndpointId] as unknown as UntypedHandler

  const query = Object.fromEntries(new URLSearchParams(request.query))
  const ctx: HandlerContext = {
    state,
    entry,
    appid: authenticate(state, entry, query),
    clientIp: callerAddress(request.remoteAddress),
  }
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
  const result = handler.run(wire, ctx)
  if (responseKind(entry.response) === 'redirect' && !(result instanceof HttpAnswer))
    return redirectWith(query.redirect_uri ?? '', result as Record<string, unknown>)
  return result
}

/**
 * A redirect endpoint's answer (the OAuth consent page): `302` to the caller's `redirect_uri` with
 * the handler's params added to its query (see `redirectTarget`), the params left undefined
 * omitted. The handler has already refused a `redirect_uri` that is not http(s).
 */
function redirectWith(redirectUri: string, params: Record<string, unknown>): HttpAnswer {
  return HttpAnswer.redirect(redirectTarget(redirectUri, params))
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

// WeChat's host names (spec's HOST_NAMES), the other way round.
const HOSTS_BY_NAME: ReadonlyMap<string, Host> = new Map(
  (Object.entries(HOST_NAMES) as [Host, string][]).map(([host, name]) => [name, host]),
)

/**
 * The WeChat host a request addressed: its own host name when it is one of WeChat's, else the
 * `x-wxmp-host` header (`api`/`mp`/`open`, for requests to a loopback server), else `api`.
 */
export function hostOf(hostname: string, header: string | undefined): Host {
  const byName = HOSTS_BY_NAME.get(hostname.toLowerCase())
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
