import { describe, expect, it } from 'vitest'
import { readPushQuery } from './query-string.js'

describe('readPushQuery', () => {
  it('reads the WeChat parameters, first occurrence wins, others ignored', () => {
    const q = readPushQuery(
      'signature=ab&timestamp=1&nonce=2&openid=o%2Bx&encrypt_type=aes&msg_signature=cd&nonce=9&foo=bar&signaturex=1',
    )
    expect(q).toEqual({
      signature: 'ab',
      timestamp: '1',
      nonce: '2',
      openid: 'o+x',
      encrypt_type: 'aes',
      msg_signature: 'cd',
    })
  })

  it('keeps a malformed escape as raw text and tolerates empty and valueless parts', () => {
    expect(readPushQuery('echostr=%E0%A4%A&&nonce&timestamp=')).toEqual({
      echostr: '%E0%A4%A',
      timestamp: '',
    })
  })
})
