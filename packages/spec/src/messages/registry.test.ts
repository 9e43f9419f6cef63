import { describe, expect, test } from 'vitest'
import { inboundSpecs, messageKeys, messageSpecs, replySpecs, replyTypes } from './registry.js'

const HAN = /\p{Script=Han}/u

describe('the message registry', () => {
  test('lists every message, event and reply once, inbound keys in WeChat’s spelling', () => {
    expect(new Set(messageKeys).size).toBe(messageKeys.length)
    expect(messageSpecs).toHaveLength(inboundSpecs.length + replySpecs.length)
    expect(messageKeys).toEqual(
      expect.arrayContaining([
        'text',
        'miniprogrampage',
        'event.subscribe',
        'event.SCAN',
        'event.PUBLISHJOBFINISH',
        'event.subscribe_msg_sent_event',
      ]),
    )
    expect(replyTypes).toEqual([
      'text',
      'image',
      'voice',
      'video',
      'music',
      'news',
      'transfer_customer_service',
    ])
  })

  test.each(messageSpecs.map((s) => [`${s.group} ${s.key}`, s] as const))(
    '%s has a Chinese title, a doc page and fields',
    (_, spec) => {
      expect(spec.title).toMatch(HAN)
      expect(spec.doc).toMatch(/^(\/)?[A-Za-z]/)
      expect(Object.keys(spec.wireFields).slice(0, 3)).toEqual([
        'ToUserName',
        'FromUserName',
        'CreateTime',
      ])
      if (spec.group === 'event') expect(spec.key).toBe(`event.${spec.Event}`)
      else expect(spec.key).toBe(spec.MsgType)
    },
  )

  test('shapes the reference does not cover say where they came from', () => {
    const sourced = messageSpecs.filter((s) => s.provenance !== undefined).map((s) => s.key)
    expect(sourced).toEqual([
      'miniprogrampage',
      'event.user_info_modified',
      'event.user_authorization_revoke',
      'event.user_authorization_cancellation',
    ])
  })

  test('specs and their samples are frozen, so no consumer can change them for another', () => {
    const spec = inboundSpecs.find((s) => s.key === 'event.pic_weixin')!
    expect(Object.isFrozen(spec)).toBe(true)
    expect(Object.isFrozen(spec.fields)).toBe(true)
    expect(Object.isFrozen((spec.sample.SendPicsInfo as { PicList: object[] }).PicList[0])).toBe(
      true,
    )
  })
})
