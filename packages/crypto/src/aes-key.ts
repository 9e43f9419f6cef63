/**
 * Turns an EncodingAESKey from the console (基本配置) into a reusable AES-256-CBC cipher, once
 * per account, so the per-request path creates no cipher objects at all.
 */
import { createSecretKey } from 'node:crypto'
import { WxConfigError } from '@wxmp/core'
import { CbcCipher } from './cbc-cipher.js'

const ENCODING_AES_KEY_LENGTH = 43
// Config-time validation only, never on the request path.
const ENCODING_AES_KEY_SHAPE = /^[A-Za-z0-9]{43}$/

/**
 * Validates an EncodingAESKey (43 letters and digits) and derives its AES-256 key and CBC IV
 * (§4.1: the IV is the key's first 16 bytes, for every message), as a reusable cipher.
 * Throws WxConfigError naming `field` and the fix; the key itself is never echoed.
 */
export function deriveAesKey(encodingAesKey: string, field: string): CbcCipher {
  if (typeof encodingAesKey !== 'string' || !ENCODING_AES_KEY_SHAPE.test(encodingAesKey)) {
    const got =
      typeof encodingAesKey === 'string'
        ? `got ${encodingAesKey.length} characters${encodingAesKey.length === ENCODING_AES_KEY_LENGTH ? ' including other symbols' : ''}`
        : `got ${typeof encodingAesKey}`
    throw new WxConfigError(
      `${field}: EncodingAESKey must be ${ENCODING_AES_KEY_LENGTH} letters and digits, as shown in 基本配置 (${got}); copy it again from the console`,
      field,
    )
  }
  // 43 base64 characters carry 258 bits; the appended '=' makes a valid 32-byte quantum and
  // the 2 surplus bits are dropped, exactly as WeChat's own samples decode it.
  const raw = Buffer.from(encodingAesKey + '=', 'base64')
  return new CbcCipher(createSecretKey(raw), raw.subarray(0, 16))
}
