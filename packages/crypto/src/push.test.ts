import { describe, expect, it } from 'vitest'
import { WxConfigError, type Clock } from '@wxmp/core'
import { createMessageCipher } from './message-cipher.js'
import { buildPush, buildUrlVerification } from './push.js'
import { verifyMsgSignature, verifyUrlSignature } from './signature.js'
import { readChildValue } from './xml-scan.js'

const TOKEN = 'AAAAA'
const APP_ID = 'wxba5fad812f8e6fb9'
const AES_KEY = 'A'.repeat(43)
const XML =
  '<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>' +
  '<CreateTime>1714112445</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[<Encrypt>not this</Encrypt> 你好]]></Content>' +
  '<MsgId>6054768590064713728</MsgId></xml>'
const account = {
  token: TOKEN,
  appId: APP_ID,
  aesKey: AES_KEY,
  xml: XML,
  timestamp: 1714112445,
  nonce: '415670741',
}
const cipher = createMessageCipher({ appId: APP_ID, aesKey: AES_KEY })
const fixedClock = (ms: number): Clock => ({
  now: () => ms,
  setTimeout: () => ({}),
  clearTimeout: () => undefined,
})

/** The query as a plain record, the way a webhook reads it. */
const params = (query: string): Record<string, string> =>
  Object.fromEntries(new URLSearchParams(query))

describe('buildPush', () => {
  it('plain mode sends the XML as is with signature, timestamp, nonce and openid in that order', () => {
    const push = buildPush({ ...account, mode: 'plain' })
    expect(push.body).toBe(XML)
    expect(Object.keys(params(push.query))).toEqual(['signature', 'timestamp', 'nonce', 'openid'])
    const q = params(push.query)
    expect(q.openid).toBe('o9AgO5Kd5ggOC-bXrbNODIiE3bGY')
    expect(verifyUrlSignature(TOKEN, q.timestamp!, q.nonce!, q.signature!)).toBe(true)
  })

  it('safe mode sends only ToUserName and an Encrypt that decrypts back to the XML', () => {
    const push = buildPush({ ...account, mode: 'safe' })
    const encrypt = readChildValue(push.body, 'Encrypt')!
    expect(push.body).toBe(
      `<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`,
    )
    expect(cipher.decrypt(encrypt)).toEqual({ xml: XML, keyIndex: 0 })
  })

  it.each(['compat', 'safe'] as const)(
    '%s mode adds encrypt_type=aes and a msg_signature that verifies',
    (mode) => {
      const push = buildPush({ ...account, mode })
      const q = params(push.query)
      expect(Object.keys(q)).toEqual([
        'signature',
        'timestamp',
        'nonce',
        'openid',
        'encrypt_type',
        'msg_signature',
      ])
      expect(q.encrypt_type).toBe('aes')
      expect(verifyUrlSignature(TOKEN, q.timestamp!, q.nonce!, q.signature!)).toBe(true)
      expect(
        verifyMsgSignature(
          TOKEN,
          q.timestamp!,
          q.nonce!,
          readChildValue(push.body, 'Encrypt')!,
          q.msg_signature!,
        ),
      ).toBe(true)
    },
  )

  it('compat mode keeps every plaintext field and appends Encrypt inside the root', () => {
    const push = buildPush({ ...account, mode: 'compat' })
    expect(push.body.startsWith(XML.slice(0, -'</xml>'.length))).toBe(true)
    expect(push.body.endsWith(']]></Encrypt></xml>')).toBe(true)
    expect(readChildValue(push.body, 'MsgId')).toBe('6054768590064713728')
    expect(cipher.decrypt(readChildValue(push.body, 'Encrypt')!).xml).toBe(XML)
  })

  it('uses an explicit ToUserName and openid over the ones in the XML', () => {
    const push = buildPush({
      ...account,
      mode: 'safe',
      toUserName: 'gh_000000000000',
      openid: 'oOther',
    })
    expect(readChildValue(push.body, 'ToUserName')).toBe('gh_000000000000')
    expect(params(push.query).openid).toBe('oOther')
  })

  it('omits openid when neither the options nor the XML name a sender', () => {
    const push = buildPush({
      token: TOKEN,
      mode: 'plain',
      xml: '<xml><Event><![CDATA[x]]></Event></xml>',
    })
    expect(params(push.query).openid).toBeUndefined()
  })

  it('defaults the timestamp to now in seconds and the nonce to 9–10 random digits', () => {
    const push = buildPush({
      token: TOKEN,
      mode: 'plain',
      xml: XML,
      clock: fixedClock(1_714_112_445_999),
    })
    const q = params(push.query)
    expect(q.timestamp).toBe('1714112445')
    expect(q.nonce).toMatch(/^[1-9]\d{8,9}$/)
    expect(params(buildPush({ token: TOKEN, mode: 'plain', xml: XML }).query).nonce).not.toBe(
      q.nonce,
    )
  })

  it('reproduces a given random prefix exactly, for deterministic fixtures', () => {
    const random16 = Buffer.from('a8eedb185eb2fecf')
    expect(buildPush({ ...account, mode: 'safe', random16 })).toEqual(
      buildPush({ ...account, mode: 'safe', random16 }),
    )
  })

  it.each(['compat', 'safe'] as const)(
    '%s mode without an EncodingAESKey is a configuration error',
    (mode) => {
      expect(() => buildPush({ token: TOKEN, appId: APP_ID, mode, xml: XML })).toThrow(
        WxConfigError,
      )
    },
  )
})

describe('buildUrlVerification', () => {
  it('builds a signed GET query that carries the echostr to echo', () => {
    const q = params(
      buildUrlVerification({
        token: TOKEN,
        echostr: '4375120948345356249',
        timestamp: '1714036504',
        nonce: '1514711492',
      }),
    )
    expect(Object.keys(q)).toEqual(['signature', 'timestamp', 'nonce', 'echostr'])
    expect(q.signature).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696')
    expect(q.echostr).toBe('4375120948345356249')
  })

  it('defaults to a 19-digit echostr, a random nonce and the clock’s time, still correctly signed', () => {
    const q = params(buildUrlVerification({ token: TOKEN, clock: fixedClock(1_714_036_504_000) }))
    expect(q.timestamp).toBe('1714036504')
    expect(q.echostr).toMatch(/^[1-9]\d{18}$/)
    expect(verifyUrlSignature(TOKEN, q.timestamp!, q.nonce!, q.signature!)).toBe(true)
  })
})
