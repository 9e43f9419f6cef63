/** Base URLs: WeChat's hosts by default, one override for all, a map per host, or the proxy. */
import { HOST_NAMES } from '@wxmp/spec'
import type { Host } from '@wxmp/spec'
import type { ApiBase } from '../options.js'

/** Where a host's requests go, and whether they must name the host in `x-wxmp-host`. */
export interface Target {
  readonly base: string
  readonly hostHeader: boolean
}

/** Resolves the base URL of `host`. */
export function targetOf(host: Host, apiBase: ApiBase | undefined): Target {
  const wechat = `https://${HOST_NAMES[host]}`
  if (apiBase === undefined) return { base: wechat, hostHeader: false }
  // One base for every host (the emulator, the proxy): non-api hosts say which they mean.
  if (typeof apiBase === 'string') return { base: apiBase, hostHeader: host !== 'api' }
  const own = apiBase[host]
  return own === undefined ? { base: wechat, hostHeader: false } : { base: own, hostHeader: false }
}

/** `base` + `path` + query, keeping any path prefix of `base` (`http://proxy/wx` + `/cgi-bin/…`). */
export function urlOf(base: string, path: string, query: Readonly<Record<string, string>>): URL {
  const url = new URL(base.replace(/\/+$/, '') + path)
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value)
  return url
}
