import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CbcDecrypter } from './cbc-decrypter.js'

describe('CbcDecrypter', () => {
  it('decrypts exactly as node:crypto AES-256-CBC does, message after message on one decipher', () => {
    const raw = randomBytes(32)
    const key = createSecretKey(raw)
    const iv = raw.subarray(0, 16)
    const decrypter = new CbcDecrypter(key, iv)
    for (let n = 0; n < 300; n++) {
      const plain = randomBytes(16 * (1 + (n % 70)))
      const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
      const cipherText = Buffer.concat([cipher.update(plain), cipher.final()])
      const reference = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
      const expected = Buffer.concat([reference.update(cipherText), reference.final()])
      expect(decrypter.decrypt(cipherText)).toEqual(expected)
      expect(expected).toEqual(plain)
    }
  })

  it('refuses what is not whole blocks, and keeps working afterwards', () => {
    const raw = randomBytes(32)
    const decrypter = new CbcDecrypter(createSecretKey(raw), raw.subarray(0, 16))
    expect(() => decrypter.decrypt(Buffer.alloc(0))).toThrow(RangeError)
    expect(() => decrypter.decrypt(Buffer.alloc(17))).toThrow(/not a whole number/)
    const cipher = createCipheriv('aes-256-cbc', createSecretKey(raw), raw.subarray(0, 16))
    const cipherText = Buffer.concat([
      cipher.update(Buffer.from('sixteen bytes!!!')),
      cipher.final(),
    ])
    expect(decrypter.decrypt(cipherText).subarray(0, 16).toString()).toBe('sixteen bytes!!!')
  })
})
