/**
 * The JS-SDK `wx.config` signature (§6.12): sha1 of
 * `jsapi_ticket=…&noncestr=…&timestamp=…&url=…`, keys in ASCII order, values raw (not URL-encoded).
 */
import { createHash } from 'node:crypto'

/** Inputs of {@link jsSdkSignature}; the page passes the same nonceStr and timestamp to wx.config. */
export interface JsSdkSignatureInput {
  /** The jsapi ticket from `cgi-bin/ticket/getticket?type=jsapi`. */
  jsapiTicket: string
  /** The nonce string the page will pass as `nonceStr`. */
  nonceStr: string
  /** Unix seconds the page will pass as `timestamp`. */
  timestamp: string | number
  /** The full URL of the page calling wx.config; a `#fragment` is removed before signing. */
  url: string
}

/** Lower-case hex signature for `wx.config`. */
export function jsSdkSignature(input: JsSdkSignatureInput): string {
  // Keys are already in ASCII order; building the string directly avoids sorting at runtime.
  const string1 =
    `jsapi_ticket=${input.jsapiTicket}&noncestr=${input.nonceStr}` +
    `&timestamp=${String(input.timestamp)}&url=${normalizeSignedUrl(input.url)}`
  return createHash('sha1').update(string1, 'utf8').digest('hex')
}

/**
 * The URL as WeChat signs it: everything before the first `#`. The browser never sends the
 * fragment, so a signature over it could not match what the JS-SDK computes on the page.
 */
export function normalizeSignedUrl(url: string): string {
  const hash = url.indexOf('#')
  return hash < 0 ? url : url.slice(0, hash)
}
