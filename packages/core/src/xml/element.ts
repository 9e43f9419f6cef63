/**
 * Element content: the recursive heart of `parseXml`. One call reads everything between a start
 * tag and its end tag and returns the element's value:
 * - no child elements → its text (`''` when empty), a string even when it looks like a number;
 * - child elements → a null-prototype object, one key per tag, repeated tags as arrays in order.
 *
 * Mixed content (text next to child elements) is kept, not rejected: the element's text, all
 * pieces concatenated in document order, goes under the key `#text` (no tag can be named that,
 * `#` is not a name character). That is what fast-xml-parser does, so the differential test
 * needs no exception for it; whitespace-only text between elements (indentation) is dropped.
 */
import { WxXmlError } from '../errors.js'
import { decodeText, isXmlWhitespace, normalizeNewlines } from './char-refs.js'
import type { Cursor } from './cursor.js'
import { MAX_XML_DEPTH, nullObject, skipSpace } from './cursor.js'
import { isNameStartCode } from './names.js'
import { readStartTag } from './start-tag.js'
import type { XmlObject, XmlValue } from './types.js'

const LT = 0x3c
const SLASH = 0x2f
const BANG = 0x21
const QUESTION = 0x3f
const GT = 0x3e

/** Key under which mixed content keeps its text. */
export const XML_TEXT_KEY = '#text'

/** Character data in `[from, to)`: references decoded, line ends normalised. */
function textBetween(c: Cursor, from: number, to: number): string {
  if (c.hasAmpersand(from, to)) return decodeText(c.s, from, to, c.crlf)
  const raw = c.s.slice(from, to)
  return c.crlf ? normalizeNewlines(raw) : raw
}

/**
 * Reads the content of element `tag` (start tag at `lt`, `c.pos` just after it) through its end
 * tag, and returns its value. `depth` is the element's own depth (root = 1).
 */
export function readContent(c: Cursor, tag: string, lt: number, depth: number): XmlValue {
  const s = c.s
  let pos = c.pos
  let text = ''
  // Stays true while all text so far is raw whitespace (indentation), so the usual element with
  // children never rescans its text to decide whether it is mixed content.
  let blank = true
  let children: XmlObject | undefined
  for (;;) {
    // Markup usually follows markup directly (`><![CDATA[`, `></`) or after indentation; both
    // are found by stepping over whitespace, without an indexOf call or a reference check.
    let open = skipSpace(s, pos)
    if (s.charCodeAt(open) === LT) {
      if (open > pos) text += c.crlf ? normalizeNewlines(s.slice(pos, open)) : s.slice(pos, open)
    } else {
      open = s.indexOf('<', open)
      if (open === -1) throw new WxXmlError(`element <${tag}> is not closed`, lt)
      text += textBetween(c, pos, open)
      blank = false
    }
    const next = s.charCodeAt(open + 1)
    if (next === SLASH) {
      pos = readEndTag(s, open, tag)
      break
    }
    if (next === BANG) {
      if (isCdataStart(s, open)) {
        const end = s.indexOf(']]>', open + 9)
        if (end === -1) throw new WxXmlError('CDATA section is not closed', open)
        const raw = s.slice(open + 9, end)
        text += c.crlf ? normalizeNewlines(raw) : raw
        blank = false
        pos = end + 3
      } else {
        pos = skipComment(s, open)
      }
      continue
    }
    if (next === QUESTION) {
      pos = skipProcessingInstruction(s, open)
      continue
    }
    // A child element.
    if (depth >= MAX_XML_DEPTH) {
      throw new WxXmlError(`elements are nested deeper than ${MAX_XML_DEPTH} levels`, open)
    }
    const name = readStartTag(c, open)
    const value = c.selfClosing ? '' : readContent(c, name, open, depth + 1)
    pos = c.pos
    children ??= nullObject()
    const prev = children[name]
    // Values are never arrays themselves, so an array here always means "repeated tag".
    if (prev === undefined) children[name] = value
    else if (Array.isArray(prev)) prev.push(value)
    else children[name] = [prev, value]
  }
  c.pos = pos
  if (children === undefined) return text
  if (!blank && !isXmlWhitespace(text)) children[XML_TEXT_KEY] = text
  return children
}

/** True when `<![CDATA[` starts at `lt` (char codes: cheaper than a startsWith call). */
function isCdataStart(s: string, lt: number): boolean {
  return (
    s.charCodeAt(lt + 2) === 0x5b && // [
    s.charCodeAt(lt + 3) === 0x43 && // C
    s.charCodeAt(lt + 4) === 0x44 && // D
    s.charCodeAt(lt + 5) === 0x41 && // A
    s.charCodeAt(lt + 6) === 0x54 && // T
    s.charCodeAt(lt + 7) === 0x41 && // A
    s.charCodeAt(lt + 8) === 0x5b // [
  )
}

/** Checks the end tag at `lt` closes `tag`; returns the index after its `>`. */
function readEndTag(s: string, lt: number, tag: string): number {
  const after = lt + 2 + tag.length
  if (s.startsWith(tag, lt + 2)) {
    // Only whitespace may follow the name; a name character there is a longer name (`</ab>`).
    const gt = skipSpace(s, after)
    if (s.charCodeAt(gt) === GT) return gt + 1
  }
  throw new WxXmlError(`expected </${tag}>`, lt)
}

/**
 * Skips the `<!…` construct at `lt`, which must be a comment: returns the index after `-->`.
 * Everything else that starts `<!` is refused here, DOCTYPE and ENTITY above all: there is no DTD,
 * so no external entity can be fetched and no entity can be expanded.
 */
export function skipComment(s: string, lt: number): number {
  if (s.startsWith('<!--', lt)) {
    // Searching from lt + 4 means `<!-->` does not close itself (as in fast-xml-parser). A `--`
    // inside is tolerated although XML forbids it: harmless, and fast-xml-parser accepts it too.
    const end = s.indexOf('-->', lt + 4)
    if (end === -1) throw new WxXmlError('comment is not closed', lt)
    return end + 3
  }
  if (s.startsWith('<!DOCTYPE', lt)) throw new WxXmlError('DOCTYPE is not allowed', lt)
  if (s.startsWith('<!ENTITY', lt)) throw new WxXmlError('ENTITY declarations are not allowed', lt)
  throw new WxXmlError("'<!' is not the start of a comment or CDATA section", lt)
}

/**
 * Skips the processing instruction at `lt`; returns the index after its `?>`. Its content is not
 * interpreted, but it must have a target: `<?>` would otherwise be read two ways (as a whole PI
 * by fast-xml-parser's validator, as the start of one by XML), and `<??>` is malformed anyway.
 */
export function skipProcessingInstruction(s: string, lt: number): number {
  if (!isNameStartCode(s.charCodeAt(lt + 2)))
    throw new WxXmlError('processing instruction without a target', lt)
  const end = s.indexOf('?>', lt + 2)
  if (end === -1) throw new WxXmlError('processing instruction is not closed', lt)
  return end + 2
}
