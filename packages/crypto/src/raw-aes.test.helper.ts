/**
 * Test-only AES primitives written straight on node:crypto, independent of message-cipher.ts,
 * so tests can forge FullStr layouts (bad padding, lying length fields) and read the random
 * prefix of official vectors without trusting the code under test.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto'

/** The 32-byte AES key of an EncodingAESKey (base64 of key + '='). */
export function rawKey(encodingAesKey: string): Buffer {
  return Buffer.from(encodingAesKey + '=', 'base64')
}

/** AES-256-CBC with IV = key[0..16) and no padding; `plain` must be whole 16-byte blocks. */
export function rawEncrypt(encodingAesKey: string, plain: Buffer): string {
  const key = rawKey(encodingAesKey)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64')
}

/** Inverse of rawEncrypt: the decrypted bytes, padding included. */
export function rawDecrypt(encodingAesKey: string, encrypt: string): Buffer {
  const key = rawKey(encodingAesKey)
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()])
}

/** random(16) || uint32-BE length || msg || appid, with no padding added. */
export function fullStr(
  random16: Buffer,
  msg: Buffer,
  appId: string,
  lengthField = msg.length,
): Buffer {
  const header = Buffer.alloc(20)
  random16.copy(header, 0, 0, 16)
  header.writeUInt32BE(lengthField, 16)
  return Buffer.concat([header, msg, Buffer.from(appId, 'utf8')])
}

/** `body` with WeChat's PKCS#7 padding to 32-byte blocks (1..32 bytes, each equal to the count). */
export function pkcs7(body: Buffer): Buffer {
  const count = 32 - (body.length % 32)
  return Buffer.concat([body, Buffer.alloc(count, count)])
}
