/**
 * Start tags: `<name>`, `<name/>`, and the rare `<name attr="v" …>`. Attributes are dropped (the
 * value shape has no place for them, and WeChat sends none) but must still be well-formed:
 * whitespace before each, `name = "value"` with matching quotes, no duplicate names. The value
 * text itself is not inspected, since it is discarded (fast-xml-parser's validator does the same).
 */
import { WxXmlError } from '../errors.js'
import type { Cursor } from './cursor.js'
import { isSpace, skipSpace } from './cursor.js'
import { internName } from './name-cache.js'
import { isNameStartCode, scanName } from './names.js'

const GT = 0x3e
const SLASH = 0x2f
const EQUALS = 0x3d
const DQUOTE = 0x22
const SQUOTE = 0x27

/**
 * Reads the start tag whose `<` is at `lt`: returns its name, leaves `c.pos` after the `>` and
 * `c.selfClosing` telling whether it was `<name/>`.
 */
export function readStartTag(c: Cursor, lt: number): string {
  const s = c.s
  const first = lt + 1
  if (!isNameStartCode(s.charCodeAt(first))) {
    throw new WxXmlError("'<' is not followed by a tag name", first)
  }
  const end = scanName(s, first + 1)
  const name = internName(s, first, end)
  const ch = s.charCodeAt(end)
  if (ch === GT) {
    c.pos = end + 1
    c.selfClosing = false
  } else if (ch === SLASH && s.charCodeAt(end + 1) === GT) {
    c.pos = end + 2
    c.selfClosing = true
  } else if (isSpace(ch)) {
    skipAttributes(c, end, lt)
  } else {
    throw unexpected(s, end, `in tag <${name}>`)
  }
  return name
}

/** Skips the attributes starting at `i` (at whitespace) up to and including the tag's end. */
function skipAttributes(c: Cursor, i: number, lt: number): void {
  const s = c.s
  let seen: Set<string> | undefined
  for (;;) {
    const j = skipSpace(s, i)
    const ch = s.charCodeAt(j)
    if (ch === GT) {
      c.pos = j + 1
      c.selfClosing = false
      return
    }
    if (ch === SLASH && s.charCodeAt(j + 1) === GT) {
      c.pos = j + 2
      c.selfClosing = true
      return
    }
    if (j === s.length) throw new WxXmlError('unclosed start tag', lt)
    if (ch === SLASH) throw new WxXmlError("'/' in a start tag must be followed by '>'", j)
    if (j === i) throw new WxXmlError('attributes must be separated by whitespace', j)
    if (!isNameStartCode(ch)) throw unexpected(s, j, 'where an attribute name belongs')
    const nameEnd = scanName(s, j + 1)
    let k = skipSpace(s, nameEnd)
    if (s.charCodeAt(k) !== EQUALS) throw new WxXmlError('attribute without a value', k)
    k = skipSpace(s, k + 1)
    const quote = s.charCodeAt(k)
    if (quote !== DQUOTE && quote !== SQUOTE)
      throw new WxXmlError('attribute value must be quoted', k)
    const close = s.indexOf(quote === DQUOTE ? '"' : "'", k + 1)
    if (close === -1) throw new WxXmlError('unterminated attribute value', k)
    // A Set, not a scan of the names so far: a tag with 100k attributes must not cost 10^10.
    seen ??= new Set()
    const attr = s.slice(j, nameEnd)
    if (seen.has(attr)) throw new WxXmlError(`duplicate attribute '${attr}'`, j)
    seen.add(attr)
    i = close + 1
  }
}

/** An error for the code unit at `i`, named in the message when there is one. */
export function unexpected(s: string, i: number, where: string): WxXmlError {
  if (i >= s.length) return new WxXmlError(`unexpected end of input ${where}`, i)
  return new WxXmlError(`unexpected character ${JSON.stringify(s.charAt(i))} ${where}`, i)
}
