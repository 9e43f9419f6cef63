/**
 * One token request, to learn whether WeChat lets this machine in. It asks `stable_token` in
 * normal mode, which hands back the token already issued: a classic `/cgi-bin/token` call would
 * mint a new one and cut short the token a running service holds.
 */
import { endpointById } from '@wxmp/spec'
import { errorCode } from './probe.js'
import type { FetchLike } from './probe.js'

/** What the token endpoint answered. The token itself is dropped at once. */
export type TokenAnswer =
  | { readonly kind: 'token' }
  | { readonly kind: 'error'; readonly errcode: number; readonly errmsg: string }
  | { readonly kind: 'network'; readonly error: string }

/** Options of `fetchTokenOnce`. */
export interface FetchTokenOptions {
  readonly fetch?: FetchLike
  readonly timeoutMs: number
}

/** POSTs `/cgi-bin/stable_token` (force_refresh false) for one account. */
export async function fetchTokenOnce(
  apiBase: string,
  credentials: { readonly appid: string; readonly secret: string },
  options: FetchTokenOptions,
): Promise<TokenAnswer> {
  const doFetch = options.fetch ?? fetch
  try {
    const { method, path } = endpointById('token.stable')
    const response = await doFetch(`${apiBase.replace(/\/+$/, '')}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credential',
        appid: credentials.appid,
        secret: credentials.secret,
        force_refresh: false,
      }),
      signal: AbortSignal.timeout(options.timeoutMs),
    })
    const body = (await response.json().catch(() => undefined)) as
      { access_token?: unknown; errcode?: unknown; errmsg?: unknown } | undefined
    if (typeof body?.access_token === 'string') return { kind: 'token' }
    if (typeof body?.errcode === 'number' && body.errcode !== 0)
      return {
        kind: 'error',
        errcode: body.errcode,
        errmsg: typeof body.errmsg === 'string' ? body.errmsg : '',
      }
    return { kind: 'network', error: `HTTP ${response.status} without a token or an errcode` }
  } catch (error) {
    return { kind: 'network', error: errorCode(error) }
  }
}
