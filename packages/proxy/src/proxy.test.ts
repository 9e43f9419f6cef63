/**
 * The proxy end to end over loopback HTTP, the emulator as WeChat: who may call what, credential
 * injection, answers passed through byte for byte, token errors retried once.
 */
import { describe, expect, it } from 'vitest'
import { ALL_KEY, APPID, MENU_KEY, OTHER_APPID, SECRET, rig } from './proxy.test-support.js'
import type { Rig } from './proxy.test-support.js'

const MENU = { button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] }

// Test bodies are read field by field; a wrong guess fails the assertion that reads it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>

async function json(response: Response): Promise<Json> {
  return (await response.json()) as Json
}

/** Every secret a caller or the audit log must never see. */
function secretsOf(r: Rig): string[] {
  return [SECRET, MENU_KEY, ALL_KEY, ...r.tokens.handedOut]
}

describe('token injection and passthrough', () => {
  it('forwards with the real token, which the caller never sees', async () => {
    const r = await rig()
    const created = await r.call('/cgi-bin/menu/create', { json: MENU })
    expect(created.status).toBe(200)
    const createdText = await created.text()
    expect(JSON.parse(createdText)).toEqual({ errcode: 0, errmsg: 'ok' })
    const got = await r.call('/cgi-bin/menu/get')
    const gotText = await got.text()
    expect(JSON.parse(gotText).menu.button[0].key).toBe('V1001_TODAY_MUSIC')
    expect(r.upstreamCalls('/cgi-bin/menu/create')).toBe(1)
    expect(r.tokens.handedOut.size).toBeGreaterThan(0)
    for (const secret of secretsOf(r)) {
      expect(createdText).not.toContain(secret)
      expect(gotText).not.toContain(secret)
      expect(JSON.stringify(r.audit)).not.toContain(secret)
    }
  })

  it('passes an errcode answer through unchanged: status, content type and bytes', async () => {
    const seen: Array<{ status: number; type: string | null; bytes: Buffer }> = []
    const r = await rig({
      fetch: async (request) => {
        const response = await fetch(request)
        const copy = response.clone()
        seen.push({
          status: copy.status,
          type: copy.headers.get('content-type'),
          bytes: Buffer.from(await copy.arrayBuffer()),
        })
        return response
      },
    })
    const viaProxy = await r.call('/cgi-bin/menu/get')
    const bytes = Buffer.from(await viaProxy.arrayBuffer())
    expect(seen).toHaveLength(1)
    expect(viaProxy.status).toBe(seen[0]!.status)
    expect(viaProxy.headers.get('content-type')).toBe(seen[0]!.type)
    expect(bytes.equals(seen[0]!.bytes)).toBe(true)
    expect(JSON.parse(bytes.toString()).errcode).toBe(46003)
    expect(r.audit.at(-1)).toMatchObject({ endpoint: 'menu.get', status: 200, errcode: 46003 })
  })

  it('streams a download back byte-identical, with its content type and file name', async () => {
    const r = await rig()
    const file = Buffer.alloc(200_000).map((_, i) => (i * 31 + 7) & 0xff)
    const form = new FormData()
    form.append('media', new Blob([file], { type: 'image/jpeg' }), 'photo.jpg')
    const uploaded = await json(
      await r.call('/cgi-bin/media/upload?type=image', {
        key: ALL_KEY,
        body: form,
        headers: { 'x-wxmp-appid': APPID },
      }),
    )
    expect(uploaded.media_id).toEqual(expect.any(String))
    const viaProxy = await r.call(`/cgi-bin/media/get?media_id=${uploaded.media_id}`, {
      key: ALL_KEY,
      headers: { 'x-wxmp-appid': APPID },
    })
    const token = [...r.tokens.handedOut][0]!
    const direct = await fetch(
      `${r.upstream.url}/cgi-bin/media/get?access_token=${token}&media_id=${uploaded.media_id}`,
    )
    expect(viaProxy.status).toBe(200)
    expect(viaProxy.headers.get('content-type')).toBe(direct.headers.get('content-type'))
    expect(viaProxy.headers.get('content-disposition')).toBe(
      direct.headers.get('content-disposition'),
    )
    expect(Buffer.from(await viaProxy.arrayBuffer()).equals(file)).toBe(true)
  })

  it('serves the mp host named in x-wxmp-host (the QR image)', async () => {
    const r = await rig()
    const qr = await json(
      await r.call('/cgi-bin/qrcode/create', {
        key: ALL_KEY,
        headers: { 'x-wxmp-appid': APPID },
        json: { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'x' } } },
      }),
    )
    const image = await r.call(
      `/cgi-bin/showqrcode?ticket=${encodeURIComponent(String(qr.ticket))}`,
      {
        key: ALL_KEY,
        headers: { 'x-wxmp-host': 'mp', 'x-wxmp-appid': APPID },
      },
    )
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toMatch(/^image\//)
    const bad = await r.call('/cgi-bin/showqrcode?ticket=x', { headers: { 'x-wxmp-host': 'www' } })
    expect(bad.status).toBe(400)
  })
})

describe('allow-list', () => {
  it('admits a group wildcard and an exact id', async () => {
    const r = await rig()
    expect((await r.call('/cgi-bin/menu/delete')).status).toBe(200) // menu.*
    const follower = r.emulator.fans.list(APPID).find((f) => f.subscribed)!
    const info = await json(await r.call(`/cgi-bin/user/info?openid=${follower.openid}`)) // user.info
    expect(info.openid).toBe(follower.openid)
  })

  it('refuses an endpoint outside the list with 403, 48001 and the rule, before WeChat', async () => {
    const r = await rig()
    const refused = await r.call('/cgi-bin/tags/get')
    expect(refused.status).toBe(403)
    expect(await json(refused)).toEqual({
      errcode: 48001,
      errmsg: 'api unauthorized',
      wxmp_error: {
        code: 'WX_PROXY_FORBIDDEN',
        message: 'client menu is not allowed tags.get',
        rule: 'allow: menu.*, user.info',
      },
    })
    expect(r.upstreamCalls('/cgi-bin/tags/get')).toBe(0)
    expect(r.audit.at(-1)).toMatchObject({
      client: 'menu',
      endpoint: 'tags.get',
      status: 403,
      errcode: 48001,
      refusal: 'WX_PROXY_FORBIDDEN',
    })
  })

  it('refuses paths that are not in the endpoint table', async () => {
    const r = await rig()
    const refused = await r.call('/cgi-bin/no/such/thing', {
      key: ALL_KEY,
      headers: { 'x-wxmp-appid': APPID },
    })
    expect(refused.status).toBe(404)
    expect((await json(refused)).wxmp_error.code).toBe('WX_PROXY_UNKNOWN_ENDPOINT')
    expect(r.upstreamCalls('/cgi-bin/no/such/thing')).toBe(0)
  })

  it('never answers WeChat tokens: the token paths are drop-in, even for an allow-all client', async () => {
    const r = await rig()
    const answer = await json(
      await r.call(`/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${ALL_KEY}`, {
        key: null,
      }),
    )
    expect(answer.expires_in).toBe(7200)
    expect(r.tokens.handedOut.has(String(answer.access_token))).toBe(false)
    expect(r.upstreamCalls('/cgi-bin/token')).toBe(0)
  })
})

describe('accounts', () => {
  it('uses the only account, or the one named in x-wxmp-appid', async () => {
    const r = await rig()
    const several = await r.call('/cgi-bin/menu/get', { key: ALL_KEY })
    expect(several.status).toBe(400)
    expect((await json(several)).wxmp_error.message).toContain('x-wxmp-appid')
    const named = await r.call('/cgi-bin/menu/get', {
      key: ALL_KEY,
      headers: { 'x-wxmp-appid': OTHER_APPID },
    })
    expect((await json(named)).errcode).toBe(46003)
    expect(r.audit.at(-1)).toMatchObject({ client: 'all', account: OTHER_APPID })
  })

  it('refuses an account the client does not list (403, 40013)', async () => {
    const r = await rig()
    const refused = await r.call('/cgi-bin/menu/get', { headers: { 'x-wxmp-appid': OTHER_APPID } })
    expect(refused.status).toBe(403)
    expect(await json(refused)).toMatchObject({
      errcode: 40013,
      wxmp_error: { code: 'WX_PROXY_ACCOUNT', rule: `accounts: ${APPID}` },
    })
  })
})

describe('client keys', () => {
  it.each([
    ['no Authorization header', {}],
    ['an unknown key', { authorization: 'Bearer not-a-key-of-this-proxy-000' }],
    [
      'a key differing in its last character',
      { authorization: `Bearer ${MENU_KEY.slice(0, -1)}g` },
    ],
    ['another scheme', { authorization: `Basic ${MENU_KEY}` }],
    ['an unknown proxy token in the query', {}, '?access_token=forged'],
  ])('answers 401 to %s, without calling WeChat', async (_name, headers, query = '') => {
    const r = await rig()
    const response = await r.call(`/cgi-bin/menu/get${query}`, { key: null, headers })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Bearer')
    const body = await json(response)
    expect(body).toMatchObject({ errcode: 40001, wxmp_error: { code: 'WX_PROXY_UNAUTHORIZED' } })
    expect(r.upstreamCalls('/cgi-bin/menu/get')).toBe(0)
    expect(r.tokens.handedOut.size).toBe(0)
    expect(r.audit.at(-1)).toMatchObject({ client: null, status: 401 })
  })

  it('refuses a user web token on an access_token endpoint', async () => {
    const r = await rig()
    const response = await r.call('/sns/userinfo?access_token=abc&openid=o1', { key: null })
    expect(response.status).toBe(401)
  })
})

describe('token errors', () => {
  it('invalidates the rejected token once and retries once', async () => {
    const r = await rig()
    await r.call('/cgi-bin/menu/create', { json: MENU })
    const used = [...r.tokens.handedOut][0]!
    await r.fault({ endpoint: 'menu.get', errcode: 40001, count: 1 })
    const response = await r.call('/cgi-bin/menu/get')
    expect(response.status).toBe(200)
    expect((await json(response)).menu.button).toHaveLength(1)
    expect(r.tokens.invalidations).toEqual([{ appid: APPID, stale: used, invalidated: true }])
    expect(r.upstreamCalls('/cgi-bin/menu/get')).toBe(2)
    expect(r.audit.at(-1)).toMatchObject({ endpoint: 'menu.get', retried: true, errcode: 0 })
    expect(r.proxy.metrics.value('wxmp_proxy_token_retries_total', { outcome: 'ok' })).toBe(1)
  })

  it('passes the second rejection through: one invalidate, one retry, no loop', async () => {
    const r = await rig()
    await r.fault({ endpoint: 'menu.get', errcode: 42001, count: 5 })
    const response = await r.call('/cgi-bin/menu/get')
    expect(response.status).toBe(200)
    expect((await json(response)).errcode).toBe(42001)
    expect(r.tokens.invalidations).toHaveLength(1)
    expect(r.upstreamCalls('/cgi-bin/menu/get')).toBe(2)
    expect(r.logs.some((l) => l.level === 'warn' && l.msg.includes('twice'))).toBe(true)
  })

  it('answers 503 with -1 when the token service fails', async () => {
    const { TokenServiceError } = await import('@wxmp/token')
    const r = await rig({
      tokens: {
        accessToken: async () => {
          throw new TokenServiceError('upstream', 'WeChat is down', {
            retryAt: Date.UTC(2026, 2, 10, 2, 0, 30),
          })
        },
        invalidate: async () => {
          throw new Error('unreachable')
        },
      },
    })
    const response = await r.call('/cgi-bin/menu/get')
    expect(response.status).toBe(503)
    expect(response.headers.get('retry-after')).toBe('30')
    expect(await json(response)).toMatchObject({
      errcode: -1,
      wxmp_error: { code: 'WX_PROXY_TOKEN_UNAVAILABLE' },
    })
  })

  it('answers 502 with -1 when WeChat cannot be reached', async () => {
    const r = await rig({ apiBase: 'http://127.0.0.1:1' })
    const response = await r.call('/cgi-bin/menu/get')
    expect(response.status).toBe(502)
    expect(await json(response)).toMatchObject({
      errcode: -1,
      wxmp_error: { code: 'WX_PROXY_UPSTREAM' },
    })
  })

  it('answers 502 once WeChat is silent past upstreamTimeoutMs, and aborts the call', async () => {
    const sent: Request[] = []
    const r = await rig({
      upstreamTimeoutMs: 5000,
      // A WeChat that never answers, and ignores the abort as an in-process fetch may.
      fetch: (request) => {
        sent.push(request)
        return new Promise<Response>(() => {})
      },
    })
    const pending = r.call('/cgi-bin/menu/get')
    while (sent.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    r.clock.advance(4999)
    expect(sent[0]!.signal.aborted).toBe(false)
    r.clock.advance(1)
    const response = await pending
    expect(response.status).toBe(502)
    expect((await json(response)).wxmp_error.message).toBe('WeChat did not answer within 5000 ms')
    expect(sent[0]!.signal.aborted).toBe(true)
  })
})

describe('OAuth code exchange', () => {
  async function codeFrom(r: Rig, key: string): Promise<string> {
    const query = new URLSearchParams({
      appid: APPID,
      redirect_uri: 'https://app.example/cb',
      response_type: 'code',
      scope: 'snsapi_base',
      state: 'xyz',
    })
    const page = await r.call(`/connect/oauth2/authorize?${query.toString()}#wechat_redirect`, {
      key,
      headers: { 'x-wxmp-host': 'open' },
    })
    const location = page.headers.get('location')
    expect(page.status).toBe(302)
    return new URL(location!).searchParams.get('code')!
  }

  it('injects appid and secret; the caller sends its key, never the AppSecret', async () => {
    const r = await rig()
    const code = await codeFrom(r, ALL_KEY)
    const response = await r.call(
      `/sns/oauth2/access_token?appid=${APPID}&code=${code}&grant_type=authorization_code`,
      { key: ALL_KEY },
    )
    const text = await response.text()
    expect(JSON.parse(text)).toMatchObject({ openid: expect.any(String), scope: 'snsapi_base' })
    expect(text).not.toContain(SECRET)
    expect(JSON.stringify(r.audit)).not.toContain(SECRET)
  })

  it('accepts the client key as `secret`, as an existing OAuth library sends it', async () => {
    const r = await rig()
    const code = await codeFrom(r, ALL_KEY)
    const response = await r.call(
      `/sns/oauth2/access_token?appid=${APPID}&secret=${ALL_KEY}&code=${code}&grant_type=authorization_code`,
      { key: null },
    )
    expect(await json(response)).toMatchObject({ openid: expect.any(String) })
    expect(r.audit.at(-1)).toMatchObject({
      client: 'all',
      auth: 'secret',
      endpoint: 'oauth.accessToken',
    })
  })

  it('passes a user web token through on sns/userinfo', async () => {
    const r = await rig()
    const code = await codeFrom(r, ALL_KEY)
    const web = await json(
      await r.call(`/sns/oauth2/access_token?appid=${APPID}&code=${code}`, { key: ALL_KEY }),
    )
    const check = await json(
      await r.call(`/sns/auth?access_token=${web.access_token}&openid=${web.openid}`, {
        key: ALL_KEY,
        headers: { 'x-wxmp-appid': APPID },
      }),
    )
    expect(check).toEqual({ errcode: 0, errmsg: 'ok' })
  })
})

describe('request bodies and client keys', () => {
  it('refuses a body over maxBodyBytes with 413 before WeChat, over HTTP and through handle()', async () => {
    const r = await rig({ maxBodyBytes: 64 })
    const refused = await r.call('/cgi-bin/menu/create', { json: MENU })
    expect(refused.status).toBe(413)
    expect((await json(refused)).wxmp_error.code).toBe('WX_PROXY_TOO_LARGE')
    // A streamed body declares no length: counted as it arrives.
    const bytes = new TextEncoder().encode(JSON.stringify(MENU))
    const streamed = await r.proxy.handle(
      new Request(`${r.served.url}/cgi-bin/menu/create`, {
        method: 'POST',
        headers: { authorization: `Bearer ${MENU_KEY}` },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(bytes.slice(0, 40))
            controller.enqueue(bytes.slice(40))
            controller.close()
          },
        }),
        duplex: 'half',
      }),
    )
    expect(streamed.status).toBe(413)
    expect(r.upstreamCalls('/cgi-bin/menu/create')).toBe(0)
    const small = await r.call('/cgi-bin/menu/create', { json: { button: [] } })
    expect(small.status).toBe(200)
    expect(r.upstreamCalls('/cgi-bin/menu/create')).toBe(1)
  })

  it('still refuses a key one character off a key it has accepted', async () => {
    const r = await rig()
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)
    const near = `${MENU_KEY.slice(0, -1)}${MENU_KEY.endsWith('x') ? 'y' : 'x'}`
    const refused = await r.call('/cgi-bin/menu/get', { key: near })
    expect(refused.status).toBe(401)
    expect((await json(refused)).wxmp_error.code).toBe('WX_PROXY_UNAUTHORIZED')
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)
  })
})

describe('healthz and metrics', () => {
  it('answers health and Prometheus text without a key', async () => {
    const r = await rig()
    await r.call('/cgi-bin/menu/get')
    await r.call('/cgi-bin/tags/get')
    expect(await json(await r.call('/healthz', { key: null }))).toEqual({
      status: 'ok',
      state: 'memory',
    })
    const metrics = await (await r.call('/metrics', { key: null })).text()
    expect(metrics).toContain(
      'wxmp_proxy_requests_total{client="menu",endpoint="menu.get",status="200"} 1',
    )
    expect(metrics).toContain('wxmp_proxy_refusals_total{reason="forbidden"} 1')
    expect(metrics).toContain('wxmp_proxy_upstream_duration_seconds_count{endpoint="menu.get"} 1')
    for (const secret of secretsOf(r)) expect(metrics).not.toContain(secret)
  })
})
