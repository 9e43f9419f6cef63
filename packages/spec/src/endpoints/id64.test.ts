import { describe, expect, it } from 'vitest'
import { id64, id64In, quoteId64 } from './id64.js'

describe('quoteId64', () => {
  it('quotes the 64-bit id fields so they survive JSON.parse exactly', () => {
    const body = '{"errcode":0,"errmsg":"ok","msg_id":1000000001234567891,"msg_data_id":2247483647}'
    expect(JSON.parse(quoteId64(body))).toEqual({
      errcode: 0,
      errmsg: 'ok',
      msg_id: '1000000001234567891',
      msg_data_id: '2247483647',
    })
    // Without it the id is silently rounded.
    expect(String((JSON.parse(body) as { msg_id: number }).msg_id)).not.toBe('1000000001234567891')
  })

  it('quotes template msgid and publish_id, with or without spaces', () => {
    expect(quoteId64('{ "msgid" : 200228332 , "publish_id":100000001}')).toBe(
      '{ "msgid" : "200228332" , "publish_id":"100000001"}',
    )
  })

  it('leaves other numbers, quoted ids and look-alikes inside strings alone', () => {
    const body = '{"msg_id":"123","count":5,"text":"\\"msg_id\\":456","my_msg_id":7}'
    expect(quoteId64(body)).toBe(body)
  })
})

describe('id64 schemas', () => {
  it('accept a decimal string in responses and reject a number', () => {
    expect(id64.safeParse('1000000001234567891').success).toBe(true)
    expect(id64.safeParse(34182).success).toBe(false)
    expect(id64.safeParse('12a').success).toBe(false)
  })

  it('accept a string or an exact number in requests', () => {
    expect(id64In.safeParse('201053012').success).toBe(true)
    expect(id64In.safeParse(30124).success).toBe(true)
    expect(id64In.safeParse(2 ** 60).success).toBe(false)
  })
})
