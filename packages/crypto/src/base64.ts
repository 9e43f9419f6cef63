/**
 * Strict decoding of standard base64. Buffer.from(s, 'base64') never fails: it skips unknown
 * characters and accepts the URL-safe alphabet, so garbage would reach AES and be reported as a
 * padding error instead of what it is.
 */

/**
 * The bytes of `text` when it is canonical-length standard base64 ([A-Za-z0-9+/], length % 4 == 0,
 * at most two trailing '='), else `undefined`.
 *
 * Why not a per-character check: this runs on every encrypted push, and node's native decoder
 * already looks at every character. It skips any character outside the two base64 alphabets, so
 * a skipped one shows as fewer bytes than the length promises; the URL-safe '-' and '_' (which
 * it decodes) are looked for separately, also natively.
 */
export function decodeStrictBase64(text: string): Buffer | undefined {
  const length = text.length
  if (length % 4 !== 0) return undefined
  let padding = 0
  if (length > 0 && text.charCodeAt(length - 1) === 0x3d) padding++
  if (padding === 1 && text.charCodeAt(length - 2) === 0x3d) padding++
  if (text.includes('-') || text.includes('_')) return undefined
  const bytes = Buffer.from(text, 'base64')
  return bytes.length === (length / 4) * 3 - padding ? bytes : undefined
}
