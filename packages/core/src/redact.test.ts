import { describe, expect, it } from 'vitest'
import { REDACTED, SECRET_QUERY_PARAMS, redactObject, redactUrl } from './redact.js'

describe('redactUrl', () => {
  it('hides the access_token of an API call and keeps the rest byte for byte', () => {
    expect(
      redactUrl(
        'https://api.weixin.qq.com/cgi-bin/user/get?access_token=ACCESS.TOKEN-1&next_openid=o6_b',
      ),
    ).toBe('https://api.weixin.qq.com/cgi-bin/user/get?access_token=[redacted]&next_openid=o6_b')
  })

  it('hides every listed secret parameter, whatever its position or case', () => {
    for (const name of SECRET_QUERY_PARAMS) {
      expect(redactUrl(`/x?a=1&${name}=s3cr3t&b=2`), name).toBe(`/x?a=1&${name}=${REDACTED}&b=2`)
      expect(redactUrl(`/x?${name.toUpperCase()}=s3cr3t`), name).not.toContain('s3cr3t')
    }
  })

  it('hides the OAuth code and AppSecret of a web-authorization exchange', () => {
    const url =
      'https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx1&secret=abc&code=061Xyz&grant_type=authorization_code'
    expect(redactUrl(url)).toBe(
      'https://api.weixin.qq.com/sns/oauth2/access_token?appid=wx1&secret=[redacted]&code=[redacted]&grant_type=authorization_code',
    )
  })

  it('leaves signatures, nonces and similar-looking names visible for debugging', () => {
    const url = '/wx?signature=abc&timestamp=1&nonce=2&msg_signature=def&tokenish=1&openid=o1'
    expect(redactUrl(url)).toBe(url)
  })

  it('stops at a fragment and leaves an empty value empty', () => {
    expect(redactUrl('/cb?code=abc#wechat_redirect')).toBe('/cb?code=[redacted]#wechat_redirect')
    expect(redactUrl('/cgi-bin/token?secret=&appid=wx1')).toBe('/cgi-bin/token?secret=&appid=wx1')
  })

  it('hides secrets in a bare form string and the password of a Redis URL', () => {
    expect(redactUrl('appid=wx1&secret=abc')).toBe('appid=wx1&secret=[redacted]')
    expect(redactUrl('redis://default:hunter2@cache:6379/0')).toBe(
      'redis://default:[redacted]@cache:6379/0',
    )
  })
})

describe('redactObject', () => {
  it('hides credentials at any depth, whatever the spelling of the key', () => {
    const input = {
      appid: 'wxba5fad812f8e6fb9',
      secret: 's1',
      accounts: [
        { token: 't1', aesKey: 'k1', encodingAESKey: 'k2', previousAesKey: 'k3', AppSecret: 's2' },
      ],
      response: { access_token: 'a1', refresh_token: 'r1', expires_in: 7200, ticket: 'j1' },
      headers: { Authorization: 'Bearer x' },
    }
    const out = redactObject(input)
    expect(out).toEqual({
      appid: 'wxba5fad812f8e6fb9',
      secret: REDACTED,
      accounts: [
        {
          token: REDACTED,
          aesKey: REDACTED,
          encodingAESKey: REDACTED,
          previousAesKey: REDACTED,
          AppSecret: REDACTED,
        },
      ],
      response: {
        access_token: REDACTED,
        refresh_token: REDACTED,
        expires_in: 7200,
        ticket: REDACTED,
      },
      headers: { Authorization: REDACTED },
    })
  })

  it('returns a copy and leaves the original untouched', () => {
    const input = { secret: 's1', nested: { token: 't1' } }
    redactObject(input)
    expect(input).toEqual({ secret: 's1', nested: { token: 't1' } })
  })

  it('hides proxy client keys but keeps menu button keys', () => {
    const out = redactObject({
      clients: [{ name: 'billing', key: 'k'.repeat(24), accounts: ['wx1'] }],
      button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }],
    })
    expect(out.clients[0]?.key).toBe(REDACTED)
    expect(out.clients[0]?.name).toBe('billing')
    expect(out.button[0]?.key).toBe('V1001_TODAY_MUSIC')
  })

  it('hides secrets inside URL strings and keeps error codes', () => {
    const out = redactObject({
      url: '/cgi-bin/menu/get?access_token=abc',
      code: 'WX_ERR_API',
      errcode: 40001,
    })
    expect(out).toEqual({
      url: '/cgi-bin/menu/get?access_token=[redacted]',
      code: 'WX_ERR_API',
      errcode: 40001,
    })
  })

  it('keeps missing secrets visible as missing', () => {
    expect(redactObject({ secret: '', token: null, aesKey: undefined })).toEqual({
      secret: '',
      token: null,
      aesKey: undefined,
    })
  })

  it('copes with cycles and leaves non-plain objects as they are', () => {
    const buffer = Buffer.from('media')
    const input: Record<string, unknown> = { token: 't', buffer }
    input.self = input
    const out = redactObject(input)
    expect(out.token).toBe(REDACTED)
    expect(out.self).toBe(out)
    expect(out.buffer).toBe(buffer)
  })
})
