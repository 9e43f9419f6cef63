/**
 * `buildXml`: a generic object → XML renderer, the inverse of `parseXml` for WeChat-shaped data.
 * Used to render inbound messages (tests, the emulator); passive replies have their own templates.
 * Output is compact (no indentation). Every value `parseXml` produces renders to XML that parses
 * back to an equal value; numbers come back as their decimal strings.
 */
import { WxXmlError } from '../errors.js'
import { MAX_XML_DEPTH } from './cursor.js'
import { XML_TEXT_KEY } from './element.js'
import { cdata } from './escape.js'
import { isXmlName } from './names.js'

/**
 * What `buildXml` renders: a string as CDATA, a number or bigint as bare text (how WeChat writes
 * `CreateTime` and `MsgId`), an array as the tag repeated, an object as nested elements.
 * `undefined` (an absent optional field) renders nothing.
 */
export type XmlBuildValue =
  string | number | bigint | XmlBuildObject | readonly XmlBuildValue[] | undefined

/** Children of an element for `buildXml`, keyed by tag name; `#text` is mixed-content text. */
export interface XmlBuildObject {
  readonly [tag: string]: XmlBuildValue
}

/**
 * Renders `<rootTag>…</rootTag>` from `value`. Throws WxXmlError for what XML cannot carry: a key
 * that is not an XML name, a non-finite number, an array directly inside an array, or nesting
 * deeper than `parseXml` accepts (which also stops a cyclic object).
 */
export function buildXml(rootTag: string, value: XmlBuildObject): string {
  return element(rootTag, value, 1)
}

function element(tag: string, value: XmlBuildValue, depth: number): string {
  if (!isXmlName(tag)) throw new WxXmlError(`not an XML tag name: ${JSON.stringify(tag)}`)
  if (depth > MAX_XML_DEPTH) throw new WxXmlError(`nested deeper than ${MAX_XML_DEPTH} levels`)
  if (value === undefined) return ''
  if (value === null) throw new WxXmlError(`<${tag}>: null has no XML form (omit the key instead)`)
  if (Array.isArray(value)) {
    let out = ''
    for (const item of value as readonly XmlBuildValue[]) {
      if (Array.isArray(item))
        throw new WxXmlError(`<${tag}>: an array inside an array has no XML form`)
      out += element(tag, item, depth)
    }
    return out
  }
  return `<${tag}>${content(tag, value as string | number | bigint | XmlBuildObject, depth)}</${tag}>`
}

function content(
  tag: string,
  value: string | number | bigint | XmlBuildObject,
  depth: number,
): string {
  switch (typeof value) {
    case 'string':
      return cdata(value)
    case 'number':
      if (!Number.isFinite(value)) throw new WxXmlError(`<${tag}>: ${value} has no XML form`)
      return String(value)
    case 'bigint':
      return value.toString()
    case 'object': {
      let out = ''
      for (const key of Object.keys(value)) {
        const child = value[key]
        if (key === XML_TEXT_KEY) {
          if (typeof child === 'string') out = cdata(child) + out
          else throw new WxXmlError(`<${tag}>: ${XML_TEXT_KEY} must be a string`)
        } else {
          out += element(key, child, depth + 1)
        }
      }
      return out
    }
    default:
      throw new WxXmlError(`<${tag}>: a ${typeof value} has no XML form`)
  }
}
