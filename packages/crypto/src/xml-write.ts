/**
 * The few XML writing helpers the envelopes need. Values that come from a request (nonce,
 * timestamp) are escaped, so a hostile value cannot inject elements into a signed envelope.
 */
import { WxXmlError } from '@wxmp/core'

/** `value` wrapped in a CDATA section; a "]]>" inside is split across two sections, as XML requires. */
export function cdata(value: string): string {
  const safe = value.includes(']]>') ? value.replaceAll(']]>', ']]]]><![CDATA[>') : value
  return `<![CDATA[${safe}]]>`
}

/** `value` escaped for use as element text (only &, < and > matter there). */
export function escapeText(value: string): string {
  // Fast path: timestamps are digits, so the replacements almost never run.
  if (!value.includes('&') && !value.includes('<') && !value.includes('>')) return value
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

/** `xml` with `fragment` inserted just before the root element's closing tag. */
export function appendToRoot(xml: string, fragment: string): string {
  const close = xml.lastIndexOf('</')
  if (close < 0) throw new WxXmlError('cannot add to an XML document without a closing root tag')
  return xml.slice(0, close) + fragment + xml.slice(close)
}
