/**
 * A cheap numeric fingerprint of a request body, for telling a WeChat retry (identical body) from
 * a replay (a used nonce with another body). It is not a cryptographic hash, and need not be: a
 * request whose nonce was already used never reaches a handler either way — the fingerprint only
 * chooses between answering it from the first attempt (equal) or with 401 (different). What it
 * buys is memory: the delivery store keeps a number per request instead of the whole body, which
 * under load would be promoted to the old generation and cost a major GC's time.
 *
 * FNV-1a over the length and up to 64 UTF-16 units sampled evenly across the body (every unit
 * for short bodies), so an edit anywhere in a typical push changes it with high probability.
 */
export function bodyFingerprint(body: string): number {
  const len = body.length
  let h = (0x811c9dc5 ^ len) >>> 0
  const step = len <= 64 ? 1 : Math.floor(len / 64)
  for (let i = 0; i < len; i += step) {
    h ^= body.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  // Always mix in the tail too: safe-mode bodies differ mostly inside the base64 ciphertext.
  for (let i = Math.max(0, len - 16); i < len; i++) {
    h ^= body.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
