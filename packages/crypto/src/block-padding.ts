/**
 * WeChat's PKCS#7 variant with a 32-byte block (§4.1). node:crypto only knows 16-byte PKCS#7,
 * so the cipher runs with auto-padding off and these helpers add and check the padding.
 */

/** WeChat pads to multiples of 32 bytes, not AES's 16. */
export const PAD_BLOCK = 32

/** Number of pad bytes (1..32) to append to `length` bytes of plaintext. */
export function padLength(length: number): number {
  return PAD_BLOCK - (length % PAD_BLOCK)
}

/**
 * Length of `plain[0, end)` once its padding is removed, or -1 when the padding is invalid.
 *
 * Strict on purpose: the pad value must be 1..32 and every pad byte must equal it. Lenient
 * decoders (treat a bad pad as 0) turn a wrong key into a confusing "length" or "appid" error
 * much later; a strict check reports a wrong key or corrupted ciphertext as what it is, and it
 * is what makes trying the previous key after the current one reliable. This is not a padding
 * oracle risk because callers verify msg_signature, which covers the ciphertext, first.
 */
export function unpaddedLength(plain: Buffer, end: number): number {
  if (end <= 0) return -1
  const pad = plain[end - 1] ?? 0
  if (pad < 1 || pad > PAD_BLOCK || pad > end) return -1
  for (let i = end - pad; i < end - 1; i++) {
    if (plain[i] !== pad) return -1
  }
  return end - pad
}
