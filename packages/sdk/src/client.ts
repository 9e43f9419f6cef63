/**
 * `createClient`: a typed client for one account, its methods built by a loop over the endpoint
 * table, plus `request()` for routes the table does not know yet.
 */
import { WxConfigError, systemClock } from '@wxmp/core'
import { allEndpoints, endpointById, matchEndpoint, responseKind } from '@wxmp/spec'
import type { DownloadedFile, EndpointId, EndpointOf, Host, ResponseOf, Route } from '@wxmp/spec'
import type { BinaryOrJsonResponse, BinaryResponse } from '@wxmp/spec'
import type { ClientArgs, EndpointMethods } from './client-types.js'
import type { StreamedFile } from './internal/decode.js'
import { execute } from './internal/execute.js'
import type { Transport } from './internal/execute.js'
import { prepareCall, toQueryStrings } from './internal/prepare.js'
import type { Account, PreparedCall } from './internal/prepare.js'
import type { CallOptions, ClientOptions } from './options.js'
import { Failover } from './internal/failover.js'
import { directTokenSource } from './token/direct.js'

/** Default per-attempt timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000

/** Default backoff: 3 attempts, 250 ms then 500 ms. */
export const DEFAULT_RETRY = Object.freeze({ attempts: 3, baseDelayMs: 250, maxDelayMs: 2000 })

/** Parameters of `client.request` for a route. */
export interface RawRequest {
  /** Query parameters (the access_token is added by the client). */
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>
  /** The JSON body (or, for an upload the table knows, its fields and files). */
  readonly body?: unknown
  /** Which WeChat host serves the route; default `api`. */
  readonly host?: Host
}

/** The endpoints whose answer is a file: what `client.download` takes. */
export type DownloadId = {
  [Id in EndpointId]: EndpointOf<Id>['response'] extends BinaryResponse | BinaryOrJsonResponse
    ? Id
    : never
}[EndpointId]

/** A client for one account. */
export type Client = EndpointMethods & {
  /** The AppID this client serves. */
  readonly appid: string
  /**
   * Calls any route with the client's auth, errors and retries. A route of the table is
   * validated and treated as that endpoint; any other is sent as given, with the access_token,
   * treated as not idempotent (never repeated after a transient failure), and answered with its
   * JSON (or a `DownloadedFile` when the answer is not JSON).
   *
   * @example
   * await client.request('POST /cgi-bin/user/info/updateremark', { body: { openid, remark } })
   */
  request<T = unknown>(route: Route, params?: RawRequest, options?: CallOptions): Promise<T>
  /**
   * Calls a download endpoint (`media.get`, `material.get`, `qrcode.show`, …) and resolves once the
   * answer starts, with the file's bytes as a stream instead of in memory. Errors are the same as
   * the typed method's; a JSON success (a video's `{video_url}`, news material) resolves to it.
   * The timeout covers the wait for the answer to start, not the reading.
   *
   * @example
   * const file = await client.download('media.get', { media_id })
   * await pipeline(Readable.fromWeb(file.body), createWriteStream(file.filename ?? 'media'))
   */
  download<Id extends DownloadId>(
    id: Id,
    ...args: [...ClientArgs<Id>, options?: CallOptions]
  ): Promise<StreamedFile | Exclude<ResponseOf<Id>, DownloadedFile>>
}

const RESERVED = new Set(['appid', 'request', 'download'])

/**
 * Creates a client for one account. Give it `secret` (tokens are then fetched in-process with
 * `stable_token`), a shared `tokenSource`, or `proxy`.
 *
 * @example
 * const client = createClient({ appid: 'wx…', secret: process.env.WX_SECRET })
 * await client.menu.create({ button: [{ type: 'click', name: '今日歌曲', key: 'V1001' }] })
 */
export function createClient(options: ClientOptions): Client {
  if (typeof options.appid !== 'string' || options.appid === '')
    throw new WxConfigError('createClient: `appid` is required', 'appid')
  const clock = options.clock ?? systemClock
  const fetch = options.fetch ?? ((request: Request) => globalThis.fetch(request))
  const tokenSource =
    options.tokenSource ??
    (options.proxy === undefined && options.secret !== undefined
      ? directTokenSource({
          accounts: { [options.appid]: options.secret },
          fetch,
          clock,
          apiBase: options.apiBase,
          timeoutMs: options.timeoutMs,
          onCall: options.onCall,
        })
      : undefined)
  if (tokenSource === undefined && options.proxy === undefined)
    throw new WxConfigError(
      'createClient: give `secret`, a `tokenSource` or a `proxy`, so calls can be authorised',
      'tokenSource',
    )
  const transport: Transport = {
    appid: options.appid,
    fetch,
    clock,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    apiBase: options.apiBase,
    proxy: options.proxy,
    proxyPool: options.proxy === undefined ? undefined : new Failover(options.proxy.baseUrl),
    tokenSource,
    validateResponses: options.validateResponses ?? false,
    onCall: options.onCall,
  }
  const account: Account = { appid: options.appid, secret: options.secret }

  const scopes: Record<string, Record<string, unknown>> = {}
  for (const entry of allEndpoints) {
    if (RESERVED.has(entry.scope)) throw new Error(`scope name ${entry.scope} clashes with Client`)
    const scope = (scopes[entry.scope] ??= {})
    scope[entry.name] = async (request?: unknown, callOptions?: CallOptions) =>
      execute(transport, await prepareCall(entry, request, account), callOptions)
  }
  for (const scope of Object.values(scopes)) Object.freeze(scope)

  const request = async (route: Route, params: RawRequest = {}, callOptions?: CallOptions) => {
    const space = route.indexOf(' ')
    const method = route.slice(0, space).toUpperCase()
    const path = route.slice(space + 1)
    const entry = matchEndpoint(method, path, params.host ?? 'api')
    const prepared = entry
      ? await prepareCall(entry, mergeParams(params), account)
      : rawCall(route, method, path, params)
    return execute(transport, prepared, callOptions)
  }

  const download = async (id: string, request?: unknown, callOptions?: CallOptions) => {
    const entry = endpointById(id)
    const kind = entry === undefined ? undefined : responseKind(entry.response)
    if (entry === undefined || (kind !== 'binary' && kind !== 'binaryOrJson'))
      throw new WxConfigError(`client.download: ${id} is not a download endpoint`, 'id')
    return execute(transport, await prepareCall(entry, request, account), callOptions, true)
  }

  // The typed surface is built from the same table at the type level; the loop above builds it
  // at run time, so the cast only joins the two.
  return Object.freeze({
    ...scopes,
    appid: options.appid,
    request,
    download,
  }) as unknown as Client
}

function mergeParams(params: RawRequest): unknown {
  const body = typeof params.body === 'object' && params.body !== null ? params.body : {}
  return { ...params.query, ...body }
}

function rawCall(route: string, method: string, path: string, params: RawRequest): PreparedCall {
  if (method !== 'GET' && method !== 'POST')
    throw new WxConfigError(`client.request: unsupported verb in ${route}`, 'route')
  if (!path.startsWith('/'))
    throw new WxConfigError(`client.request: bad path in ${route}`, 'route')
  return {
    id: route,
    entry: undefined,
    method,
    host: params.host ?? 'api',
    path,
    auth: 'accessToken',
    idempotent: false,
    query: toQueryStrings(params.query),
    body: params.body === undefined ? { kind: 'none' } : { kind: 'json', value: params.body },
    response: undefined,
  }
}
