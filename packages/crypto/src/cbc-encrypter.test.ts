import { createCipheriv, createSecretKey, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { CbcEncrypter } from './cbc-encrypter.js'

describe('CbcEncrypter', () => {
  const key = createSecretKey(randomBytes(32))
  const iv = randomBytes(16)
  const reference = (plain: Buffer): Buffer => {
    const c = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false)
    return Buffer.concat([c.update(plain), c.final()])
  }

  it('matches a fresh AES-256-CBC encryption for every message of a long stream', () => {
    const encrypter = new CbcEncrypter(key, iv)
    for (let i = 0; i < 300; i++) {
      const plain = randomBytes(16 * (1 + (i % 40)))
      const expected = reference(plain)
      expect(encrypter.encrypt(Buffer.from(plain)).equals(expected)).toBe(true)
    }
  })

  it('gives the same ciphertext for the same message twice (the IV is fixed, as in WeChat)', () => {
    const encrypter = new CbcEncrypter(key, iv)
    const plain = randomBytes(64)
    const first = encrypter.encrypt(Buffer.from(plain))
    expect(encrypter.encrypt(Buffer.from(plain)).equals(first)).toBe(true)
  })

  it('refuses partial blocks and bad IVs', () => {
    const encrypter = new CbcEncrypter(key, iv)
    expect(() => encrypter.encrypt(Buffer.alloc(0))).toThrow(RangeError)
    expect(() => encrypter.encrypt(Buffer.alloc(17))).toThrow(RangeError)
    expect(() => new CbcEncrypter(key, Buffer.alloc(8))).toThrow(RangeError)
  })
})
