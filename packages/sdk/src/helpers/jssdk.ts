/**
 * The JS-SDK's `wx.config` (§6.12): the jsapi_ticket, cached per account until shortly before it
 * expires (one fetch at a time), and the signed config the page passes to `wx.config`.
 */
import { randomBytes } from 'node:crypto'
import { WxRequestError, systemClock } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import { jsSdkSignature } from '@wxmp/crypto'
import type { Client } from '../client.js'

/**
 * Refresh a ticket once less than this is left of its life. §6.12 says to cache it for its
 * 7200 s; renewing 5 minutes early keeps a page that signs at the last second from getting a
 * config whose ticket WeChat has already replaced [inferred: the token sources' margin].
 */
export const DEFAULT_TICKET_REFRESH_AHEAD_MS = 5 * 60_000

/** Where the jsapi_ticket of one account comes from. */
export interface JsApiTicketSource {
  /** The account's AppID: `wx.config`'s `appId`. */
  readonly appid: string
  /** A jsapi_ticket that is valid now. */
  jsapiTicket(): Promise<string>
}

/** Options of {@link jsApiTicketCache}. */
export interface JsApiTicketCacheOptions {
  /** Times the ticket's life; `systemClock` by default. */
  readonly clock?: Clock
  /** Renew the ticket once less than this is left. Default 5 minutes. */
  readonly refreshAheadMs?: number
}

interface Cached {
  readonly ticket: string
  /** Clock ms when WeChat stops accepting it. */
  readonly expiresAt: number
  /** Clock ms from which a new one is fetched. */
  readonly refreshAt: number
}

/**
 * A ticket source over `client.ticket.get({ type: 'jsapi' })` that keeps the ticket until shortly
 * before its `expires_in` ends. Concurrent callers share one fetch; when a renewal fails while the
 * old ticket is still valid, the old one is answered (the ticket quota is small, §6.12).
 *
 * @example
 * const tickets = jsApiTicketCache(client)
 * app.get('/wx-config', async (req) => jsSdkConfig(tickets, { url: req.query.url, jsApiList }))
 */
export function jsApiTicketCache(
  client: Client,
  options: JsApiTicketCacheOptions = {},
): JsApiTicketSource {
  const clock = options.clock ?? systemClock
  const ahead = options.refreshAheadMs ?? DEFAULT_TICKET_REFRESH_AHEAD_MS
  let cached: Cached | undefined
  let inflight: Promise<Cached> | undefined

  const fetchTicket = async (): Promise<Cached> => {
    // The life is counted from the request, not the answer: the ticket never outlives the cache.
    const start = clock.now()
    const answer = await client.ticket.get({ type: 'jsapi' })
    const lifeMs = answer.expires_in * 1000
    // A life shorter than the margin (a ticket about to be replaced) is used for half its span.
    const refreshIn = lifeMs > ahead ? lifeMs - ahead : lifeMs / 2
    return { ticket: answer.ticket, expiresAt: start + lifeMs, refreshAt: start + refreshIn }
  }

  return {
    appid: client.appid,
    async jsapiTicket() {
      if (cached && clock.now() < cached.refreshAt) return cached.ticket
      inflight ??= fetchTicket().finally(() => (inflight = undefined))
      try {
        cached = await inflight
      } catch (err) {
        if (cached && clock.now() < cached.expiresAt) return cached.ticket
        throw err
      }
      return cached.ticket
    },
  }
}

/** What {@link jsSdkConfig} takes. */
export interface JsSdkConfigOptions {
  /** The full URL of the page that calls `wx.config`; a `#fragment` is dropped before signing. */
  readonly url: string
  /** The JS interfaces the page will use, e.g. `['updateAppMessageShareData']`. */
  readonly jsApiList: readonly string[]
  /** `wx.config`'s debug mode (alerts every call's result). Default false. */
  readonly debug?: boolean
  /** Open tags the page uses, e.g. `['wx-open-launch-weapp']`. */
  readonly openTagList?: readonly string[]
  /**
   * The clock for `timestamp` and, when a client is passed, for its ticket cache (made on first
   * use). `systemClock` by default.
   */
  readonly clock?: Clock
}

/** The argument of `wx.config`, ready to serialise for the page. */
export interface JsSdkConfig {
  readonly debug: boolean
  readonly appId: string
  /** Unix seconds. */
  readonly timestamp: number
  readonly nonceStr: string
  /** sha1 over jsapi_ticket, noncestr, timestamp and url (§6.12), lower-case hex. */
  readonly signature: string
  readonly jsApiList: string[]
  readonly openTagList?: string[]
}

// One cache per client for callers who pass the client itself.
const clientCaches = new WeakMap<Client, JsApiTicketSource>()

/**
 * The signed argument of `wx.config` for a page. Pass a client (its ticket is cached with it) or
 * a {@link JsApiTicketSource} such as {@link jsApiTicketCache}. Throws a `WxRequestError`
 * (endpoint `jssdk.config`) for a URL that is not an absolute http(s) URL.
 *
 * @example
 * const config = await jsSdkConfig(client, { url: pageUrl, jsApiList: ['scanQRCode'] })
 * // in the page: wx.config(config)
 */
export async function jsSdkConfig(
  source: Client | JsApiTicketSource,
  options: JsSdkConfigOptions,
): Promise<JsSdkConfig> {
  checkOptions(options)
  const clock = options.clock ?? systemClock
  const tickets = isTicketSource(source) ? source : cacheOf(source, clock)
  const jsapiTicket = await tickets.jsapiTicket()
  const timestamp = Math.floor(clock.now() / 1000)
  const nonceStr = newNonce()
  const signature = jsSdkSignature({ jsapiTicket, nonceStr, timestamp, url: options.url })
  return {
    debug: options.debug ?? false,
    appId: tickets.appid,
    timestamp,
    nonceStr,
    signature,
    jsApiList: [...options.jsApiList],
    ...(options.openTagList === undefined ? {} : { openTagList: [...options.openTagList] }),
  }
}

function isTicketSource(source: Client | JsApiTicketSource): source is JsApiTicketSource {
  return typeof (source as Partial<JsApiTicketSource>).jsapiTicket === 'function'
}

function cacheOf(client: Client, clock: Clock): JsApiTicketSource {
  let cache = clientCaches.get(client)
  if (!cache) clientCaches.set(client, (cache = jsApiTicketCache(client, { clock })))
  return cache
}

// 16 letters and digits, like the reference's `Wm3WZYTPz0wzccnW`.
function newNonce(): string {
  return randomBytes(12)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '')
    .padEnd(16, '0')
    .slice(0, 16)
}

function checkOptions(options: JsSdkConfigOptions): void {
  const issues: string[] = []
  let parsed: URL | undefined
  try {
    parsed = new URL(options.url)
  } catch {
    parsed = undefined
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    issues.push(`url: ${JSON.stringify(options.url)} is not an absolute http(s) URL`)
  if (!Array.isArray(options.jsApiList) || options.jsApiList.some((a) => typeof a !== 'string'))
    issues.push('jsApiList: must be a list of interface names')
  if (issues.length > 0)
    throw new WxRequestError('jssdk.config', issues[0]!.slice(0, issues[0]!.indexOf(':')), issues)
}
