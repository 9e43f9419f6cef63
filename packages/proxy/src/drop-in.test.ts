/**
 * Drop-in mode: node-webot's `wechat-api`, unpatched, works through the proxy once its endpoint
 * is the proxy and its secret the client key; it never holds WeChat's token.
 */
import { PassThrough } from 'node:stream'
import { promisify } from 'node:util'
import WechatAPI from 'wechat-api'
import { describe, expect, it } from 'vitest'
import { jsonLinesAudit } from './audit.js'
import type { AuditEntry } from './audit.js'
import { APPID, MENU_KEY, OTHER_APPID, SECRET, rig } from './proxy.test-support.js'

describe('drop-in mode with wechat-api', () => {
  it('fetches a proxy token, creates a menu and reads user info through the proxy', async () => {
    const lines: string[] = []
    const stream = new PassThrough()
    stream.on('data', (chunk: Buffer) =>
      lines.push(...chunk.toString().split('\n').filter(Boolean)),
    )
    const r = await rig({ audit: jsonLinesAudit(stream) })
    const api = new WechatAPI(APPID, MENU_KEY)
    api.endpoint = r.served.url
    const wx = {
      token: promisify(api.getLatestToken.bind(api)),
      createMenu: promisify(api.createMenu.bind(api)),
      getMenu: promisify(api.getMenu.bind(api)),
      getUser: promisify(api.getUser.bind(api)),
    }
    const token = await wx.token()
    expect(token.accessToken).toMatch(/^[\w-]{43}$/)
    const menu = { button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] }
    await wx.createMenu(menu)
    expect((await wx.getMenu()).menu.button).toEqual([{ ...menu.button[0], sub_button: [] }])
    const follower = r.emulator.fans.list(APPID).find((f) => f.subscribed)!
    expect(await wx.getUser(follower.openid)).toMatchObject({
      openid: follower.openid,
      subscribe: 1,
    })

    // WeChat issued its token to the token service only; wechat-api holds the proxy's.
    expect(r.upstreamCalls('/cgi-bin/token')).toBe(0)
    expect(r.tokens.handedOut.has(token.accessToken)).toBe(false)
    expect(r.upstreamCalls('/cgi-bin/menu/create')).toBe(1)

    // Audit: one JSON line per call, naming client, account and endpoint, and no secret at all.
    await new Promise((resolve) => setImmediate(resolve))
    const entries = lines.map((line) => JSON.parse(line) as AuditEntry)
    expect(entries.map((e) => [e.client, e.account, e.endpoint, e.status, e.auth])).toEqual([
      ['menu', APPID, 'token.get', 200, 'secret'],
      ['menu', APPID, 'menu.create', 200, 'drop-in'],
      ['menu', APPID, 'menu.get', 200, 'drop-in'],
      ['menu', APPID, 'user.info', 200, 'drop-in'],
    ])
    const log = lines.join('\n')
    for (const secret of [SECRET, MENU_KEY, token.accessToken, ...r.tokens.handedOut]) {
      expect(log).not.toContain(secret)
    }
    expect(entries.every((e) => !e.path.includes('?'))).toBe(true)
  })

  it('answers a wrong secret the way WeChat does (40001), and issues nothing', async () => {
    const r = await rig()
    const api = new WechatAPI(APPID, 'not-the-client-key-0000000000000')
    api.endpoint = r.served.url
    await expect(promisify(api.getLatestToken.bind(api))()).rejects.toMatchObject({ code: 40001 })
    expect(r.proxy.metrics.total('wxmp_proxy_drop_in_tokens_total')).toBe(0)
  })

  it('scopes a proxy token to its client and account, and expires it after 7200 s', async () => {
    const r = await rig()
    const issued = (await (
      await r.call('/cgi-bin/stable_token', {
        key: null,
        json: { grant_type: 'client_credential', appid: APPID, secret: MENU_KEY },
      })
    ).json()) as { access_token: string; expires_in: number }
    expect(issued.expires_in).toBe(7200)
    const use = (headers: Record<string, string> = {}) =>
      r.call(`/cgi-bin/menu/get?access_token=${issued.access_token}`, { key: null, headers })
    expect((await use()).status).toBe(200)
    // It acts for its own account only, and its client's allow-list still applies.
    expect((await use({ 'x-wxmp-appid': OTHER_APPID })).status).toBe(403)
    const tags = await r.call(`/cgi-bin/tags/get?access_token=${issued.access_token}`, {
      key: null,
    })
    expect(tags.status).toBe(403)
    // As the Bearer value it works too.
    expect((await r.call('/cgi-bin/menu/get', { key: issued.access_token })).status).toBe(200)
    r.clock.advance(7200_000)
    const expired = await use()
    expect(expired.status).toBe(401)
    expect(((await expired.json()) as { errcode: number }).errcode).toBe(40001)
  })

  it('refuses a token request for an account the client does not list', async () => {
    const r = await rig()
    const refused = await r.call(
      `/cgi-bin/token?grant_type=client_credential&appid=${OTHER_APPID}&secret=${MENU_KEY}`,
      { key: null },
    )
    expect(refused.status).toBe(403)
  })
})
