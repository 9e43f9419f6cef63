import { describe, expect, test } from 'vitest'
import { parseReply } from './parse-reply.js'
import type { Reply } from './registry.js'
import { reply } from './reply-builders.js'
import { renderReply } from './render-reply.js'
import { xmlDoc } from './xml-doc.test.fixtures.js'

const envelope = {
  toUser: 'oUser000000000000000000000A',
  fromUser: 'gh_123456789abc',
  createTime: 1700000001,
}
const roundTrip = (r: Reply) => parseReply(xmlDoc(renderReply(r, envelope)))

describe('reply builders', () => {
  test('build the typed values with WeChat’s element names', () => {
    expect(reply.text('hi')).toEqual({ type: 'text', Content: 'hi' })
    expect(reply.image('M1')).toEqual({ type: 'image', Image: { MediaId: 'M1' } })
    expect(reply.voice('M2')).toEqual({ type: 'voice', Voice: { MediaId: 'M2' } })
    expect(reply.video({ MediaId: 'M3', Title: 't' })).toEqual({
      type: 'video',
      Video: { MediaId: 'M3', Title: 't' },
    })
    expect(reply.music({ ThumbMediaId: 'T' })).toEqual({
      type: 'music',
      Music: { ThumbMediaId: 'T' },
    })
    expect(reply.transferCustomerService()).toEqual({ type: 'transfer_customer_service' })
    expect(reply.transferCustomerService('kf1@test')).toEqual({
      type: 'transfer_customer_service',
      TransInfo: { KfAccount: 'kf1@test' },
    })
  })

  test('news counts its articles', () => {
    const a = { Title: 't', Description: 'd', PicUrl: 'p', Url: 'u' }
    expect(reply.news([a, a])).toMatchObject({ ArticleCount: 2, Articles: [a, a] })
  })
})

describe('renderReply', () => {
  test('writes the header, strings in CDATA and numbers bare', () => {
    expect(renderReply(reply.text('hello'), envelope)).toBe(
      '<xml><ToUserName><![CDATA[oUser000000000000000000000A]]></ToUserName>' +
        '<FromUserName><![CDATA[gh_123456789abc]]></FromUserName><CreateTime>1700000001</CreateTime>' +
        '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content></xml>',
    )
  })

  test('nests media ids and writes news items inside Articles', () => {
    expect(renderReply(reply.image('M1'), envelope)).toContain(
      '<Image><MediaId><![CDATA[M1]]></MediaId></Image>',
    )
    expect(
      renderReply(reply.news([{ Title: 't', Description: 'd', PicUrl: 'p', Url: 'u' }]), envelope),
    ).toContain('<ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[t]]></Title>')
  })

  test('skips optional elements that are not set', () => {
    const xml = renderReply(reply.video({ MediaId: 'M3' }), envelope)
    expect(xml).toContain('<Video><MediaId><![CDATA[M3]]></MediaId></Video>')
    expect(renderReply(reply.transferCustomerService(), envelope)).not.toContain('TransInfo')
  })

  test.each([
    ['a CDATA terminator', 'a]]>b]]>'],
    ['markup characters', '<b>&amp; & < > "\''],
    ['CJK and emoji', '你好，世界 🎉👨‍👩‍👧'],
    ['newlines and a carriage return', 'line 1\nline 2\r\nline 3\r'],
    ['an empty string', ''],
  ])('content with %s survives render → parse unchanged', (_, content) => {
    expect(roundTrip(reply.text(content))).toEqual(reply.text(content))
    expect(
      roundTrip(reply.news([{ Title: content, Description: content, PicUrl: 'p', Url: content }])),
    ).toEqual(reply.news([{ Title: content, Description: content, PicUrl: 'p', Url: content }]))
  })

  test('escapes the envelope too', () => {
    const xml = renderReply(reply.text('x'), { ...envelope, toUser: 'o]]>x' })
    expect(xmlDoc(xml).ToUserName).toBe('o]]>x')
  })

  test('throws a TypeError for a reply type it does not know', () => {
    expect(() => renderReply({ type: 'hologram' } as unknown as Reply, envelope)).toThrow(TypeError)
  })
})
