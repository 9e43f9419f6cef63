import { buildPush, buildUrlVerification, type PushMode } from '@wxmp/crypto'
import type { Clock } from '@wxmp/core'
import type { WebhookAccountConfig } from '../accounts.js'
import type { WebhookRequest } from '../http-types.js'

/** Options of `signedPush`. */
export interface SignedPushOptions {
  account: WebhookAccountConfig
  /** The plaintext message XML. */
  xml: string
  mode?: PushMode
  path?: string
  clock?: Clock
  timestamp?: string | number
  nonce?: string
  /** Encrypt with this key instead of the account's (key-rotation tests). */
  aesKey?: string
  /** Encrypt for this AppID instead of the account's (foreign-envelope tests). */
  appId?: string
}

/**
 * Builds a push exactly as WeChat would send it to `account`, as a `WebhookRequest` for
 * `webhook.handle()` (or, with `toFetchRequest`, for `webhook.fetch()`).
 */
export function signedPush(options: SignedPushOptions): WebhookRequest {
  const mode = options.mode ?? 'plain'
  const built = buildPush({
    token: options.account.token,
    appId: options.appId ?? options.account.appid,
    aesKey: options.aesKey ?? options.account.aesKey,
    mode,
    xml: options.xml,
    clock: options.clock,
    timestamp: options.timestamp,
    nonce: options.nonce,
  })
  return { method: 'POST', path: options.path ?? '/wx', query: built.query, body: built.body }
}

/** Builds WeChat's GET URL-verification request for `account`. */
export function signedVerification(options: {
  account: WebhookAccountConfig
  echostr?: string
  path?: string
  clock?: Clock
  timestamp?: string | number
}): WebhookRequest {
  const query = buildUrlVerification({
    token: options.account.token,
    echostr: options.echostr,
    clock: options.clock,
    timestamp: options.timestamp,
  })
  return { method: 'GET', path: options.path ?? '/wx', query, body: '' }
}

/** Turns a `WebhookRequest` into a web-standard `Request` against `origin`. */
export function toFetchRequest(req: WebhookRequest, origin = 'http://127.0.0.1'): Request {
  const init: RequestInit = { method: req.method, headers: { 'content-type': 'text/xml' } }
  if (req.method !== 'GET' && req.method !== 'HEAD') init.body = req.body
  return new Request(`${origin}${req.path}${req.query ? '?' + req.query : ''}`, init)
}
