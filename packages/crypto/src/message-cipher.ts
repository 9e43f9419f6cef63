/**
 * AES-256-CBC encryption of pushes and replies (§4): FullStr = random(16) || uint32-BE length ||
 * message || AppID, padded to 32-byte blocks. Each key becomes one reusable cipher (`CbcCipher`)
 * once per account.
 */
import { WxConfigError, WxDecryptError } from '@wxmp/core'
import { deriveAesKey } from './aes-key.js'
import type { CbcCipher } from './cbc-cipher.js'
import { decodeStrictBase64 } from './base64.js'
import { padLength, unpaddedLength } from './block-padding.js'
import { fillRandom } from './random-pool.js'

/** Which EncodingAESKey a message used: 0 the current one, 1 the previous one (key rotation). */
export type KeyIndex = 0 | 1

/** Account settings for {@link createMessageCipher}. */
export interface MessageCipherOptions {
  /** The account's AppID; decrypted messages must end with it. */
  appId: string
  /** The current EncodingAESKey (43 letters and digits). */
  aesKey: string
  /** The EncodingAESKey before the last change, still tried when the current one fails. */
  previousAesKey?: string | undefined
}

/** A decrypted push, with the key that opened it so the reply can use the same key. */
export interface DecryptedMessage {
  /** The plaintext message (the XML WeChat encrypted). */
  xml: string
  /** 0 when the current key worked, 1 when only the previous key did. */
  keyIndex: KeyIndex
}

/** Encrypts and decrypts `Encrypt` values for one account. */
export interface MessageCipher {
  /** The AppID this cipher appends and expects. */
  readonly appId: string
  /** Decrypts a base64 `Encrypt` value; throws WxDecryptError (and nothing else) when it cannot. */
  decrypt(encryptBase64: string): DecryptedMessage
  /** Encrypts `xml` with the current (0) or previous (1) key; `random16` fixes the random prefix for tests. */
  encrypt(xml: string, keyIndex?: KeyIndex, random16?: Buffer): string
}

const RANDOM_BYTES = 16
// Random prefix plus the 4-byte length field.
const HEADER_BYTES = RANDOM_BYTES + 4
const AES_BLOCK = 16

type FailureReason = 'length' | 'padding' | 'appid'
interface Failure {
  readonly reason: FailureReason
  readonly message: string
}

// When both keys fail, report the failure that got furthest: 'appid' means a key really opened
// the message (it belongs to another account), 'length' that padding happened to look valid.
const DEPTH: Record<FailureReason, number> = { padding: 0, length: 1, appid: 2 }

/**
 * Creates the cipher for one account. Validates both keys and the AppID up front and throws
 * WxConfigError naming the field to fix.
 */
export function createMessageCipher(options: MessageCipherOptions): MessageCipher {
  const { appId, aesKey, previousAesKey } = options
  if (typeof appId !== 'string' || appId.length === 0) {
    throw new WxConfigError(
      'appId: the AppID is required to encrypt messages (开发 → 基本配置)',
      'appId',
    )
  }
  const current = deriveAesKey(aesKey, 'aesKey')
  const previous =
    previousAesKey === undefined ? undefined : deriveAesKey(previousAesKey, 'previousAesKey')
  const appIdBytes = Buffer.from(appId, 'utf8')

  return {
    appId,

    decrypt(encryptBase64: string): DecryptedMessage {
      const cipherText =
        typeof encryptBase64 === 'string' ? decodeStrictBase64(encryptBase64) : undefined
      if (cipherText === undefined) {
        throw new WxDecryptError('base64', 'Encrypt is not valid base64')
      }
      // Key-independent checks fail fast: no key can help a ciphertext that is not whole blocks.
      // Whole 16-byte blocks suffice here; WeChat always sends multiples of 32, but the padding
      // check below is what rejects bad input, and it also accepts senders using 16-byte blocks.
      if (cipherText.length === 0 || cipherText.length % AES_BLOCK !== 0) {
        throw new WxDecryptError(
          'length',
          `ciphertext of ${cipherText.length} bytes is not a whole number of AES blocks`,
        )
      }
      const first = open(current, cipherText, appIdBytes)
      if (typeof first === 'string') return { xml: first, keyIndex: 0 }
      if (previous === undefined) throw new WxDecryptError(first.reason, first.message)
      const second = open(previous, cipherText, appIdBytes)
      if (typeof second === 'string') return { xml: second, keyIndex: 1 }
      const worst = DEPTH[second.reason] > DEPTH[first.reason] ? second : first
      throw new WxDecryptError(
        worst.reason,
        `${worst.message} (tried the current and the previous EncodingAESKey)`,
      )
    },

    encrypt(xml: string, keyIndex: KeyIndex = 0, random16?: Buffer): string {
      const material = keyIndex === 1 ? previous : current
      if (material === undefined) {
        throw new WxConfigError(
          'encrypt: keyIndex 1 needs previousAesKey in the account settings',
          'previousAesKey',
        )
      }
      if (random16 !== undefined && random16.length !== RANDOM_BYTES) {
        throw new RangeError(
          `random16 must be exactly ${RANDOM_BYTES} bytes, got ${random16.length}`,
        )
      }
      const msgLength = Buffer.byteLength(xml, 'utf8')
      const bodyLength = HEADER_BYTES + msgLength + appIdBytes.length
      const pad = padLength(bodyLength)
      // One buffer for the whole FullStr; every byte is written below, so allocUnsafe is safe.
      const plain = Buffer.allocUnsafe(bodyLength + pad)
      if (random16 === undefined) fillRandom(plain, 0, RANDOM_BYTES)
      else random16.copy(plain, 0, 0, RANDOM_BYTES)
      plain.writeUInt32BE(msgLength, RANDOM_BYTES)
      plain.write(xml, HEADER_BYTES, msgLength, 'utf8')
      appIdBytes.copy(plain, HEADER_BYTES + msgLength)
      plain.fill(pad, bodyLength)
      return material.encrypt(plain).toString('base64')
    },
  }
}

/** Decrypts with one key; returns the message or why it failed, without throwing (the caller may try another key). */
function open(material: CbcCipher, cipherText: Buffer, appIdBytes: Buffer): string | Failure {
  let plain: Buffer
  try {
    plain = material.decrypt(cipherText)
  } catch (cause) {
    // Unreachable for whole blocks, but the contract is "WxDecryptError only", so map it anyway.
    return { reason: 'length', message: `AES decryption failed: ${String(cause)}` }
  }
  const end = unpaddedLength(plain, plain.length)
  if (end < 0)
    return {
      reason: 'padding',
      message: 'invalid padding: wrong EncodingAESKey or corrupted Encrypt',
    }
  if (end < HEADER_BYTES)
    return { reason: 'length', message: 'decrypted message is shorter than its header' }
  const msgLength = plain.readUInt32BE(RANDOM_BYTES)
  const msgEnd = HEADER_BYTES + msgLength
  if (msgLength > end - HEADER_BYTES) {
    return {
      reason: 'length',
      message: `message length ${msgLength} points past the end of the decrypted data`,
    }
  }
  // compare() works on offsets, so checking the AppID allocates nothing.
  if (plain.compare(appIdBytes, 0, appIdBytes.length, msgEnd, end) !== 0) {
    return {
      reason: 'appid',
      message: `message is for AppID ${describeAppId(plain, msgEnd, end)}, not ${JSON.stringify(appIdBytes.toString('utf8'))}`,
    }
  }
  return plain.toString('utf8', HEADER_BYTES, msgEnd)
}

/** The foreign AppID for an error message, quoted only when it is short printable ASCII (it may be attacker bytes). */
function describeAppId(plain: Buffer, start: number, end: number): string {
  if (end - start > 64) return `<${end - start} bytes>`
  for (let i = start; i < end; i++) {
    const byte = plain[i] ?? 0
    if (byte < 0x20 || byte > 0x7e) return `<${end - start} bytes>`
  }
  return JSON.stringify(plain.toString('latin1', start, end))
}
