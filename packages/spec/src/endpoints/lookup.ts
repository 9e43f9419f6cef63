/**
 * Lookups over the table: by id, by route (for the emulator and the proxy), and allow-list
 * patterns (`*`, `menu.*`, `menu.create`) for the proxy.
 */
import type { Endpoint, Host, HttpMethod } from './define.js'
import { allEndpoints, endpoints } from './table.js'
import type { EndpointId, EndpointOf } from './table.js'

/** The host name of each `Host`. */
export const HOST_NAMES: Readonly<Record<Host, string>> = Object.freeze({
  api: 'api.weixin.qq.com',
  mp: 'mp.weixin.qq.com',
  open: 'open.weixin.qq.com',
})

/** The full URL of an entry's doc page. */
export function docUrl(entry: Pick<Endpoint, 'doc'>): string {
  return entry.doc.startsWith('/')
    ? `https://developers.weixin.qq.com${entry.doc}`
    : `https://developers.weixin.qq.com/doc/offiaccount/${entry.doc}.html`
}

/** Whether `id` names an endpoint of the table. */
export function isEndpointId(id: string): id is EndpointId {
  return Object.hasOwn(endpoints, id)
}

/** The entry of an id; `undefined` for an unknown id. */
export function endpointById<Id extends EndpointId>(id: Id): EndpointOf<Id>
export function endpointById(id: string): Endpoint | undefined
export function endpointById(id: string): Endpoint | undefined {
  return isEndpointId(id) ? endpoints[id] : undefined
}

const routeKey = (host: Host, method: string, path: string): string => `${host} ${method} ${path}`

const byRoute: ReadonlyMap<string, Endpoint> = new Map(
  allEndpoints.flatMap((entry) =>
    [entry.method, ...(entry.alsoAccepts ?? [])].map((method): [string, Endpoint] => [
      routeKey(entry.host, method, entry.path),
      entry,
    ]),
  ),
)

/**
 * The entry serving a request, or `undefined`. `path` may carry a query string (ignored);
 * `method` is case-insensitive; `host` defaults to `api`. Verbs listed in `alsoAccepts` match too
 * (`GET /cgi-bin/message/mass/speed/get`).
 */
export function matchEndpoint(
  method: HttpMethod | (string & {}),
  path: string,
  host: Host = 'api',
): Endpoint | undefined {
  const bare = path.split(/[?#]/, 1)[0] ?? path
  return byRoute.get(routeKey(host, method.toUpperCase(), bare))
}

/**
 * Whether an allow-list pattern admits an endpoint: `*` admits every id, `menu.*` every id of the
 * scope, anything else only that exact id. A list admits what any of its patterns admits. Note
 * that `*` admits the token endpoints too; a proxy should also look at `auth`.
 */
export function matchesAllow(id: string, pattern: string | readonly string[]): boolean {
  if (typeof pattern !== 'string') return pattern.some((p) => matchesAllow(id, p))
  if (pattern === '*') return true
  if (pattern.endsWith('.*')) return id.startsWith(pattern.slice(0, -1))
  return id === pattern
}
