import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { jsSdkSignature, normalizeSignedUrl } from './jssdk.js'

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex')

describe('jsSdkSignature', () => {
  it('signs raw, unescaped values (a URL with & and Chinese stays as is)', () => {
    const url = 'https://example.com/页面?a=1&b=两'
    expect(jsSdkSignature({ jsapiTicket: 't', nonceStr: 'n', timestamp: 1, url })).toBe(
      sha1(`jsapi_ticket=t&noncestr=n&timestamp=1&url=${url}`),
    )
  })

  it('gives the same signature for a numeric or a string timestamp', () => {
    const base = { jsapiTicket: 't', nonceStr: 'n', url: 'https://example.com/' }
    expect(jsSdkSignature({ ...base, timestamp: 1414587457 })).toBe(
      jsSdkSignature({ ...base, timestamp: '1414587457' }),
    )
  })
})

describe('normalizeSignedUrl', () => {
  it('drops the # and everything after it, keeping the query', () => {
    expect(normalizeSignedUrl('https://example.com/p?x=1#/route?y=2#z')).toBe(
      'https://example.com/p?x=1',
    )
  })

  it('leaves a URL without a fragment unchanged, empty fragment marker included', () => {
    expect(normalizeSignedUrl('https://example.com/p?x=1')).toBe('https://example.com/p?x=1')
    expect(normalizeSignedUrl('https://example.com/#')).toBe('https://example.com/')
  })
})
