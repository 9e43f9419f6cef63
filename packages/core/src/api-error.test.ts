import { describe, expect, it } from 'vitest'
import { WxApiError, isWxApiError, ridFrom, wxApiErrorFrom } from './api-error.js'
import { WxError, WxSignatureError, hasWxCode } from './errors.js'

const TOKEN_URL =
  'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wxba5fad812f8e6fb9&secret=0123456789abcdef0123456789abcdef'

describe('WxApiError', () => {
  it('reads like "endpoint failed: errcode errmsg (KEY) rid: …"', () => {
    const err = wxApiErrorFrom(
      { errcode: 40018, errmsg: 'invalid button name size rid: 6397e9df-300dd594-2a66aff9' },
      { endpoint: 'menu.create' },
    )
    expect(err.message).toBe(
      'menu.create failed: 40018 invalid button name size (INVALID_BUTTON_NAME_SIZE) rid: 6397e9df-300dd594-2a66aff9',
    )
  })

  it('carries the errcode, key, kind, endpoint and request id for callers to branch on', () => {
    const err = wxApiErrorFrom(
      { errcode: 42001, errmsg: 'access_token expired rid: 6397e9df-300dd594-2a66aff9' },
      { endpoint: 'user.get' },
    )
    expect(err).toBeInstanceOf(WxError)
    expect(err).toMatchObject({
      code: 'WX_ERR_API',
      name: 'WxApiError',
      errcode: 42001,
      errmsg: 'access_token expired rid: 6397e9df-300dd594-2a66aff9',
      key: 'ACCESS_TOKEN_EXPIRED',
      kind: 'token',
      endpoint: 'user.get',
      rid: '6397e9df-300dd594-2a66aff9',
    })
  })

  it('appends the fix for a known trap, with the IP WeChat saw', () => {
    const err = wxApiErrorFrom(
      {
        errcode: 40164,
        errmsg: 'invalid ip 198.51.100.9 ipv6 ::ffff:198.51.100.9, not in whitelist rid: 65a1-2b',
      },
      { endpoint: 'token.stable' },
    )
    expect(err.kind).toBe('config')
    expect(err.hint).toContain('198.51.100.9')
    expect(err.message).toContain(`— ${err.hint}`)
  })

  it('reports 40001 from a token endpoint as a wrong AppSecret, not a token to refresh', () => {
    const err = wxApiErrorFrom(
      { errcode: 40001, errmsg: 'invalid credential' },
      { endpoint: 'token.get' },
    )
    expect(err.kind).toBe('config')
    expect(err.hint).toContain('AppSecret')
    expect(wxApiErrorFrom({ errcode: 40001 }, { endpoint: 'menu.get' }).kind).toBe('token')
  })

  it('keeps unknown errcodes usable: key UNKNOWN, kind invalid, WeChat errmsg in the message', () => {
    const err = wxApiErrorFrom(
      { errcode: 61234, errmsg: 'something new' },
      { endpoint: 'draft.add' },
    )
    expect(err.key).toBe('UNKNOWN')
    expect(err.kind).toBe('invalid')
    expect(err.message).toBe('draft.add failed: 61234 something new (UNKNOWN)')
  })

  it('falls back to the English description when WeChat sends no errmsg', () => {
    const err = wxApiErrorFrom({ errcode: 46003 })
    expect(err.errmsg).toBe('')
    expect(err.message).toBe('WeChat API call failed: 46003 menu does not exist (MENU_NOT_FOUND)')
  })

  it('redacts the access_token and secret in the request it keeps', () => {
    const err = wxApiErrorFrom(
      { errcode: 40125, errmsg: 'invalid appsecret' },
      { endpoint: 'token.get', request: { method: 'GET', url: TOKEN_URL } },
    )
    expect(err.request?.url).toBe(
      'https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=wxba5fad812f8e6fb9&secret=[redacted]',
    )
    expect(JSON.stringify(err)).not.toContain('0123456789abcdef')
    expect(err.message).not.toContain('0123456789abcdef')
  })

  it('redacts secrets in request bodies given as objects or as JSON text', () => {
    const body = {
      grant_type: 'client_credential',
      appid: 'wxba5fad812f8e6fb9',
      secret: 'topsecretvalue',
    }
    const url = 'https://api.weixin.qq.com/cgi-bin/stable_token'
    const fromObject = wxApiErrorFrom(
      { errcode: 40125 },
      { request: { method: 'POST', url, body } },
    )
    const fromText = wxApiErrorFrom(
      { errcode: 40125 },
      { request: { method: 'POST', url, body: JSON.stringify(body) } },
    )
    expect(fromObject.request?.body).toEqual({ ...body, secret: '[redacted]' })
    expect(fromText.request?.body).toBe(JSON.stringify({ ...body, secret: '[redacted]' }))
    expect(body.secret).toBe('topsecretvalue')
  })

  it('summarises a binary request body instead of keeping the bytes', () => {
    const err = wxApiErrorFrom(
      { errcode: 40005 },
      {
        request: {
          method: 'POST',
          url: '/cgi-bin/media/upload?type=image',
          body: new Uint8Array(2048),
        },
      },
    )
    expect(err.request?.body).toBe('[binary 2048 bytes]')
  })

  it('keeps the underlying cause', () => {
    const cause = new Error('socket hang up')
    expect(wxApiErrorFrom({ errcode: -1 }, { cause }).cause).toBe(cause)
  })
})

describe('ridFrom', () => {
  it('reads the current " rid: …" suffix and the older " hint: […]" form', () => {
    expect(ridFrom('invalid credential rid: 6397e9df-300dd594-2a66aff9')).toBe(
      '6397e9df-300dd594-2a66aff9',
    )
    expect(ridFrom('invalid credential, hint: [KJZfAa0644e575]')).toBe('KJZfAa0644e575')
    expect(ridFrom('invalid credential')).toBeUndefined()
  })
})

describe('isWxApiError', () => {
  it('recognises WxApiError, optionally by key', () => {
    const err = new WxApiError({ errcode: 45009, errmsg: 'reach max api daily quota limit' })
    expect(isWxApiError(err)).toBe(true)
    expect(isWxApiError(err, 'API_QUOTA_EXCEEDED')).toBe(true)
    expect(isWxApiError(err, 'ACCESS_TOKEN_EXPIRED')).toBe(false)
  })

  it('recognises an error from another copy of the package by its code, not instanceof', () => {
    const foreign = Object.assign(new Error('x'), { code: 'WX_ERR_API', key: 'API_UNAUTHORIZED' })
    expect(isWxApiError(foreign, 'API_UNAUTHORIZED')).toBe(true)
    expect(hasWxCode(foreign, 'WX_ERR_API')).toBe(true)
  })

  it('rejects other errors and non-errors', () => {
    expect(isWxApiError(new WxSignatureError())).toBe(false)
    expect(isWxApiError(new Error('x'))).toBe(false)
    expect(isWxApiError(undefined)).toBe(false)
    expect(isWxApiError({ errcode: 40001 })).toBe(false)
  })
})
