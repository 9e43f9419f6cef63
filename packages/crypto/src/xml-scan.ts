/**
 * A tiny reader for the handful of fields this package needs from WeChat's flat envelopes
 * (Encrypt, MsgSignature, TimeStamp, Nonce, ToUserName, FromUserName). The general XML codec
 * lives in @wxmp/core; this one exists so crypto does not depend on it, and it only walks
 * the string with indexOf (no regex, no tree).
 */

const CDATA_OPEN = '<![CDATA['
const CDATA_CLOSE = ']]>'
const SLASH = 0x2f

/**
 * Text of the first direct child of the root element named `name`, CDATA unwrapped and
 * surrounding whitespace trimmed; undefined when there is no such child or the XML is cut off.
 * Tags inside CDATA (user text such as "<Encrypt>") are skipped, so they cannot be mistaken for
 * fields. The five predefined entities are decoded in plain text (what xml-write's escapeText
 * produces); numeric references are not, as the fields read here are ids, digits, hex and base64.
 */
export function readChildValue(xml: string, name: string): string | undefined {
  let depth = 0
  let contentStart = -1
  let pos = 0
  for (;;) {
    const lt = xml.indexOf('<', pos)
    if (lt < 0) return undefined
    if (xml.startsWith(CDATA_OPEN, lt)) {
      const close = xml.indexOf(CDATA_CLOSE, lt + CDATA_OPEN.length)
      if (close < 0) return undefined
      pos = close + CDATA_CLOSE.length
      continue
    }
    if (xml.startsWith('<!--', lt)) {
      const close = xml.indexOf('-->', lt + 4)
      if (close < 0) return undefined
      pos = close + 3
      continue
    }
    const gt = xml.indexOf('>', lt + 1)
    if (gt < 0) return undefined
    pos = gt + 1
    const next = xml.charCodeAt(lt + 1)
    // Declarations (<?xml ?>, <!DOCTYPE>) neither open nor close an element.
    if (next === 0x3f || next === 0x21) continue
    if (next === SLASH) {
      depth--
      if (depth === 1 && contentStart >= 0) return textBetween(xml, contentStart, lt)
      if (depth <= 0) return undefined
      continue
    }
    const selfClosing = xml.charCodeAt(gt - 1) === SLASH
    if (depth === 1 && contentStart < 0 && isTagNamed(xml, lt + 1, name)) {
      if (selfClosing) return ''
      contentStart = pos
    }
    if (!selfClosing) depth++
  }
}

/** True when the tag name starting at `at` is exactly `name` (not a longer name sharing the prefix). */
function isTagNamed(xml: string, at: number, name: string): boolean {
  if (!xml.startsWith(name, at)) return false
  const after = xml.charCodeAt(at + name.length)
  // '>', '/', or whitespace end the name.
  return (
    after === 0x3e ||
    after === SLASH ||
    after === 0x20 ||
    after === 0x09 ||
    after === 0x0a ||
    after === 0x0d
  )
}

/** Character data of xml[start, end): entities in text decoded, CDATA sections unwrapped, then trimmed. */
function textBetween(xml: string, start: number, end: number): string {
  let text = ''
  let pos = start
  while (pos < end) {
    const open = xml.indexOf(CDATA_OPEN, pos)
    if (open < 0 || open >= end) {
      text += decodeEntities(xml.slice(pos, end))
      break
    }
    const close = xml.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length)
    // Cannot happen after readChildValue's walk, but never loop or read past the element.
    if (close < 0 || close >= end) {
      text += decodeEntities(xml.slice(pos, end))
      break
    }
    text += decodeEntities(xml.slice(pos, open)) + xml.slice(open + CDATA_OPEN.length, close)
    pos = close + CDATA_CLOSE.length
  }
  return text.trim()
}

/** Decodes &lt; &gt; &quot; &apos; and &amp; (last, so "&amp;lt;" stays "&lt;"). */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&')
}
