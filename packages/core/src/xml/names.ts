/**
 * XML name characters (tag and attribute names), per UTF-16 code unit.
 * The ranges are XML 1.0's NameStartChar / NameChar restricted to the BMP, so a supplementary-plane
 * name (an emoji tag) is rejected, as fast-xml-parser's validator does (the differential test holds
 * us to "whatever the validator rejects, we reject"). Two BMP name characters are excluded too:
 * U+1680 and U+FEFF are whitespace to JavaScript (`\s`, `trim()`), so other JS parsers split or
 * trim names at them and would read such a tag differently. No WeChat tag is anything but ASCII.
 */

/** 1 where an ASCII code may start a name. A typed array keeps the hot check to one load. */
const ASCII_START = new Uint8Array(128)
/** 1 where an ASCII code may continue a name. */
const ASCII_NAME = new Uint8Array(128)

for (let c = 0; c < 128; c++) {
  const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)
  const start = letter || c === 0x3a /* : */ || c === 0x5f /* _ */
  ASCII_START[c] = start ? 1 : 0
  const digit = c >= 0x30 && c <= 0x39
  ASCII_NAME[c] = start || digit || c === 0x2d /* - */ || c === 0x2e /* . */ ? 1 : 0
}

/** Non-ASCII name-start ranges (inclusive pairs), in ascending order, minus U+1680 and U+FEFF. */
function isWideNameStart(c: number): boolean {
  if (c === 0x1680 || c === 0xfeff) return false
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    (c >= 0x200c && c <= 0x200d) ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  )
}

/** True when the UTF-16 code unit `c` may start an XML name. */
export function isNameStartCode(c: number): boolean {
  return c < 128 ? ASCII_START[c] === 1 : isWideNameStart(c)
}

/** True when the UTF-16 code unit `c` may appear after the first character of an XML name. */
export function isNameCode(c: number): boolean {
  if (c < 128) return ASCII_NAME[c] === 1
  return (
    isWideNameStart(c) || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || (c >= 0x203f && c <= 0x2040)
  )
}

/** Index of the first code unit at or after `from` that cannot continue a name. */
export function scanName(s: string, from: number): number {
  let i = from
  const n = s.length
  while (i < n && isNameCode(s.charCodeAt(i))) i++
  return i
}

/** True when `name` is a non-empty XML name (what `buildXml` accepts as a tag). */
export function isXmlName(name: string): boolean {
  return name.length > 0 && isNameStartCode(name.charCodeAt(0)) && scanName(name, 1) === name.length
}
