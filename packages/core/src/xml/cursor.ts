/**
 * The parser's primitives: its state (one object per document, passed to each reading function,
 * so the hot loop touches plain fields of a single, stable shape instead of closures), the depth
 * bound, whitespace skipping, and the null-prototype objects it builds.
 */
import type { XmlObject } from './types.js'

/** Element nesting bound (the root is depth 1). WeChat's deepest push is 5; this stops stack games. */
export const MAX_XML_DEPTH = 32

/** Where the parser is in a document, plus facts found once up front. */
export class Cursor {
  /** The whole document. */
  readonly s: string
  /** Whether the document holds a CR anywhere; without one, no text needs line-end normalising. */
  readonly crlf: boolean
  /** Next read position. */
  pos = 0
  /** Index of some `&` at or after the last text read, `s.length` when none is left (a cache). */
  amp = -1
  /** Set by `readStartTag`: the tag just read was `<name …/>`. */
  selfClosing = false

  constructor(s: string) {
    this.s = s
    this.crlf = s.indexOf('\r') !== -1
  }

  /** True when a `&` occurs in `[from, to)`. Amortised: the index search only moves forward. */
  hasAmpersand(from: number, to: number): boolean {
    if (this.amp < from) {
      const at = this.s.indexOf('&', from)
      this.amp = at === -1 ? this.s.length : at
    }
    return this.amp < to
  }
}

/** True for XML whitespace: space, tab, LF, CR. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d
}

/** Index of the first non-whitespace code unit at or after `i`. */
export function skipSpace(s: string, i: number): number {
  while (isSpace(s.charCodeAt(i))) i++
  return i
}

/**
 * A new empty object with a null prototype, so a tag named `__proto__` or `constructor` is an
 * ordinary key. Made as `{}` then re-parented rather than `Object.create(null)`: V8 keeps the
 * former in fast (hidden-class) mode, and adding the fields of a message measured ~45% cheaper.
 * The prototype is cut before any key is added, so `__proto__` never reaches the setter.
 */
export function nullObject(): XmlObject {
  return Object.setPrototypeOf({}, null) as XmlObject
}
