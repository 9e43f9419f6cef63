import { describe, expect, test } from 'vitest'
import type { Field, FieldMap } from './fields.js'
import { messageIdFields } from './define.js'
import { parseInbound } from './parse-inbound.js'
import { parseReply } from './parse-reply.js'
import {
  inboundSpecs,
  messageKeys,
  replyTypes,
  type InboundOf,
  type MessageKey,
} from './registry.js'
import { renderInbound } from './render-inbound.js'
import { renderReply } from './render-reply.js'
import { SAMPLE_MSG_ID, sampleInbound, sampleReply } from './samples.js'
import { xmlDoc } from './xml-doc.test.fixtures.js'

const roundTrip = (msg: Parameters<typeof renderInbound>[0]) =>
  parseInbound(xmlDoc(renderInbound(msg)))
const envelope = {
  toUser: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
  fromUser: 'gh_7f083739789a',
  createTime: 1714112445,
}

// A value for every field, optional ones included, so the round trip covers all of them.
function fullValue(tag: string, field: Field): unknown {
  switch (field.kind) {
    case 'string':
      return `${tag} <&> ]]> 值 🎉`
    case 'id':
      return '9223372036854775807'
    case 'int':
      return 7
    case 'decimal':
      return -12.375
    case 'object':
      return fullObject(field.fields!)
    case 'list':
    case 'repeated':
      return [fullValue(tag, field.of!), fullValue(tag, field.of!)]
  }
}

function fullObject(fields: FieldMap): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([tag, field]) => [tag, fullValue(tag, field)]),
  )
}

describe.each(messageKeys)('inbound %s', (key) => {
  test('its sample survives render → parseXml → parseInbound unchanged', () => {
    const sample = sampleInbound(key)
    expect(roundTrip(sample)).toEqual(sample)
  })

  test('a sample with every optional field filled survives the round trip', () => {
    const spec = inboundSpecs.find((s) => s.key === key)!
    const extra = fullObject(
      spec.group === 'message' ? { ...spec.fields, ...messageIdFields } : spec.fields,
    )
    const sample = sampleInbound(key, extra as Partial<InboundOf<MessageKey>>)
    expect(roundTrip(sample)).toEqual(sample)
  })
})

describe.each(replyTypes)('reply %s', (type) => {
  test('its sample survives renderReply → parseXml → parseReply unchanged', () => {
    const sample = sampleReply(type)
    expect(parseReply(xmlDoc(renderReply(sample, envelope)))).toEqual(sample)
  })
})

describe('64-bit ids', () => {
  test('a MsgId above 2^53 comes back as the exact same string', () => {
    expect(Number(SAMPLE_MSG_ID) > Number.MAX_SAFE_INTEGER).toBe(true)
    const msg = roundTrip(sampleInbound('text', { MsgId: '24000000000000000001' }))
    expect(msg.kind === 'text' && msg.MsgId).toBe('24000000000000000001')
  })

  test('MsgID and publish_id above 2^53 are never turned into numbers', () => {
    const job = roundTrip(
      sampleInbound('event.TEMPLATESENDJOBFINISH', { MsgID: '9007199254740993' }),
    )
    expect(job).toMatchObject({ MsgID: '9007199254740993' })
    const info = {
      ...sampleInbound('event.PUBLISHJOBFINISH').PublishEventInfo,
      publish_id: '18446744073709551615',
    }
    const published = roundTrip(sampleInbound('event.PUBLISHJOBFINISH', { PublishEventInfo: info }))
    expect(published).toMatchObject({ PublishEventInfo: { publish_id: '18446744073709551615' } })
  })
})
