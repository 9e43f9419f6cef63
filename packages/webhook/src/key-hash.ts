/**
 * Two independent 32-bit hashes of a string (FNV-1a and a multiply-xorshift mix), used together
 * as a 64-bit identity of a dedupe key. With 20,000 live keys the chance that a new key collides
 * with one of them is about 1e-15; keys are also compared by length. The inputs (nonces,
 * timestamps, MsgIds) are chosen by WeChat, and a request only reaches the table after its
 * signature was verified, so an attacker cannot search for collisions.
 */
export function hashKey(key: string, out: Uint32Array): void {
  let a = 0x811c9dc5
  let b = 0x9e3779b9 ^ key.length
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x85ebca6b)
    b ^= b >>> 13
  }
  b = Math.imul(b ^ (b >>> 16), 0xc2b2ae35)
  out[0] = a >>> 0
  out[1] = (b ^ (b >>> 16)) >>> 0
}
