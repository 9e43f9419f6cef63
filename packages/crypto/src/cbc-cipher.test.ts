/** CbcCipher against node:crypto's own AES-256-CBC, both ways, over many messages on one cipher. */
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CbcCipher } from './cbc-cipher.js'

describe('CbcCipher decrypt', () => {
  it('decrypts exactly as node:crypto AES-256-CBC does, message after message on one decipher', () => {
    const raw = randomBytes(32)
    const key = createSecretKey(raw)
    const iv = raw.subarray(0, 16)
    const decrypter = new CbcCipher(key, iv)
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
    const decrypter = new CbcCipher(createSecretKey(raw), raw.subarray(0, 16))
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

describe('CbcCipher encrypt', () => {
  const key = createSecretKey(randomBytes(32))
  const iv = randomBytes(16)
  const reference = (plain: Buffer): Buffer => {
    const c = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
    return Buffer.concat([c.update(plain), c.final()])
  }

  it('matches a fresh AES-256-CBC encryption for every message of a long stream', () => {
    const encrypter = new CbcCipher(key, iv)
    for (let i = 0; i < 300; i++) {
      const plain = randomBytes(16 * (1 + (i % 40)))
      const expected = reference(plain)
      expect(encrypter.encrypt(Buffer.from(plain)).equals(expected)).toBe(true)
    }
  })

  it('gives the same ciphertext for the same message twice (the IV is fixed, as in WeChat)', () => {
    const encrypter = new CbcCipher(key, iv)
    const plain = randomBytes(64)
    const first = encrypter.encrypt(Buffer.from(plain))
    expect(encrypter.encrypt(Buffer.from(plain)).equals(first)).toBe(true)
  })

  it('refuses partial blocks and bad IVs', () => {
    const encrypter = new CbcCipher(key, iv)
    expect(() => encrypter.encrypt(Buffer.alloc(0))).toThrow(RangeError)
    expect(() => encrypter.encrypt(Buffer.alloc(17))).toThrow(RangeError)
    expect(() => new CbcCipher(key, Buffer.alloc(8))).toThrow(RangeError)
  })
})
