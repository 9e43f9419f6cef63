/**
 * How an API endpoint is declared: `endpoint('POST /cgi-bin/menu/create', {...})` for one entry,
 * `defineScope('menu', {...})` to name a group of them `menu.<method>`. Entries are plain frozen
 * data; everything else (the SDK's methods, the emulator's handler map, the proxy's allow-list,
 * `docs/api.md`) is derived from them.
 */
import type { z } from 'zod'
import type { Multipart } from './multipart.js'
import type { ResponseSpec } from './responses.js'

/** The HTTP verbs the Official Account API uses. */
export type HttpMethod = 'GET' | 'POST'

/** `"VERB /path"`, octokit style. The path never carries a query string. */
export type Route = `${HttpMethod} /${string}`

/**
 * Which WeChat host serves the route: `api` = api.weixin.qq.com (almost everything), `mp` =
 * mp.weixin.qq.com (the QR image), `open` = open.weixin.qq.com (the OAuth consent page).
 */
export type Host = 'api' | 'mp' | 'open'

/**
 * The credential a call carries:
 * - `accessToken`: the account's `access_token` in the query, added by the caller's token hook;
 *   it is never part of the query schema.
 * - `appSecret`: the AppSecret itself (`secret`, with `appid`), in the query or body as the schema
 *   says; the client fills both from its configuration, and a proxy must never forward them.
 * - `webToken`: a user's OAuth2 access_token (`sns/userinfo`, `sns/auth`); the caller passes it,
 *   so it is part of the query schema.
 * - `none`: nothing secret.
 */
export type AuthKind = 'accessToken' | 'appSecret' | 'webToken' | 'none'

/** A request body: a zod schema for JSON, or a `multipart(...)` descriptor for uploads. */
export type BodySpec = z.ZodType | Multipart

/** WeChat's published call limits for an endpoint (§7.2), for the proxy's quota ledger. */
export interface Quota {
  /** Calls per day for a new account (larger accounts get more; the console shows the real value). */
  readonly perDay?: number
  /** Calls per month (clear_quota). */
  readonly perMonth?: number
  /** Calls per minute. */
  readonly perMinute?: number
  /** Calls per day on a sandbox test account, where the reference gives it. */
  readonly testAccountPerDay?: number
}

/** What an `endpoint(...)` call declares. */
export interface EndpointDefinition {
  /** The Chinese title of WeChat's doc page, e.g. `创建自定义菜单`. */
  readonly title: string
  /**
   * The doc page: a path under `https://developers.weixin.qq.com/doc/offiaccount/` (no `.html`),
   * or an absolute path (starting with `/`) under `https://developers.weixin.qq.com`.
   */
  readonly doc: string
  /**
   * Whether repeating the call has the same effect as making it once. Reads, deletes, updates and
   * setters are; creates, sends, submits and uploads are not. The SDK retries transient failures
   * only when this is true, so a template or customer-service send is never sent twice. Required,
   * not defaulted: forgetting it must be a compile error, not a duplicate message.
   */
  readonly idempotent: boolean
  /** The success response: a zod schema for JSON, or a `binary` / `binaryOrJson` / `redirect` descriptor. */
  readonly response: ResponseSpec
  /** Defaults to `api`. */
  readonly host?: Host
  /** Defaults to `accessToken`. */
  readonly auth?: AuthKind
  /** Query parameters other than the account's `access_token`. Values are strings on the wire. */
  readonly query?: z.ZodObject
  /** The request body. */
  readonly body?: BodySpec
  /** Endpoint-specific errcodes WeChat documents (numbers from `@wxmp/core`'s `ERRCODE`). */
  readonly errcodes?: readonly number[]
  /** Published call limits. */
  readonly quota?: Quota
  /** The protocol reference section the facts come from, e.g. `§6.1`. */
  readonly ref?: string
  /** Set when the protocol reference does not cover the endpoint: where its shape came from. */
  readonly unverified?: { readonly source: string }
  /** Other verbs clients are known to use for the same route; the route lookup accepts them too. */
  readonly alsoAccepts?: readonly HttpMethod[]
  /** Set when WeChat has superseded the endpoint: what to use instead. */
  readonly deprecated?: string
}

/** What every entry carries once declared, before and after its scope names it. */
export interface EndpointBase extends EndpointDefinition {
  readonly route: Route
  readonly method: HttpMethod
  /** The path part of the route, e.g. `/cgi-bin/menu/create`. */
  readonly path: string
  readonly host: Host
  readonly auth: AuthKind
  readonly errcodes: readonly number[]
}

/** One entry of the table: an `EndpointBase` with its id. */
export interface Endpoint extends EndpointBase {
  /** `scope.method`, e.g. `menu.create`. */
  readonly id: string
  /** The scope (WeChat doc section), e.g. `menu`. */
  readonly scope: string
  /** The method name inside the scope, e.g. `create`. */
  readonly name: string
}

type MethodOf<R extends Route> = R extends `${infer M extends HttpMethod} /${string}` ? M : never
type PathOf<R extends Route> = R extends `${HttpMethod} ${infer P}` ? P : never

/** The type `endpoint(route, definition)` returns: the definition's own types, route split, defaults applied. */
export type EndpointSpec<R extends Route, D extends EndpointDefinition> = D & {
  readonly route: R
  readonly method: MethodOf<R>
  readonly path: PathOf<R>
  readonly host: D extends { readonly host: infer H extends Host } ? H : 'api'
  readonly auth: D extends { readonly auth: infer A extends AuthKind } ? A : 'accessToken'
  readonly errcodes: readonly number[]
}

/**
 * Declares one endpoint. Schemas keep their own types, so request and response types are inferred
 * from them and never written twice.
 *
 * @example
 * endpoint('GET /cgi-bin/menu/delete', {
 *   title: '删除自定义菜单', doc: 'Custom_Menus/Deleting_Custom-Defined_Menu', idempotent: true, response: ok,
 * })
 */
export function endpoint<const R extends Route, const D extends EndpointDefinition>(
  route: R,
  definition: D,
): EndpointSpec<R, D> {
  const space = route.indexOf(' ')
  const entry = {
    host: 'api',
    auth: 'accessToken',
    errcodes: [],
    ...definition,
    route,
    method: route.slice(0, space),
    path: route.slice(space + 1),
  }
  // The literal types are computed by EndpointSpec; at run time the object is exactly that shape.
  return Object.freeze(entry) as unknown as EndpointSpec<R, D>
}

/** A scope's entries keyed by full id, each with its `id`, `scope` and `name`. */
export type Scoped<S extends string, T> = {
  readonly [K in keyof T & string as `${S}.${K}`]: T[K] & {
    readonly id: `${S}.${K}`
    readonly scope: S
    readonly name: K
  }
}

/**
 * Names a group of endpoints after a WeChat doc section: `defineScope('menu', { create })` gives
 * the entry `menu.create`. The result is keyed by full id, so scopes spread into one table.
 */
export function defineScope<const S extends string, T extends Record<string, EndpointBase>>(
  scope: S,
  entries: T,
): Scoped<S, T> {
  const named = Object.entries(entries).map(([name, entry]) => {
    const id = `${scope}.${name}`
    return [id, Object.freeze({ ...entry, id, scope, name })] as const
  })
  // Object.fromEntries cannot express the template-literal keys; Scoped<S, T> is what it builds.
  return Object.freeze(Object.fromEntries(named)) as unknown as Scoped<S, T>
}
