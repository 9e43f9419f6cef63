/**
 * Turns an EncodingAESKey from the console (基本配置) into AES-256 key material, once per
 * account, so the per-request path only creates a cipher from ready-made objects.
 */
import { createSecretKey, type KeyObject } from 'node:crypto'
import { WxConfigError } from '@wxmp/core'
import { CbcDecrypter } from './cbc-decrypter.js'
import { CbcEncrypter } from './cbc-encrypter.js'

/** AES-256 key and CBC IV derived from one EncodingAESKey (§4.1). */
export interface AesKeyMaterial {
  /** The 32-byte AES key, as a KeyObject so node:crypto does not re-import it per call. */
  readonly key: KeyObject
  /** The IV: WeChat uses the first 16 bytes of the key, for every message. */
  readonly iv: Buffer
  /** Decrypts under this key and IV with one reusable decipher (see `CbcDecrypter`). */
  readonly decrypter: CbcDecrypter
  /** Encrypts under this key and IV with one reusable cipher (see `CbcEncrypter`). */
  readonly encrypter: CbcEncrypter
}

const ENCODING_AES_KEY_LENGTH = 43
// Config-time validation only, never on the request path.
const ENCODING_AES_KEY_SHAPE = /^[A-Za-z0-9]{43}$/

/**
 * Validates an EncodingAESKey (43 letters and digits) and derives its key and IV.
 * Throws WxConfigError naming `field` and the fix; the key itself is never echoed.
 */
export function deriveAesKey(encodingAesKey: string, field: string): AesKeyMaterial {
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
  const key = createSecretKey(raw)
  const iv = Buffer.from(raw.subarray(0, 16))
  return { key, iv, decrypter: new CbcDecrypter(key, iv), encrypter: new CbcEncrypter(key, iv) }
}
