import { describe, expect, it } from 'vitest'
import { WxConfigError, WxDecryptError } from '@wxmp/core'
import { createMessageCipher } from './message-cipher.js'
import { rawDecrypt } from './raw-aes.test.helper.js'
import { thrownBy } from './thrown.test.helper.js'

const APP_ID = 'wxba5fad812f8e6fb9'
const CURRENT = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const PREVIOUS = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut'
const RANDOM = Buffer.from('0123456789abcdef')
const XML = '<xml><Content><![CDATA[你好，世界 🌏]]></Content></xml>'

const current = createMessageCipher({ appId: APP_ID, aesKey: CURRENT })
const rotated = createMessageCipher({ appId: APP_ID, aesKey: CURRENT, previousAesKey: PREVIOUS })
const previousOnly = createMessageCipher({ appId: APP_ID, aesKey: PREVIOUS })

/** The WxDecryptError a decrypt throws (fails the test if it throws anything else). */
function decryptError(encrypt: string, cipher = current): WxDecryptError {
  const err = thrownBy(() => cipher.decrypt(encrypt))
  expect(err).toBeInstanceOf(WxDecryptError)
  return err as WxDecryptError
}

describe('createMessageCipher configuration', () => {
  it.each([
    ['42 characters', CURRENT.slice(1)],
    ['44 characters', `${CURRENT}A`],
    ['a "+" inside', `${CURRENT.slice(0, 42)}+`],
    ['a trailing "="', `${CURRENT.slice(0, 42)}=`],
    ['empty', ''],
  ])(
    'rejects an EncodingAESKey with %s, naming the fix and not echoing the key',
    (_label, aesKey) => {
      const err = thrownBy(() => createMessageCipher({ appId: APP_ID, aesKey }))
      expect(err).toBeInstanceOf(WxConfigError)
      expect((err as WxConfigError).field).toBe('aesKey')
      expect((err as Error).message).toContain(
        'EncodingAESKey must be 43 letters and digits, as shown in 基本配置',
      )
      if (aesKey.length > 0) expect((err as Error).message).not.toContain(aesKey)
    },
  )

  it('rejects an invalid previous EncodingAESKey under its own field name', () => {
    const err = thrownBy(() =>
      createMessageCipher({ appId: APP_ID, aesKey: CURRENT, previousAesKey: 'short' }),
    )
    expect(err).toBeInstanceOf(WxConfigError)
    expect((err as WxConfigError).field).toBe('previousAesKey')
  })

  it('rejects an empty AppID', () => {
    expect(() => createMessageCipher({ appId: '', aesKey: CURRENT })).toThrow(WxConfigError)
  })
})

describe('MessageCipher round trips', () => {
  it('decrypts what it encrypts, multi-byte UTF-8 included, with the current key', () => {
    expect(current.decrypt(current.encrypt(XML))).toEqual({ xml: XML, keyIndex: 0 })
  })

  it('pads every message length to whole 32-byte blocks that still decrypt', () => {
    for (let length = 0; length <= 70; length++) {
      const xml = 'x'.repeat(length)
      const encrypt = current.encrypt(xml)
      // 20 header bytes + message + AppID, plus 1..32 pad bytes.
      const body = 20 + length + APP_ID.length
      expect(Buffer.from(encrypt, 'base64').length).toBe(body + 32 - (body % 32))
      expect(current.decrypt(encrypt).xml).toBe(xml)
    }
  })

  it('uses a fresh random prefix each time, across many messages, so equal messages differ', () => {
    // 600 messages use more random bytes than one refill of the internal pool provides.
    const prefixes = new Set<string>()
    for (let i = 0; i < 600; i++) {
      prefixes.add(rawDecrypt(CURRENT, current.encrypt(XML)).toString('hex', 0, 16))
    }
    expect(prefixes.size).toBe(600)
  })

  it('lays out random, big-endian length, message and AppID as WeChat expects', () => {
    const plain = rawDecrypt(CURRENT, current.encrypt(XML, 0, RANDOM))
    const length = Buffer.byteLength(XML)
    expect(plain.subarray(0, 16)).toEqual(RANDOM)
    expect(plain.readUInt32BE(16)).toBe(length)
    expect(plain.toString('utf8', 20, 20 + length)).toBe(XML)
    expect(plain.toString('latin1', 20 + length, 20 + length + APP_ID.length)).toBe(APP_ID)
  })

  it('rejects a random prefix that is not 16 bytes', () => {
    expect(() => current.encrypt(XML, 0, Buffer.alloc(15))).toThrow(RangeError)
  })
})

describe('MessageCipher key rotation', () => {
  it('decrypts a message encrypted with the previous key and reports keyIndex 1', () => {
    expect(rotated.decrypt(previousOnly.encrypt(XML))).toEqual({ xml: XML, keyIndex: 1 })
  })

  it('prefers the current key and reports keyIndex 0 when it works', () => {
    expect(rotated.decrypt(current.encrypt(XML))).toEqual({ xml: XML, keyIndex: 0 })
  })

  it('encrypts with the previous key for keyIndex 1, which only the previous key opens', () => {
    const encrypt = rotated.encrypt(XML, 1)
    expect(previousOnly.decrypt(encrypt).xml).toBe(XML)
    expect(decryptError(encrypt, current)).toBeInstanceOf(WxDecryptError)
  })

  it('refuses keyIndex 1 when no previous key is configured', () => {
    expect(() => current.encrypt(XML, 1)).toThrow(WxConfigError)
  })

  it('reports appid when the current key fails padding but the previous key opens another account’s message', () => {
    const foreign = createMessageCipher({ appId: 'wx1111111111111111', aesKey: PREVIOUS }).encrypt(
      XML,
      0,
      RANDOM,
    )
    // Precondition: under the current key alone this ciphertext is a padding failure.
    expect(decryptError(foreign, current).reason).toBe('padding')
    expect(decryptError(foreign, rotated).reason).toBe('appid')
  })
})
