/**
 * Adding a fragment to a document; CDATA and text escaping come from core's XML codec, so
 * values from a request (nonce, timestamp) cannot inject elements into a signed envelope.
 */
import { WxXmlError } from '@wxmp/core'

/** `xml` with `fragment` inserted just before the root element's closing tag. */
export function appendToRoot(xml: string, fragment: string): string {
  const close = xml.lastIndexOf('</')
  if (close < 0) throw new WxXmlError('cannot add to an XML document without a closing root tag')
  return xml.slice(0, close) + fragment + xml.slice(close)
}
