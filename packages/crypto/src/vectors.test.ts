import { describe, expect, it } from 'vitest'
import { WxDecryptError, WxSignatureError } from '@wxmp/core'
import { createMessageCipher } from './message-cipher.js'
import { buildPush } from './push.js'
import { openReply, sealReply } from './reply-envelope.js'
import { jsSdkSignature } from './jssdk.js'
import {
  msgSignature,
  sha1Signature,
  urlSignature,
  verifyMsgSignature,
  verifyUrlSignature,
} from './signature.js'
import { rawDecrypt } from './raw-aes.test.helper.js'
import { thrownBy } from './thrown.test.helper.js'
import { vectors } from './vectors.test.helper.js'

const SECTIONS = [
  'signature',
  'msg_signature',
  'aes_encrypt',
  'aes_decrypt',
  'envelopes',
  'jssdk_signature',
]

/** The 16-byte random prefix of an official ciphertext, read with raw AES so it does not depend on the code under test. */
function randomPrefixOf(encodingAesKey: string, encrypt: string): Buffer {
  return rawDecrypt(encodingAesKey, encrypt).subarray(0, 16)
}

describe('official test vectors', () => {
  it('has a test loop for every vector section in the file, so a new section cannot go unchecked', () => {
    const sections = Object.entries(vectors as unknown as Record<string, unknown>)
      .filter(([, value]) => Array.isArray(value))
      .map(([key]) => key)
    expect(sections.sort()).toEqual([...SECTIONS].sort())
    for (const section of SECTIONS)
      expect((vectors as unknown as Record<string, unknown[]>)[section]!.length).toBeGreaterThan(0)
  })

  describe.each(vectors.signature)('URL signature $id', (v) => {
    it('computes the expected signature and accepts it', () => {
      expect(urlSignature(v.token, v.timestamp, v.nonce)).toBe(v.expected_signature)
      expect(verifyUrlSignature(v.token, v.timestamp, v.nonce, v.expected_signature)).toBe(true)
    })

    it('gives the same signature whatever order the parts are passed in', () => {
      expect(sha1Signature([v.nonce, v.token, v.timestamp])).toBe(v.expected_signature)
      expect(sha1Signature([v.timestamp, v.nonce, v.token])).toBe(v.expected_signature)
      if (v.sorted_concat !== undefined)
        expect([v.token, v.timestamp, v.nonce].sort().join('')).toBe(v.sorted_concat)
    })
  })

  describe.each(vectors.msg_signature)('msg_signature $id', (v) => {
    it('computes the expected msg_signature and accepts it', () => {
      expect(msgSignature(v.token, v.timestamp, v.nonce, v.encrypt)).toBe(v.expected_msg_signature)
      expect(
        verifyMsgSignature(v.token, v.timestamp, v.nonce, v.encrypt, v.expected_msg_signature),
      ).toBe(true)
    })
  })

  describe.each(vectors.aes_encrypt)('AES encrypt $id', (v) => {
    const cipher = createMessageCipher({ appId: v.appid, aesKey: v.encoding_aes_key })

    it('reproduces the official ciphertext byte for byte from the given random prefix', () => {
      const encrypt = cipher.encrypt(v.plaintext, 0, Buffer.from(v.random, 'utf8'))
      expect(encrypt).toBe(v.expected_encrypt)
      expect(Buffer.from(encrypt, 'base64')).toHaveLength(v.expected_ciphertext_bytes)
    })

    it('decrypts its own output back to the plaintext', () => {
      const opened = cipher.decrypt(v.expected_encrypt)
      expect(opened).toEqual({ xml: v.plaintext, keyIndex: 0 })
      expect(Buffer.byteLength(opened.xml)).toBe(v.expected_msg_len)
    })
  })

  describe.each(vectors.aes_decrypt)('AES decrypt $id', (v) => {
    const cipher = createMessageCipher({ appId: v.appid, aesKey: v.encoding_aes_key })
    const plaintext = v.expected_plaintext ?? v.expected_plaintext_derived
    const random = v.expected_random ?? v.expected_random_derived
    const msgLen = v.expected_msg_len ?? v.expected_msg_len_derived

    it('decrypts to the expected message with the current key', () => {
      expect(v.expected_appid).toBe(v.appid)
      const opened = cipher.decrypt(v.encrypt)
      expect(opened).toEqual({ xml: plaintext, keyIndex: 0 })
      if (msgLen !== undefined) expect(Buffer.byteLength(opened.xml)).toBe(msgLen)
    })

    it('re-encrypts to the same ciphertext from the same random prefix', () => {
      expect(random).toBeDefined()
      expect(cipher.encrypt(plaintext!, 0, Buffer.from(random!, 'utf8'))).toBe(v.encrypt)
    })

    it('rejects the message for an account with another AppID', () => {
      const other = createMessageCipher({ appId: 'wx0000000000000000', aesKey: v.encoding_aes_key })
      const err = thrownBy(() => other.decrypt(v.encrypt))
      expect(err).toBeInstanceOf(WxDecryptError)
      expect((err as WxDecryptError).reason).toBe('appid')
    })
  })

  describe.each(vectors.envelopes)('envelope $id', (v) => {
    const cipher = createMessageCipher({ appId: v.appid, aesKey: v.encoding_aes_key })
    const q = v.inbound_query
    const reply = v.reply_body_json

    it('accepts the inbound signature and msg_signature and decrypts the body', () => {
      expect(verifyUrlSignature(v.token, q.timestamp!, q.nonce!, q.signature!)).toBe(true)
      expect(
        verifyMsgSignature(
          v.token,
          q.timestamp!,
          q.nonce!,
          v.inbound_body_json.Encrypt,
          q.msg_signature!,
        ),
      ).toBe(true)
      expect(cipher.decrypt(v.inbound_body_json.Encrypt).keyIndex).toBe(0)
    })

    it('buildPush reproduces the official safe-mode query and body exactly', () => {
      const xml = cipher.decrypt(v.inbound_body_json.Encrypt).xml
      const push = buildPush({
        token: v.token,
        appId: v.appid,
        aesKey: v.encoding_aes_key,
        mode: 'safe',
        xml,
        toUserName: v.inbound_body_json.ToUserName,
        openid: q.openid,
        timestamp: q.timestamp,
        nonce: q.nonce,
        random16: randomPrefixOf(v.encoding_aes_key, v.inbound_body_json.Encrypt),
      })
      const officialQuery = Object.entries(q)
        .map(([key, value]) => `${key}=${value}`)
        .join('&')
      expect(push.query).toBe(officialQuery)
      expect(push.body).toBe(
        `<xml><ToUserName><![CDATA[${v.inbound_body_json.ToUserName}]]></ToUserName>` +
          `<Encrypt><![CDATA[${v.inbound_body_json.Encrypt}]]></Encrypt></xml>`,
      )
    })

    it('sealReply reproduces the official reply envelope and openReply opens it', () => {
      const replyXml = cipher.decrypt(reply.Encrypt).xml
      const sealed = sealReply(cipher, {
        token: v.token,
        xml: replyXml,
        timestamp: reply.TimeStamp,
        nonce: reply.Nonce,
        random16: randomPrefixOf(v.encoding_aes_key, reply.Encrypt),
      })
      expect(sealed).toBe(
        `<xml><Encrypt><![CDATA[${reply.Encrypt}]]></Encrypt><MsgSignature><![CDATA[${reply.MsgSignature}]]></MsgSignature>` +
          `<TimeStamp>${reply.TimeStamp}</TimeStamp><Nonce><![CDATA[${reply.Nonce}]]></Nonce></xml>`,
      )
      expect(openReply(cipher, v.token, sealed)).toBe(replyXml)
    })

    it('openReply accepts the official reply laid out as in the documentation, and no other token', () => {
      const documented = [
        '<xml>',
        `  <Encrypt><![CDATA[${reply.Encrypt}]]></Encrypt>`,
        `  <MsgSignature><![CDATA[${reply.MsgSignature}]]></MsgSignature>`,
        `  <TimeStamp>${reply.TimeStamp}</TimeStamp>`,
        `  <Nonce><![CDATA[${reply.Nonce}]]></Nonce>`,
        '</xml>',
      ].join('\n')
      expect(openReply(cipher, v.token, documented)).toBe(cipher.decrypt(reply.Encrypt).xml)
      expect(() => openReply(cipher, v.token + 'x', documented)).toThrow(WxSignatureError)
    })
  })

  describe.each(vectors.jssdk_signature)('JS-SDK signature $id', (v) => {
    const input = {
      jsapiTicket: v.jsapi_ticket,
      nonceStr: v.noncestr,
      timestamp: v.timestamp,
      url: v.url,
    }

    it('computes the expected signature', () => {
      expect(jsSdkSignature(input)).toBe(v.expected_signature)
    })

    it('signs the page URL without its #fragment, as WeChat does', () => {
      expect(jsSdkSignature({ ...input, url: `${v.url}#/route?x=1` })).toBe(v.expected_signature)
    })
  })
})
