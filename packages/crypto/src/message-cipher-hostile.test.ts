import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { WxDecryptError } from '@wxmp/core'
import { createMessageCipher } from './message-cipher.js'
import { fullStr, pkcs7, rawEncrypt } from './raw-aes.test.helper.js'
import { thrownBy } from './thrown.test.helper.js'

const APP_ID = 'wxba5fad812f8e6fb9'
const CURRENT = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const PREVIOUS = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut'
const RANDOM = Buffer.from('0123456789abcdef')
const XML = '<xml><Content><![CDATA[你好，世界 🌏]]></Content></xml>'

const current = createMessageCipher({ appId: APP_ID, aesKey: CURRENT })
const rotated = createMessageCipher({ appId: APP_ID, aesKey: CURRENT, previousAesKey: PREVIOUS })

/** The WxDecryptError a decrypt throws (fails the test if it throws anything else). */
function decryptError(encrypt: string, cipher = current): WxDecryptError {
  const err = thrownBy(() => cipher.decrypt(encrypt))
  expect(err).toBeInstanceOf(WxDecryptError)
  return err as WxDecryptError
}

describe('MessageCipher hostile input', () => {
  const good = current.encrypt(XML, 0, RANDOM)

  it('rejects a message for another AppID with reason appid', () => {
    const foreign = createMessageCipher({ appId: 'wx1111111111111111', aesKey: CURRENT }).encrypt(
      XML,
    )
    const err = decryptError(foreign)
    expect(err.reason).toBe('appid')
    expect(err.message).toContain('wx1111111111111111')
  })

  it('rejects a message whose AppID is a prefix or extension of ours', () => {
    for (const appId of [APP_ID.slice(0, -1), `${APP_ID}x`, '']) {
      expect(
        decryptError(rawEncrypt(CURRENT, pkcs7(fullStr(RANDOM, Buffer.from(XML), appId)))).reason,
      ).toBe('appid')
    }
  })

  it.each([
    ['symbols', '!!!!'],
    ['URL-safe base64', `-_${good.slice(2)}`],
    ['embedded whitespace', `${good.slice(0, 8)} ${good.slice(9)}`],
    ['a length that is not a multiple of 4', good.slice(0, -1)],
    ['padding in the middle', `AA==${good}`],
    ['one padding character before the last', `${good.slice(0, -2)}=A`],
    ['three padding characters', `${good.slice(0, -3)}===`],
    ['non-ASCII characters', `${good.slice(0, -4)}你好==`],
  ])('rejects %s as base64', (_label, input) => {
    expect(decryptError(input).reason).toBe('base64')
  })

  it('rejects an empty Encrypt as too short', () => {
    expect(decryptError('').reason).toBe('length')
  })

  it('rejects ciphertext that is not whole AES blocks', () => {
    const cut = Buffer.from(good, 'base64').subarray(0, 40).toString('base64')
    expect(decryptError(cut).reason).toBe('length')
  })

  it('rejects ciphertext truncated by whole blocks', () => {
    const bytes = Buffer.from(good, 'base64')
    for (let blocks = 1; blocks * 16 < bytes.length; blocks++) {
      const err = decryptError(bytes.subarray(0, bytes.length - blocks * 16).toString('base64'))
      expect(['padding', 'length']).toContain(err.reason)
    }
  })

  // 20 + 18 + 18 = 56 bytes, so a correct pad is 8 bytes of 8; each case breaks it one way.
  const padded = (): Buffer => pkcs7(fullStr(RANDOM, Buffer.from('x'.repeat(18)), APP_ID))

  it.each([
    ['a pad byte of 0', (p: Buffer) => p.fill(0, p.length - 8)],
    ['a pad byte above 32', (p: Buffer) => p.fill(33, p.length - 1)],
    ['pad bytes that disagree', (p: Buffer) => p.fill(7, p.length - 2, p.length - 1)],
    ['a pad count longer than the padding', (p: Buffer) => p.fill(9, p.length - 1)],
  ])('rejects %s as a padding error', (_label, corrupt) => {
    const plain = padded()
    expect(plain.at(-1)).toBe(8)
    expect(current.decrypt(rawEncrypt(CURRENT, plain)).xml).toBe('x'.repeat(18))
    corrupt(plain)
    expect(decryptError(rawEncrypt(CURRENT, plain)).reason).toBe('padding')
  })

  it('rejects a length field pointing past the end', () => {
    const lying = (lengthField: number): string =>
      rawEncrypt(CURRENT, pkcs7(fullStr(RANDOM, Buffer.from(XML), APP_ID, lengthField)))
    const room = Buffer.byteLength(XML) + APP_ID.length
    expect(decryptError(lying(room + 1)).reason).toBe('length')
    expect(decryptError(lying(0xffffffff)).reason).toBe('length')
    // Exactly to the end is structurally valid; the AppID is then empty and is what fails.
    expect(decryptError(lying(room)).reason).toBe('appid')
  })

  it('rejects a message shorter than the 20-byte header', () => {
    expect(decryptError(rawEncrypt(CURRENT, pkcs7(Buffer.from('0123456789')))).reason).toBe(
      'length',
    )
    expect(decryptError(rawEncrypt(CURRENT, Buffer.alloc(32, 32))).reason).toBe('length')
  })

  it('rejects 1 MB of garbage, base64 or not, with WxDecryptError only', () => {
    const garbage = randomBytes(1024 * 1024)
    expect(decryptError(garbage.toString('latin1')).reason).toBe('base64')
    expect(['padding', 'length', 'appid']).toContain(
      decryptError(garbage.toString('base64'), rotated).reason,
    )
  })

  it('throws nothing but WxDecryptError for a thousand random inputs', () => {
    const makers = [
      () => randomBytes(Math.floor(Math.random() * 300)).toString('base64'),
      () => randomBytes(16 * Math.floor(Math.random() * 20)).toString('base64'),
      () => randomBytes(Math.floor(Math.random() * 100)).toString('latin1'),
      () => good.slice(0, Math.floor(Math.random() * good.length)),
    ]
    for (let i = 0; i < 1000; i++) {
      const input = makers[i % makers.length]!()
      expect(thrownBy(() => rotated.decrypt(input))).toBeInstanceOf(WxDecryptError)
    }
  })
})
