/**
 * `parseXml`: the document level of the codec (prolog, the root element, what may follow it).
 * Hand-written over indexOf/charCodeAt because a webhook parses every request body with it:
 * ~650k ops/s on the 376-byte text message of `bench/xml-fuzz.ts` (Node 20, one core of a shared
 * 2-vCPU VM), ~9x fast-xml-parser 5.12 on the same body; the bench prints current figures.
 *
 * It accepts the XML WeChat sends plus what any conforming producer may add (a declaration,
 * comments, processing instructions, CDATA, the five predefined entities, numeric references,
 * attributes, self-closing tags), and refuses everything that could make parsing expensive or
 * surprising: DOCTYPE and ENTITY (so no XXE and no entity expansion), undefined entities,
 * inputs over `maxBytes`, nesting deeper than `MAX_XML_DEPTH` (32).
 */
import { WxXmlError } from '../errors.js'
import { assertWithinBytes, resolveMaxBytes } from './byte-limit.js'
import { Cursor, nullObject, skipSpace } from './cursor.js'
import { readContent, skipComment, skipProcessingInstruction } from './element.js'
import { readStartTag } from './start-tag.js'
import type { XmlObject } from './types.js'

/** Options of `parseXml`. */
export interface ParseXmlOptions {
  /** Largest accepted input in UTF-8 bytes, checked before parsing (default 1 MiB). */
  maxBytes?: number
}

const LT = 0x3c
const BANG = 0x21
const QUESTION = 0x3f
const SLASH = 0x2f
const BOM = 0xfeff

/**
 * Parses an XML document into `{ [rootTag]: value }` (the shape fast-xml-parser gives): leaves
 * are strings, never numbers, so 64-bit ids survive; an empty element is `''`; a tag repeated
 * under one parent is an array; mixed content keeps its text under `#text`; attributes, comments
 * and processing instructions are dropped. Every object has a null prototype.
 * Throws WxXmlError (with the offset of the problem) for anything else, and nothing but that.
 */
export function parseXml(text: string, options?: ParseXmlOptions): XmlObject {
  if (typeof text !== 'string') throw new WxXmlError('XML input is not a string', 0)
  assertWithinBytes(text, resolveMaxBytes(options?.maxBytes))
  const c = new Cursor(text)
  const s = text
  const n = s.length
  // A byte-order mark may precede the document (decoders usually strip it; tolerate it if not).
  const start = s.charCodeAt(0) === BOM ? 1 : 0
  let result: XmlObject | undefined
  let i = start
  for (;;) {
    i = skipSpace(s, i)
    if (i >= n) break
    if (s.charCodeAt(i) !== LT) throw new WxXmlError(outsideRoot(result), i)
    const next = s.charCodeAt(i + 1)
    if (next === QUESTION) {
      if (i !== start && result === undefined && isXmlDeclaration(s, i)) {
        throw new WxXmlError('the XML declaration must be at the very start', i)
      }
      i = skipProcessingInstruction(s, i)
    } else if (next === BANG) {
      if (s.startsWith('<![CDATA[', i)) throw new WxXmlError(outsideRoot(result), i)
      i = skipComment(s, i)
    } else if (next === SLASH) {
      throw new WxXmlError('end tag without a matching start tag', i)
    } else if (result !== undefined) {
      throw new WxXmlError('a document has exactly one root element', i)
    } else {
      const name = readStartTag(c, i)
      const value = c.selfClosing ? '' : readContent(c, name, i, 1)
      result = nullObject()
      result[name] = value
      i = c.pos
    }
  }
  if (result === undefined) throw new WxXmlError('no root element', n)
  return result
}

function outsideRoot(root: XmlObject | undefined): string {
  return root === undefined ? 'text before the root element' : 'text after the root element'
}

/**
 * True when the processing instruction at `lt` is `<?xml ` or `<?xml?>`, the declaration.
 * Only a space or `?` ends the target here, matching fast-xml-parser's validator; a PI named
 * `xml` followed by another whitespace is skipped like any other PI, which is harmless.
 */
function isXmlDeclaration(s: string, lt: number): boolean {
  if (!s.startsWith('<?xml', lt)) return false
  const after = s.charCodeAt(lt + 5)
  return after === 0x20 || after === QUESTION
}
