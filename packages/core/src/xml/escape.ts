/**
 * Writing character data. Both functions round-trip exactly through `parseXml` (and any
 * conforming parser) for every string made of XML characters, including `]]>` and CR.
 */

const CDATA_OPEN = '<![CDATA['
const CDATA_CLOSE = ']]>'

/**
 * `text` as CDATA: `<![CDATA[text]]>`. A `]]>` inside is split across two sections
 * (`]]]]><![CDATA[>`), the only way CDATA can carry it. A CR is written as `&#13;` between
 * sections, because a parser turns a raw CR (or CRLF) into LF and the text would come back changed.
 * Common case (neither present): two indexOf scans and a concatenation.
 */
export function cdata(text: string): string {
  if (text.indexOf(CDATA_CLOSE) === -1 && text.indexOf('\r') === -1) {
    return CDATA_OPEN + text + CDATA_CLOSE
  }
  const body = text.replaceAll(CDATA_CLOSE, ']]]]><![CDATA[>').replaceAll('\r', ']]>&#13;<![CDATA[')
  return CDATA_OPEN + body + CDATA_CLOSE
}

const NEEDS_ESCAPE = /[&<>\r]/
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
}

/**
 * `text` escaped for use as element content outside CDATA: `&`, `<` and `>` become entities
 * (`>` too, so a `]]>` in the text stays legal), CR becomes `&#13;` so it is not normalised away.
 */
export function escapeXmlText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text
  return text.replace(/[&<>\r]/g, (ch) => ESCAPES[ch] ?? ch)
}
