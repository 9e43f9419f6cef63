/**
 * The comparison of the differential oracle: which fast-xml-parser options make its value
 * comparable to ours, and how that value is normalised first. Settled by experiment on 5.12:
 * - the tag-name prefix (see REFERENCE_OPTIONS.transformTagName) is removed;
 * - a `#text` that is only whitespace is dropped: with `trimValues: false` it collects the
 *   indentation between child elements, which ours drops; non-blank mixed content stays under
 *   `#text` on both sides; at the top level a leading BOM counts as whitespace.
 * Nothing else is normalised: leaves, arrays, key sets and empty elements (`''`) must match as
 * they are, and our objects must have null prototypes.
 */
import { isXmlWhitespace } from './char-refs.js'

/** Prefix given to every reference tag name; `$` is not a name character, so none starts with it. */
const PREFIX = '$'

/** fast-xml-parser options that make its output comparable to ours. */
export const REFERENCE_OPTIONS: Readonly<Record<string, unknown>> = {
  parseTagValue: false, // leaves stay strings: '007', 64-bit MsgIds
  trimValues: false, // text byte for byte (whitespace-only text then appears as '#text')
  ignoreAttributes: true, // ours drops attributes too
  processEntities: true,
  // v5 decodes numeric references only with htmlEntities on (EntityDecoder's numericAllowed);
  // the HTML names it adds (&nbsp;) are undefined in XML: exception `undefined-entity`.
  htmlEntities: true,
  ignoreDeclaration: true, // else `<?xml …?>` shows up as a '?xml' key
  ignorePiTags: true, // else every PI does
  // It throws on tags named __proto__/constructor/prototype and renames toString & co; a prefix
  // sidesteps both. Idempotent because self-closing tags go through it twice.
  transformTagName: (name: string) => (name.startsWith(PREFIX) ? name : PREFIX + name),
}

/** The reference value with the comparison's normalisation applied (see the module comment). */
export function normalizeReference(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.map((v) => normalizeReference(v, false))
  if (typeof value !== 'object' || value === null) return value
  // Null prototype: a plain object would turn a '__proto__' key into a prototype change.
  const out = Object.create(null) as Record<string, unknown>
  for (const [key, child] of Object.entries(value)) {
    if (key === '#text' && typeof child === 'string') {
      // At the top level a BOM is text to fast-xml-parser when a PI follows it.
      const text = top && child.startsWith('\ufeff') ? child.slice(1) : child
      if (isXmlWhitespace(text)) continue
    }
    out[key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key] = normalizeReference(child, false)
  }
  return out
}

/** First difference between our value and the normalised reference, or undefined. */
export function difference(ours: unknown, ref: unknown, path = ''): string | undefined {
  if (typeof ours === 'string')
    return ours === ref ? undefined : `${path}: ${JSON.stringify(ours)} vs ${JSON.stringify(ref)}`
  if (Array.isArray(ours)) {
    if (ours.length < 2) return `${path}: array of ${ours.length}`
    if (!Array.isArray(ref) || ref.length !== ours.length)
      return `${path}: array vs ${JSON.stringify(ref)}`
    for (let i = 0; i < ours.length; i++) {
      const d = difference(ours[i], ref[i], `${path}[${i}]`)
      if (d !== undefined) return d
    }
    return undefined
  }
  if (typeof ours !== 'object' || ours === null) return `${path}: not a string, array or object`
  if (Object.getPrototypeOf(ours) !== null) return `${path}: object with a prototype`
  if (typeof ref !== 'object' || ref === null || Array.isArray(ref))
    return `${path}: object vs ${JSON.stringify(ref)}`
  const keys = Object.keys(ours)
  const refKeys = Object.keys(ref)
  if (keys.length !== refKeys.length)
    return `${path}: keys ${keys.join(',')} vs ${refKeys.join(',')}`
  for (const key of keys) {
    if (!Object.hasOwn(ref, key)) return `${path}: key ${key} missing in the reference`
    const d = difference(
      (ours as Record<string, unknown>)[key],
      (ref as Record<string, unknown>)[key],
      `${path}.${key}`,
    )
    if (d !== undefined) return d
  }
  return undefined
}
