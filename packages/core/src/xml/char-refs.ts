/**
 * Character data decoding: the five predefined entities, numeric character references, and
 * line-end normalisation. Nothing else: there is no DTD, so any other `&name;` is an error
 * (no entity expansion of any kind can happen here).
 */
import { WxXmlError } from '../errors.js'

/** True when `cp` is an XML 1.0 `Char` (what a numeric reference may produce). */
export function isXmlChar(cp: number): boolean {
  return (
    (cp >= 0x20 && cp <= 0xd7ff) ||
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  )
}

/**
 * `raw` with CRLF and lone CR turned into LF, as XML 1.0 §2.11 requires of every parser.
 * Only raw text is normalised: a CR written as `&#13;` is kept (that is how a CR survives XML).
 */
export function normalizeNewlines(raw: string): string {
  return raw.indexOf('\r') === -1 ? raw : raw.replace(/\r\n?/g, '\n')
}

const HASH = 0x23
const LOWER_X = 0x78
/** Anything above this is out of range; capping stops a long digit run from losing precision. */
const OVER_MAX = 0x110000

/** Value of the reference body `#…` between `from` (at `#`) and `end` (at `;`), or -1. */
function numericRef(s: string, from: number, end: number): number {
  const hex = s.charCodeAt(from + 1) === LOWER_X
  let i = hex ? from + 2 : from + 1
  if (i === end) return -1 // `&#;` and `&#x;` carry no digits
  let value = 0
  for (; i < end; i++) {
    const c = s.charCodeAt(i)
    let d: number
    if (c >= 0x30 && c <= 0x39) d = c - 0x30
    else if (hex && c >= 0x61 && c <= 0x66) d = c - 0x57
    else if (hex && c >= 0x41 && c <= 0x46) d = c - 0x37
    else return -1
    if (value < OVER_MAX) value = value * (hex ? 16 : 10) + d
  }
  return value
}

/** Replacement text of the predefined entity named by `s[from, end)`, or undefined. */
function predefined(s: string, from: number, end: number): string | undefined {
  switch (s.slice(from, end)) {
    case 'lt':
      return '<'
    case 'gt':
      return '>'
    case 'amp':
      return '&'
    case 'quot':
      return '"'
    case 'apos':
      return "'"
    default:
      return undefined
  }
}

/**
 * Decodes the character data `s[from, to)`, which holds at least one `&`. `crlf` says whether
 * the document contains a CR at all, so the common case never runs the normaliser.
 * Throws WxXmlError (at the `&`) for a malformed, undefined or out-of-range reference.
 */
export function decodeText(s: string, from: number, to: number, crlf: boolean): string {
  let out = ''
  let i = from
  for (;;) {
    const amp = s.indexOf('&', i)
    if (amp === -1 || amp >= to) break
    if (amp > i) out += crlf ? normalizeNewlines(s.slice(i, amp)) : s.slice(i, amp)
    const semi = s.indexOf(';', amp + 1)
    if (semi === -1 || semi >= to) throw new WxXmlError("'&' is not the start of a reference", amp)
    if (s.charCodeAt(amp + 1) === HASH) {
      const cp = numericRef(s, amp + 1, semi)
      if (cp === -1) throw new WxXmlError('malformed character reference', amp)
      if (!isXmlChar(cp)) throw new WxXmlError('character reference to a non-XML character', amp)
      out += String.fromCodePoint(cp)
    } else {
      const text = predefined(s, amp + 1, semi)
      if (text === undefined) {
        // Only the five predefined entities exist: without a DTD nothing else can be declared.
        const ref = semi - amp < 40 ? s.slice(amp, semi + 1) : `${s.slice(amp, amp + 36)}…`
        throw new WxXmlError(`undefined entity reference '${ref}'`, amp)
      }
      out += text
    }
    i = semi + 1
  }
  if (i < to) out += crlf ? normalizeNewlines(s.slice(i, to)) : s.slice(i, to)
  return out
}

/** True when `text` is empty or only XML whitespace (space, tab, LF, CR). */
export function isXmlWhitespace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false
  }
  return true
}
