/**
 * The size guard run before any parsing. The limit is in UTF-8 bytes (what arrived on the wire),
 * but the input is a JS string, so it is measured without encoding it: a UTF-16 code unit is
 * 1 to 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 units), which settles most inputs from
 * `length` alone. Only a string between `maxBytes / 3` and `maxBytes` units is counted exactly.
 */
import { WxXmlError } from '../errors.js'

/** Default `maxBytes` of `parseXml`: 1 MiB, far above any WeChat push (they are a few KiB). */
export const DEFAULT_MAX_XML_BYTES = 1024 * 1024

/** Throws WxXmlError when `text` encodes to more than `maxBytes` UTF-8 bytes. */
export function assertWithinBytes(text: string, maxBytes: number): void {
  const n = text.length
  if (n * 3 <= maxBytes) return
  // Every unit is at least one byte, so unit `maxBytes` already lies past the limit.
  if (n > maxBytes) throw tooLarge(maxBytes, maxBytes)
  let bytes = 0
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) bytes += 1
    else if (c < 0x800) bytes += 2
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4
      i++
    } else bytes += 3 // the rest of the BMP, and a lone surrogate (encoded as U+FFFD)
    if (bytes > maxBytes) throw tooLarge(maxBytes, i)
  }
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

function tooLarge(maxBytes: number, offset: number): WxXmlError {
  return new WxXmlError(`XML input is larger than the ${maxBytes}-byte limit`, offset)
}

/** `maxBytes` as given, or the default; a value that is not a non-negative number is a bug. */
export function resolveMaxBytes(maxBytes: number | undefined): number {
  if (maxBytes === undefined) return DEFAULT_MAX_XML_BYTES
  if (typeof maxBytes !== 'number' || Number.isNaN(maxBytes) || maxBytes < 0) {
    throw new RangeError(
      `parseXml: maxBytes must be a non-negative number, got ${String(maxBytes)}`,
    )
  }
  return maxBytes
}
