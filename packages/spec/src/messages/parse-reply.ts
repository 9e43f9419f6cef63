/**
 * `parseReply`: the other side of a passive reply, for the emulator and tests to decode what a
 * webhook answered.
 */
import type { XmlObject } from '@wxmp/core'
import { repliesByType } from './compiled.js'
import type { Reply } from './registry.js'

/**
 * Reads a reply from the value under the root `xml` element. Returns `undefined` for an unknown
 * `MsgType` or a reply missing a required field; never throws. The header is not checked here.
 * @example
 * const answer = parseReply(parseXml(body).xml as XmlObject)
 */
export function parseReply(doc: XmlObject): Reply | undefined {
  try {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined
    const type = doc.MsgType
    if (typeof type !== 'string') return undefined
    const compiled = repliesByType.get(type)
    if (compiled === undefined) return undefined
    const out: Record<string, unknown> = { type }
    return compiled.read(doc, out) === undefined ? (out as unknown as Reply) : undefined
  } catch {
    return undefined
  }
}
