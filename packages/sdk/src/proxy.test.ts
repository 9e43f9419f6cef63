/**
 * The proxy transport, against a small fake wxmp API proxy (a fetch function): every call carries
 * the client key and no access_token; WeChat's answers pass through; the proxy's own refusals
 * become `WxProxyError` naming the rule.
 */
import { describe, expect, it } from 'vitest'
import { KEY, fakeProxy } from './proxy.test.helpers.js'
import { setup } from './sdk.test.helpers.js'

describe('proxy transport', () => {
  it('sends every call to the proxy with the client key and without a token', async () => {
    const s = setup()
    const { proxy, seen } = fakeProxy(s)
    const client = s.clientWith({
      secret: undefined,
      fetch: proxy,
      proxy: { baseUrl: 'http://proxy.local/', clientKey: KEY },
    })
    await client.menu.create({
      button: [{ type: 'view', name: '官网', url: 'https://example.com/' }],
    })
    const qr = await client.qrcode.create({
      action_name: 'QR_LIMIT_STR_SCENE',
      action_info: { scene: { scene_str: 'x' } },
    })
    await client.qrcode.show({ ticket: qr.ticket })
    expect(seen.map((call) => new URL(call.url).pathname)).toEqual([
      '/cgi-bin/menu/create',
      '/cgi-bin/qrcode/create',
      '/cgi-bin/showqrcode',
    ])
    for (const call of seen) {
      expect(call.url).toMatch(/^http:\/\/proxy\.local\//)
      expect(call.url).not.toContain('access_token')
      expect(call.auth).toBe(`Bearer ${KEY}`)
    }
    expect(seen[2]?.host).toBe('mp')
    expect(await s.calls('/cgi-bin/stable_token')).toBe(1) // the proxy's, not the client's
  })

  it('maps the proxy’s own refusal to WxProxyError naming the rule, without retrying', async () => {
    const s = setup()
    const { proxy, seen } = fakeProxy(s)
    const client = s.clientWith({
      secret: undefined,
      fetch: proxy,
      proxy: { baseUrl: 'http://proxy.local', clientKey: KEY },
    })
    const error: unknown = await client.mass
      .send({ touser: [s.follower(), 'oX'], msgtype: 'text', text: { content: 'hi' } })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'WX_ERR_PROXY',
      kind: 'proxy',
      proxyCode: 'WX_PROXY_FORBIDDEN',
      rule: 'allow: menu.*, tags.*',
      status: 403,
      endpoint: 'mass.send',
    })
    expect((error as Error).message).toMatch(/refused by the wxmp proxy.*rule: allow/)
    const wrongKey = s.clientWith({
      secret: undefined,
      fetch: proxy,
      proxy: { baseUrl: 'http://proxy.local', clientKey: 'nope' },
    })
    await expect(wrongKey.tags.get()).rejects.toMatchObject({ rule: 'client-key', status: 401 })
    expect(seen).toHaveLength(2)
  })

  it('passes WeChat’s own errors through as WxApiError', async () => {
    const s = setup()
    const { proxy } = fakeProxy(s)
    const client = s.clientWith({
      secret: undefined,
      fetch: proxy,
      proxy: { baseUrl: 'http://proxy.local', clientKey: KEY },
    })
    await expect(client.menu.get()).rejects.toMatchObject({ code: 'WX_ERR_API', errcode: 46003 })
  })

  it('refuses AppSecret calls locally: a proxy client holds no secret', async () => {
    const s = setup()
    const { proxy, seen } = fakeProxy(s)
    const client = s.clientWith({
      secret: undefined,
      fetch: proxy,
      proxy: { baseUrl: 'http://proxy.local', clientKey: KEY },
    })
    await expect(client.token.stable()).rejects.toMatchObject({ code: 'WX_ERR_CONFIG' })
    expect(seen).toHaveLength(0)
  })
})
