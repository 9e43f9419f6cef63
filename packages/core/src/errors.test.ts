import { describe, expect, it } from 'vitest'
import {
  WxProxyError,
  WxRequestError,
  WxTokenUnavailableError,
  WxTransportError,
  hasWxCode,
} from './errors.js'

describe('local error classes', () => {
  it('WxRequestError names the endpoint and every problem', () => {
    const error = new WxRequestError('menu.create', 'button', ['button: required', 'x: bad'])
    expect(error.message).toBe('menu.create: invalid request: button: required; x: bad')
    expect(hasWxCode(error, 'WX_ERR_REQUEST')).toBe(true)
    expect(error).toMatchObject({
      endpoint: 'menu.create',
      field: 'button',
      name: 'WxRequestError',
    })
  })

  it('WxProxyError says which rule refused, apart from WeChat’s kinds', () => {
    const error = new WxProxyError({
      proxyCode: 'WX_PROXY_RATE_LIMITED',
      message: '10 calls a second',
      rule: 'rate-limit',
      endpoint: 'menu.get',
      status: 429,
    })
    expect(error.message).toBe(
      'menu.get refused by the wxmp proxy: WX_PROXY_RATE_LIMITED (rule: rate-limit): 10 calls a second',
    )
    expect(error).toMatchObject({ code: 'WX_ERR_PROXY', kind: 'proxy', status: 429 })
    expect(new WxProxyError({ proxyCode: 'X', message: 'no', status: 403 }).message).toBe(
      'call refused by the wxmp proxy: X: no',
    )
  })

  it('WxTokenUnavailableError keeps the service’s status and code', () => {
    const error = new WxTokenUnavailableError('down', { status: 503, serviceCode: 'UPSTREAM' })
    expect(error).toMatchObject({
      code: 'WX_ERR_TOKEN_UNAVAILABLE',
      status: 503,
      serviceCode: 'UPSTREAM',
    })
    expect(new WxTokenUnavailableError('plain').status).toBeUndefined()
  })

  it('WxTransportError carries the endpoint and status', () => {
    const error = new WxTransportError('HTTP 502', { endpoint: 'tags.get', status: 502 })
    expect(error).toMatchObject({ code: 'WX_ERR_TRANSPORT', endpoint: 'tags.get', status: 502 })
  })
})
