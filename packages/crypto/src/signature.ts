/**
 * WeChat's SHA-1 signatures: the URL `signature` (§1), `msg_signature` over the ciphertext
 * (§4.3) and the reply `MsgSignature` (§4.4) all hash the sorted, concatenated strings.
 */
import * as nodeCrypto from 'node:crypto'
import { constantTimeEqual } from './constant-time-equal.js'

/**
 * Lower-case hex SHA-1 of `parts` sorted lexicographically (plain JS sort) and joined
 * without separator. Does not modify `parts`.
 */
export function sha1Signature(parts: readonly string[]): string {
  return sortedSha1(parts.slice())
}

/** The `signature` query parameter of every push and of the GET handshake: sha1(sort(token, timestamp, nonce)). */
export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce])
}

/** The `msg_signature` / `MsgSignature` over an `Encrypt` value: sha1(sort(token, timestamp, nonce, encrypt)). */
export function msgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
): string {
  return sortedSha1([token, timestamp, nonce, encrypt])
}

/** True when `signature` is the URL signature of token/timestamp/nonce (constant-time comparison). */
export function verifyUrlSignature(
  token: string,
  timestamp: string,
  nonce: string,
  signature: string,
): boolean {
  return constantTimeEqual(urlSignature(token, timestamp, nonce), signature)
}

/** True when `signature` is the msg_signature of token/timestamp/nonce/encrypt (constant-time comparison). */
export function verifyMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  signature: string,
): boolean {
  return constantTimeEqual(msgSignature(token, timestamp, nonce, encrypt), signature)
}

/**
 * Sorts `owned` in place (the caller hands over a fresh array) and hashes the concatenation.
 * An insertion sort with `<`, which compares UTF-16 code units exactly as the default `sort()`
 * does (for WeChat's ASCII inputs, byte order): for three or four strings it is as fast and,
 * unlike `Array#sort`, allocates no work array (~0.8 KB per push, measured, a tenth of all).
 */
function sortedSha1(owned: string[]): string {
  for (let i = 1; i < owned.length; i++) {
    const item = owned[i]!
    let j = i - 1
    while (j >= 0 && item < owned[j]!) {
      owned[j + 1] = owned[j]!
      j--
    }
    owned[j + 1] = item
  }
  return sha1Hex(owned.join(''))
}

/**
 * Hex SHA-1 of a UTF-8 string. The one-shot `crypto.hash` (Node ≥ 20.12) skips building a Hash
 * object: measured 255 ns against 841 ns per signature, and a safe-mode push needs three.
 */
const sha1Hex: (text: string) => string =
  typeof nodeCrypto.hash === 'function'
    ? (text) => nodeCrypto.hash('sha1', text, 'hex')
    : (text) => nodeCrypto.createHash('sha1').update(text, 'utf8').digest('hex')
