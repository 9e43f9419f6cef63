import { describe, expect, it } from 'vitest'
import { WxDecryptError, WxSignatureError } from '@wxmp/core'
import { createMessageCipher } from './message-cipher.js'
import { openReply, sealReply } from './reply-envelope.js'
import { verifyMsgSignature } from './signature.js'
import { readChildValue } from './xml-scan.js'
import { thrownBy } from './thrown.test.helper.js'

const TOKEN = 'token123'
const APP_ID = 'wx2c2769f8efd9abc2'
const CURRENT = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const PREVIOUS = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut'
const REPLY =
  '<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_0123456789ab]]></FromUserName>' +
  '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[收到 ]]]]><![CDATA[>]]></Content></xml>'

const cipher = createMessageCipher({ appId: APP_ID, aesKey: CURRENT })
const rotated = createMessageCipher({ appId: APP_ID, aesKey: CURRENT, previousAesKey: PREVIOUS })
const previousOnly = createMessageCipher({ appId: APP_ID, aesKey: PREVIOUS })

const seal = (overrides: Partial<Parameters<typeof sealReply>[1]> = {}): string =>
  sealReply(cipher, {
    token: TOKEN,
    xml: REPLY,
    timestamp: 1700000001,
    nonce: '415670741',
    ...overrides,
  })

describe('sealReply', () => {
  it('produces the four-field envelope of §4.4 in order', () => {
    expect(seal()).toMatch(
      /^<xml><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><MsgSignature><!\[CDATA\[[0-9a-f]{40}\]\]><\/MsgSignature><TimeStamp>1700000001<\/TimeStamp><Nonce><!\[CDATA\[415670741\]\]><\/Nonce><\/xml>$/,
    )
  })

  it('signs TimeStamp, Nonce and Encrypt so WeChat’s msg_signature check passes', () => {
    const sealed = seal()
    const [encrypt, signature] = [
      readChildValue(sealed, 'Encrypt')!,
      readChildValue(sealed, 'MsgSignature')!,
    ]
    expect(verifyMsgSignature(TOKEN, '1700000001', '415670741', encrypt, signature)).toBe(true)
  })

  it('round-trips through openReply, CDATA terminators in the reply included', () => {
    expect(openReply(cipher, TOKEN, seal())).toBe(REPLY)
  })

  it('keeps a hostile nonce or timestamp from injecting elements, and still opens', () => {
    const nonce = ']]><Encrypt>x</Encrypt><![CDATA['
    const sealed = seal({ nonce, timestamp: '1<Evil/>' })
    expect(sealed).not.toContain('<Evil/>')
    // The nonce stays one text value: a reader sees it verbatim and the real Encrypt is untouched.
    expect(readChildValue(sealed, 'Nonce')).toBe(nonce)
    expect(readChildValue(sealed, 'Encrypt')).not.toBe('x')
    expect(openReply(cipher, TOKEN, sealed)).toBe(REPLY)
  })

  it('uses the previous key for keyIndex 1, so only the previous key opens the reply', () => {
    const sealed = sealReply(rotated, {
      token: TOKEN,
      xml: REPLY,
      timestamp: 1700000001,
      nonce: '1',
      keyIndex: 1,
    })
    expect(openReply(previousOnly, TOKEN, sealed)).toBe(REPLY)
    expect(thrownBy(() => openReply(cipher, TOKEN, sealed))).toBeInstanceOf(WxDecryptError)
  })
})

describe('openReply', () => {
  it('rejects a tampered MsgSignature with WxSignatureError', () => {
    const sealed = seal()
    const signature = readChildValue(sealed, 'MsgSignature')!
    const tampered = sealed.replace(
      signature,
      (signature[0] === 'a' ? 'b' : 'a') + signature.slice(1),
    )
    expect(() => openReply(cipher, TOKEN, tampered)).toThrow(WxSignatureError)
  })

  it('rejects an altered Encrypt, TimeStamp or Nonce with WxSignatureError before decrypting', () => {
    const sealed = seal()
    const encrypt = readChildValue(sealed, 'Encrypt')!
    expect(() => openReply(cipher, TOKEN, sealed.replace(encrypt, cipher.encrypt(REPLY)))).toThrow(
      WxSignatureError,
    )
    expect(() => openReply(cipher, TOKEN, sealed.replace('1700000001', '1700000002'))).toThrow(
      WxSignatureError,
    )
    expect(() => openReply(cipher, TOKEN, sealed.replace('415670741', '415670742'))).toThrow(
      WxSignatureError,
    )
  })

  it('rejects a reply signed with another token', () => {
    expect(() => openReply(cipher, 'other-token', seal())).toThrow(WxSignatureError)
  })

  it('rejects a correctly signed reply from another account with reason appid', () => {
    const foreign = createMessageCipher({ appId: 'wx1111111111111111', aesKey: CURRENT })
    const sealed = sealReply(foreign, { token: TOKEN, xml: REPLY, timestamp: 1, nonce: '1' })
    const err = thrownBy(() => openReply(cipher, TOKEN, sealed))
    expect(err).toBeInstanceOf(WxDecryptError)
    expect((err as WxDecryptError).reason).toBe('appid')
  })

  it('rejects an envelope without MsgSignature, TimeStamp or Nonce as a signature failure', () => {
    const sealed = seal()
    for (const field of ['MsgSignature', 'TimeStamp', 'Nonce']) {
      const start = sealed.indexOf(`<${field}>`)
      const end = sealed.indexOf(`</${field}>`) + field.length + 3
      expect(() => openReply(cipher, TOKEN, sealed.slice(0, start) + sealed.slice(end))).toThrow(
        WxSignatureError,
      )
    }
  })

  it('rejects an envelope without Encrypt, or a plaintext reply, as a decrypt failure', () => {
    expect(thrownBy(() => openReply(cipher, TOKEN, REPLY))).toBeInstanceOf(WxDecryptError)
    expect(thrownBy(() => openReply(cipher, TOKEN, 'success'))).toBeInstanceOf(WxDecryptError)
  })
})
