import { describe, expect, it } from 'vitest'
import { isWebAddress, redirectTarget } from './redirect-uri.js'

describe('redirectTarget', () => {
  it("appends params to the address's own query, before its fragment", () => {
    expect(redirectTarget('https://a.example/cb', { code: 'C', state: 'S' })).toBe(
      'https://a.example/cb?code=C&state=S',
    )
    expect(redirectTarget('https://a.example/cb?x=1#/p', { code: 'C' })).toBe(
      'https://a.example/cb?x=1&code=C#/p',
    )
    expect(redirectTarget('http://a.example/cb?', { state: '' })).toBe('http://a.example/cb?state=')
    expect(redirectTarget('https://a.example/', { code: undefined })).toBe('https://a.example/')
  })

  it('never puts raw spaces or line breaks in the Location header', () => {
    const target = redirectTarget('https://a.example/c b\r\nSet-Cookie: x=1', { code: 'C' })
    expect(target).not.toMatch(/[\s]/)
  })

  it('accepts only absolute http(s) addresses', () => {
    expect(isWebAddress('https://a.example')).toBe(true)
    for (const uri of ['javascript:alert(1)', 'data:text/html,x', '//a.example/', 'a.example', ''])
      expect(isWebAddress(uri)).toBe(false)
    expect(() => redirectTarget('javascript:alert(1)', {})).toThrow()
  })
})
