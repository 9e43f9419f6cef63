/**
 * OAuth2 web authorization (网页授权, §6.11): the consent-page URL exactly as WeChat wants it, a
 * code exchange that survives a browser re-sending the callback, and `sns/userinfo`.
 */
import { WxRequestError, systemClock } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import type { ResponseOf } from '@wxmp/spec'
import type { Client } from '../client.js'

/** WeChat's consent page (§0). */
export const OAUTH_AUTHORIZE_URL = 'https://open.weixin.qq.com/connect/oauth2/authorize'

/** A code lives 5 minutes (§6.11); a repeat after that is WeChat's to refuse. */
export const OAUTH_CODE_TTL_MS = 5 * 60_000

/** How many exchanged codes the default cache keeps. */
export const DEFAULT_CODE_CACHE_SIZE = 1000

/** The two scopes of §6.11. */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo'

/** What {@link authorizeUrl} takes. */
export interface AuthorizeUrlOptions {
  /** The account's AppID. */
  readonly appid: string
  /** Where WeChat sends the browser back, on the account's web-auth domain. */
  readonly redirectUri: string
  /** `snsapi_base` (silent, OpenID only) or `snsapi_userinfo` (consent page, profile). */
  readonly scope: OAuthScope
  /** Comes back unchanged on the redirect: up to 128 letters and digits. Default empty. */
  readonly state?: string
  /** Adds `forcePopup=true`: the consent page is shown even when it could be skipped. */
  readonly forcePopup?: boolean
  /** The consent page's address; WeChat's by default (an emulator's for local testing). */
  readonly base?: string
}

const STATE = /^[A-Za-z0-9]{0,128}$/

/**
 * The consent-page URL of §6.11: `appid`, `redirect_uri` (URL-encoded), `response_type=code`,
 * `scope`, `state` and optional `forcePopup`, in that order, ending in `#wechat_redirect`. Throws
 * a `WxRequestError` (endpoint `oauth.authorize`) for a bad scope, state or redirect URI.
 *
 * @example
 * res.redirect(authorizeUrl({ appid, redirectUri: 'https://shop.example/cb', scope: 'snsapi_base', state: 'cart' }))
 */
export function authorizeUrl(options: AuthorizeUrlOptions): string {
  const state = options.state ?? ''
  const issues: string[] = []
  if (typeof options.appid !== 'string' || options.appid === '') issues.push('appid: required')
  if (!isWebAddress(options.redirectUri))
    issues.push('redirectUri: must be an absolute http(s) URL')
  if (options.scope !== 'snsapi_base' && options.scope !== 'snsapi_userinfo')
    issues.push(`scope: ${JSON.stringify(options.scope)} is not snsapi_base or snsapi_userinfo`)
  if (typeof state !== 'string' || !STATE.test(state))
    issues.push('state: at most 128 letters and digits')
  const first = issues[0]
  if (first !== undefined)
    throw new WxRequestError('oauth.authorize', first.slice(0, first.indexOf(':')), issues)
  // Built by hand, not with URLSearchParams: WeChat checks the parameter order, and encodes
  // the redirect URI with encodeURIComponent (spaces as %20, not +).
  const query =
    `appid=${encodeURIComponent(options.appid)}` +
    `&redirect_uri=${encodeURIComponent(options.redirectUri)}` +
    `&response_type=code&scope=${options.scope}&state=${state}` +
    (options.forcePopup ? '&forcePopup=true' : '')
  return `${options.base ?? OAUTH_AUTHORIZE_URL}?${query}#wechat_redirect`
}

/** The answer of a code exchange: the user's web access_token, OpenID and scope. */
export type WebAccessToken = ResponseOf<'oauth.accessToken'>

/** Remembers exchanged codes for a while, so a repeated callback gets the first answer. */
export interface CodeExchangeCache {
  /** The exchange of `code` for `appid`, started by `exchange` unless one is cached. */
  run(appid: string, code: string, exchange: () => Promise<WebAccessToken>): Promise<WebAccessToken>
  /** True when the cache holds (or is running) the exchange of `code` for `appid`. */
  has(appid: string, code: string): boolean
}

/** Options of {@link codeExchangeCache}. */
export interface CodeExchangeCacheOptions {
  /** Times the entries; `systemClock` by default. */
  readonly clock?: Clock
  /** How long an exchanged code is remembered. Default 5 minutes, a code's life. */
  readonly ttlMs?: number
  /** Entries kept at most; the oldest goes first. Default 1000. */
  readonly maxEntries?: number
}

/**
 * An in-memory cache of code exchanges: a code seen again within `ttlMs` answers the first
 * exchange (the same promise while it is still running), a failed exchange is forgotten at once.
 */
export function codeExchangeCache(options: CodeExchangeCacheOptions = {}): CodeExchangeCache {
  const clock = options.clock ?? systemClock
  const ttlMs = options.ttlMs ?? OAUTH_CODE_TTL_MS
  const max = options.maxEntries ?? DEFAULT_CODE_CACHE_SIZE
  // Insertion order is age order, so the first entries are the ones to expire or evict.
  const entries = new Map<string, { at: number; result: Promise<WebAccessToken> }>()
  const keyOf = (appid: string, code: string) => `${appid.toLowerCase()} ${code}`
  const prune = (now: number) => {
    for (const [key, entry] of entries) {
      if (now - entry.at < ttlMs && entries.size <= max) break
      entries.delete(key)
    }
  }
  const live = (key: string) => {
    prune(clock.now())
    return entries.get(key)
  }
  return {
    has: (appid, code) => live(keyOf(appid, code)) !== undefined,
    run(appid, code, exchange) {
      const key = keyOf(appid, code)
      const cached = live(key)
      if (cached) return cached.result
      const result = exchange()
      const entry = { at: clock.now(), result }
      entries.set(key, entry)
      prune(entry.at)
      // Only successes are worth repeating: an error must reach the next caller from WeChat.
      result.catch(() => {
        if (entries.get(key) === entry) entries.delete(key)
      })
      return result
    },
  }
}

const defaultCaches = new WeakMap<Client, CodeExchangeCache>()

/** Options of {@link exchangeCode}. */
export interface ExchangeCodeOptions {
  /** Where exchanged codes are remembered; by default one cache per client, on the system clock. */
  readonly cache?: CodeExchangeCache
}

/**
 * Exchanges the `code` of an OAuth callback for the user's web access_token
 * (`sns/oauth2/access_token`). A browser that re-sends the callback brings the same code, which
 * WeChat refuses with 40163 (code already used): a code exchanged here before, within its 5
 * minutes, answers the first result instead. A 40163 for a code this cache never exchanged is
 * thrown as WeChat answered it.
 *
 * @example
 * const { openid, access_token } = await exchangeCode(client, req.query.code)
 */
export async function exchangeCode(
  client: Client,
  code: string,
  options: ExchangeCodeOptions = {},
): Promise<WebAccessToken> {
  const cache = options.cache ?? defaultCacheOf(client)
  return cache.run(client.appid, code, () => client.oauth.accessToken({ code }))
}

/**
 * The profile of the user behind a web access_token (`sns/userinfo`): needs the
 * `snsapi_userinfo` scope. `webToken` may be the exchange's answer itself.
 *
 * @example
 * const profile = await userInfo(client, await exchangeCode(client, code))
 */
export async function userInfo(
  client: Client,
  webToken: string | Pick<WebAccessToken, 'access_token' | 'openid'>,
  openid?: string,
  lang: 'zh_CN' | 'zh_TW' | 'en' = 'zh_CN',
): Promise<ResponseOf<'oauth.userInfo'>> {
  const token = typeof webToken === 'string' ? webToken : webToken.access_token
  const user = openid ?? (typeof webToken === 'string' ? undefined : webToken.openid)
  if (user === undefined) throw new WxRequestError('oauth.userInfo', 'openid', ['openid: required'])
  return client.oauth.userInfo({ access_token: token, openid: user, lang })
}

function defaultCacheOf(client: Client): CodeExchangeCache {
  let cache = defaultCaches.get(client)
  if (!cache) defaultCaches.set(client, (cache = codeExchangeCache()))
  return cache
}

function isWebAddress(value: unknown): boolean {
  if (typeof value !== 'string') return false
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
