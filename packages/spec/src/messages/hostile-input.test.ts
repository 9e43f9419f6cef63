import { describe, expect, test } from 'vitest'
import type { XmlObject } from '@wxmp/core'
import { parseInbound } from './parse-inbound.js'
import { parseReply } from './parse-reply.js'
import { inboundSpecs, messageKeys, replyTypes } from './registry.js'
import { renderInbound } from './render-inbound.js'
import { sampleInbound } from './samples.js'
import { xmlDoc } from './xml-doc.test.fixtures.js'

const obj = (entries: Record<string, unknown>) =>
  Object.assign(Object.create(null) as XmlObject, entries)
const textDoc = () => xmlDoc(renderInbound(sampleInbound('text')))

describe('parseInbound on unknown types', () => {
  test('an unknown MsgType is unknown, with the raw object', () => {
    const doc = obj({ MsgType: 'hologram', Foo: 'bar' })
    expect(parseInbound(doc)).toEqual({ kind: 'unknown', MsgType: 'hologram', raw: doc })
  })

  test('an unknown Event is unknown and names the event', () => {
    const doc = obj({ MsgType: 'event', Event: 'debug_demo', debug_str: 'hello world' })
    expect(parseInbound(doc)).toEqual({
      kind: 'unknown',
      MsgType: 'event',
      Event: 'debug_demo',
      raw: doc,
    })
  })

  test('an event name in another case than WeChat’s is unknown', () => {
    expect(parseInbound(obj({ MsgType: 'event', Event: 'click' })).kind).toBe('unknown')
  })

  test('a missing MsgType or Event is unknown', () => {
    expect(parseInbound(obj({}))).toMatchObject({ kind: 'unknown', MsgType: '' })
    expect(parseInbound(obj({ MsgType: 'event' }))).toMatchObject({
      kind: 'unknown',
      MsgType: 'event',
    })
    expect(parseInbound(obj({ MsgType: ['text', 'text'] }))).toMatchObject({
      kind: 'unknown',
      MsgType: '',
    })
  })
})

describe('parseInbound on malformed known types', () => {
  test('a missing required field is invalid, naming the field', () => {
    const doc = textDoc()
    delete doc.Content
    expect(parseInbound(doc)).toEqual({
      kind: 'invalid',
      key: 'text',
      MsgType: 'text',
      reason: 'Content: missing',
      raw: doc,
    })
  })

  test('a repeated tag where text is expected is invalid', () => {
    const doc = textDoc()
    doc.Content = ['a', 'b']
    expect(parseInbound(doc)).toMatchObject({ kind: 'invalid', reason: 'Content: expected text' })
  })

  test('a non-numeric CreateTime is invalid', () => {
    const doc = textDoc()
    doc.CreateTime = 'soon'
    expect(parseInbound(doc)).toMatchObject({
      kind: 'invalid',
      reason: 'CreateTime: expected an integer',
    })
  })

  test('a broken list element is reported with its path', () => {
    const doc = xmlDoc(renderInbound(sampleInbound('event.pic_weixin')))
    const info = doc.SendPicsInfo as XmlObject
    info.PicList = obj({ item: [obj({ PicMd5Sum: 'a' }), obj({})] })
    expect(parseInbound(doc)).toMatchObject({
      kind: 'invalid',
      key: 'event.pic_weixin',
      Event: 'pic_weixin',
      reason: 'SendPicsInfo.PicList.item[1].PicMd5Sum: missing',
    })
  })

  test('a __proto__ tag is an ordinary ignored key and pollutes nothing', () => {
    const doc =
      xmlDoc(`<xml><__proto__><polluted>yes</polluted></__proto__><MsgType>text</MsgType><ToUserName>a</ToUserName>
      <FromUserName>b</FromUserName><CreateTime>1</CreateTime><Content>c</Content><MsgId>1</MsgId></xml>`)
    const msg = parseInbound(doc)
    expect(msg.kind).toBe('text')
    expect(Object.getPrototypeOf(msg)).toBe(Object.prototype)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

// Values a hostile or broken producer could put anywhere in the tree.
const HOSTILE: unknown[] = [
  '',
  'x',
  '1e400',
  ' ',
  [],
  ['a'],
  [obj({})],
  obj({}),
  obj({ item: '' }),
  obj({ ['__proto__']: 'p' }),
  null,
  42,
  undefined,
]

describe('parseInbound never throws', () => {
  test.each(messageKeys)('%s with any field replaced by a hostile value', (key) => {
    const spec = inboundSpecs.find((s) => s.key === key)!
    for (const tag of Object.keys(spec.wireFields)) {
      for (const bad of HOSTILE) {
        const doc = xmlDoc(renderInbound(sampleInbound(key)))
        ;(doc as Record<string, unknown>)[tag] = bad
        const msg = parseInbound(doc)
        expect(['unknown', 'invalid', key]).toContain(msg.kind)
      }
    }
  })

  test('inputs that are not objects, or that throw when read, give unknown', () => {
    const throwing = new Proxy(obj({}), {
      get() {
        throw new Error('boom')
      },
    })
    for (const input of [null, undefined, 'text', 42, [], throwing]) {
      expect(parseInbound(input as unknown as XmlObject).kind).toBe('unknown')
    }
  })

  test('random trees never throw', () => {
    let seed = 42
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n)
    const tags = [
      'MsgType',
      'Event',
      'Content',
      'item',
      'List',
      'PicList',
      'SendPicsInfo',
      'PublishEventInfo',
      'fail_idx',
      '__proto__',
    ]
    const values = [
      'text',
      'event',
      'pic_weixin',
      'PUBLISHJOBFINISH',
      'subscribe_msg_popup_event',
      '1',
      '',
    ]
    const tree = (depth: number): unknown => {
      const r = rand(4)
      if (depth > 3 || r === 0) return values[rand(values.length)]
      if (r === 1) return [tree(depth + 1), tree(depth + 1)]
      const o = obj({})
      for (let i = rand(6); i > 0; i--)
        (o as Record<string, unknown>)[tags[rand(tags.length)]!] = tree(depth + 1)
      return o
    }
    for (let i = 0; i < 2000; i++) {
      const doc = tree(0) as XmlObject
      if (typeof doc === 'object' && !Array.isArray(doc))
        (doc as Record<string, unknown>).MsgType = values[rand(2)]
      expect(() => parseInbound(doc)).not.toThrow()
    }
  })
})

describe('parseReply on bad input', () => {
  test('unknown, missing or broken replies give undefined', () => {
    expect(parseReply(obj({ MsgType: 'hologram' }))).toBeUndefined()
    expect(parseReply(obj({}))).toBeUndefined()
    expect(parseReply(obj({ MsgType: 'image', Image: obj({}) }))).toBeUndefined()
    expect(parseReply(obj({ MsgType: 'text', Content: ['a'] }))).toBeUndefined()
    expect(parseReply(null as unknown as XmlObject)).toBeUndefined()
  })

  test.each(replyTypes)('%s with hostile fields never throws', (type) => {
    for (const bad of HOSTILE) {
      expect(() =>
        parseReply(
          obj({
            MsgType: type,
            Content: bad,
            Image: bad,
            Articles: bad,
            TransInfo: bad,
            Music: bad,
          }),
        ),
      ).not.toThrow()
    }
  })
})
