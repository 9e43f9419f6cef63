/**
 * Rate limits (per client and per endpoint, in process and shared through Redis) and the daily
 * quota ledger (refusal at the limit, the 80 % warning, reset at Beijing midnight).
 */
import { describe, expect, it } from 'vitest'
import type { ProxyClient } from './options.js'
import {
  ACCOUNT,
  APPID,
  CLIENTS,
  MENU_KEY,
  OTHER,
  freshPrefix,
  onCleanup,
  rig,
  testRedisUrl,
  tempDir,
} from './proxy.test-support.js'
import { openRedisProxyState } from './state/redis.js'
import { join } from 'node:path'

const MENU = { button: [{ type: 'click', name: 'A', key: 'A' }] }

const limited = (rateLimit: ProxyClient['rateLimit']): ProxyClient[] => [
  { ...CLIENTS[0]!, rateLimit },
  CLIENTS[1]!,
]

type Body = { errcode?: number; wxmp_error?: { code: string; rule?: string } }

describe('rate limits in process', () => {
  it('holds drop-in token requests to the client limits too, before a session is stored', async () => {
    const r = await rig({
      config: {
        accounts: [ACCOUNT, OTHER],
        clients: limited({ perMinute: 10, endpoints: { 'token.*': 2 } }),
      },
    })
    const ask = () =>
      r.call(`/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${MENU_KEY}`, {
        key: null,
      })
    for (let i = 0; i < 2; i++) {
      const granted = await ask()
      expect(granted.status).toBe(200)
      expect(((await granted.json()) as { access_token?: string }).access_token).toBeDefined()
    }
    const refused = await ask()
    expect(refused.status).toBe(429)
    const body = (await refused.json()) as Body
    expect(body.errcode).toBe(45011)
    expect(body.wxmp_error?.rule).toContain('token.*')
    // The client's other calls keep their own budget.
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)
  })

  it('refuses the call past the per-client limit with 429, 45011 and Retry-After', async () => {
    const r = await rig({
      config: { accounts: [ACCOUNT, OTHER], clients: limited({ perMinute: 3 }) },
    })
    for (let i = 0; i < 3; i++) expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)
    const refused = await r.call('/cgi-bin/menu/get')
    expect(refused.status).toBe(429)
    // A third of the next window must pass before the burst's weight lets one more in.
    expect(refused.headers.get('retry-after')).toBe('80')
    expect((await refused.json()) as Body).toMatchObject({
      errcode: 45011,
      wxmp_error: { code: 'WX_PROXY_RATE_LIMITED', rule: 'rate: 3/min all endpoints' },
    })
    expect(r.upstreamCalls('/cgi-bin/menu/get')).toBe(3)
    // Another client has its own budget.
    const other = await r.call('/cgi-bin/menu/get', {
      key: CLIENTS[1]!.key,
      headers: { 'x-wxmp-appid': APPID },
    })
    expect(other.status).toBe(200)
    // The window slides: after two minutes nothing of the burst is left.
    r.clock.advance(120_000)
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)
  })

  it('gives each endpoint a pattern admits a budget of its own', async () => {
    const r = await rig({
      config: {
        accounts: [ACCOUNT, OTHER],
        clients: limited({ endpoints: { 'menu.*': 1 } }),
      },
    })
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)
    expect((await r.call('/cgi-bin/menu/delete')).status).toBe(200)
    const refused = await r.call('/cgi-bin/menu/get')
    expect(refused.status).toBe(429)
    expect(((await refused.json()) as Body).wxmp_error?.rule).toBe('rate: 1/min menu.*')
  })

  it('counts nothing for a refused call, so a refusal does not prolong itself', async () => {
    const r = await rig({
      config: { accounts: [ACCOUNT, OTHER], clients: limited({ perMinute: 1 }) },
    })
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)
    for (let i = 0; i < 5; i++) expect((await r.call('/cgi-bin/menu/get')).status).toBe(429)
    // Half-way through the next window the previous one weighs 0.5: 0.5 + 1 > 1, still refused;
    // at 100 % it has slid out.
    r.clock.advance(90_000)
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(429)
    r.clock.advance(30_000)
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)
  })

  it('rejects a limit naming no endpoint at start', async () => {
    await expect(
      rig({
        config: {
          accounts: [ACCOUNT],
          clients: [{ ...CLIENTS[0]!, rateLimit: { endpoints: { 'menu.nothing': 1 } } }],
        },
      }),
    ).rejects.toThrow(/names no endpoint/)
  })
})

describe('rate limits shared through Redis', () => {
  it('two proxy instances on one Redis share one budget', async () => {
    const url = await testRedisUrl()
    const prefix = freshPrefix()
    const state = () => {
      const opened = openRedisProxyState(url, { prefix })
      onCleanup(() => opened.close())
      return opened
    }
    const config = {
      accounts: [ACCOUNT, OTHER],
      clients: limited({ endpoints: { 'menu.get': 3 } }),
    }
    const r = await rig({ config, store: state() })
    const b = await r.another({ config, store: state() })
    const statuses: number[] = []
    for (const base of [r.served.url, b.served.url, r.served.url, b.served.url]) {
      statuses.push((await r.call('/cgi-bin/menu/get', {}, base)).status)
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(r.upstreamCalls('/cgi-bin/menu/get')).toBe(3)
    expect(await (await r.call('/healthz', { key: null })).json()).toMatchObject({ state: 'redis' })
  })

  it('a drop-in token issued by one instance works on the other', async () => {
    const url = await testRedisUrl()
    const prefix = freshPrefix()
    const open = () => {
      const opened = openRedisProxyState(url, { prefix })
      onCleanup(() => opened.close())
      return opened
    }
    const r = await rig({ store: open() })
    const b = await r.another({ store: open() })
    const issued = (await (
      await r.call(
        `/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${MENU_KEY}`,
        {
          key: null,
        },
      )
    ).json()) as { access_token: string }
    const got = await r.call(
      `/cgi-bin/menu/get?access_token=${issued.access_token}`,
      { key: null },
      b.served.url,
    )
    expect(((await got.json()) as Body).errcode).toBe(46003)
  })
})

describe('daily quota ledger', () => {
  it('warns at 80 %, refuses at the limit with 45009, and resets at Beijing midnight', async () => {
    const accounts = [{ ...ACCOUNT, dailyQuota: { 'menu.create': 5 } }, OTHER]
    const r = await rig({ config: { accounts, clients: CLIENTS } })
    const headers: Array<[string | null, string | null]> = []
    for (let i = 0; i < 5; i++) {
      const response = await r.call('/cgi-bin/menu/create', { json: MENU })
      expect(response.status).toBe(200)
      headers.push([
        response.headers.get('x-wxmp-quota'),
        response.headers.get('x-wxmp-quota-warning'),
      ])
    }
    expect(headers).toEqual([
      ['1/5', null],
      ['2/5', null],
      ['3/5', null],
      ['4/5', '80% of the daily quota used'],
      ['5/5', '80% of the daily quota used'],
    ])
    // One log line, on the call that crossed the line; a metric for every call past it.
    expect(r.logs.filter((l) => l.level === 'warn')).toEqual([
      {
        level: 'warn',
        msg: 'menu.create: 4 of 5 daily calls used',
        appid: APPID,
        endpoint: 'menu.create',
      },
    ])
    expect(
      r.proxy.metrics.value('wxmp_proxy_quota_warnings_total', {
        appid: APPID,
        endpoint: 'menu.create',
      }),
    ).toBe(2)

    const refused = await r.call('/cgi-bin/menu/create', { json: MENU })
    expect(refused.status).toBe(429)
    // 10:00 Beijing time: 14 hours to midnight.
    expect(refused.headers.get('retry-after')).toBe(String(14 * 3600))
    expect((await refused.json()) as Body).toMatchObject({
      errcode: 45009,
      wxmp_error: { code: 'WX_PROXY_QUOTA_EXCEEDED', rule: 'quota: 5/day menu.create' },
    })
    expect(r.upstreamCalls('/cgi-bin/menu/create')).toBe(5)
    // Other endpoints of the account are not affected.
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)

    r.clock.advance(14 * 3600_000 - 1)
    expect((await r.call('/cgi-bin/menu/create', { json: MENU })).status).toBe(429)
    r.clock.advance(1)
    const next = await r.call('/cgi-bin/menu/create', { json: MENU })
    expect(next.status).toBe(200)
    expect(next.headers.get('x-wxmp-quota')).toBe('1/5')
  })

  it("defaults to the table's quota.perDay", async () => {
    const r = await rig()
    const response = await r.call('/cgi-bin/menu/create', { json: MENU })
    expect(response.headers.get('x-wxmp-quota')).toBe('1/1000')
    // Each endpoint has its own count; one without a table quota carries no header.
    expect((await r.call('/cgi-bin/menu/delete')).headers.get('x-wxmp-quota')).toBe('1/1000')
    const current = await r.call('/cgi-bin/get_current_selfmenu_info')
    expect(current.status).toBe(200)
    expect(current.headers.get('x-wxmp-quota')).toBeNull()
  })

  it('keeps the ledger in the SQLite state across a restart', async () => {
    const file = join(tempDir(), 'proxy.sqlite')
    const accounts = [{ ...ACCOUNT, dailyQuota: { 'menu.get': 2 } }, OTHER]
    const r = await rig({ config: { accounts, clients: CLIENTS }, store: file })
    expect((await r.call('/cgi-bin/menu/get')).status).toBe(200)
    await r.proxy.close()
    const again = await r.another({ config: { accounts, clients: CLIENTS }, store: file })
    expect(
      (await r.call('/cgi-bin/menu/get', {}, again.served.url)).headers.get('x-wxmp-quota'),
    ).toBe('2/2')
    expect((await r.call('/cgi-bin/menu/get', {}, again.served.url)).status).toBe(429)
  })

  it('follows a successful clear_quota', async () => {
    const accounts = [{ ...ACCOUNT, dailyQuota: { 'menu.get': 1 } }, OTHER]
    const r = await rig({ config: { accounts, clients: CLIENTS } })
    const all = { key: CLIENTS[1]!.key, headers: { 'x-wxmp-appid': APPID } }
    expect((await r.call('/cgi-bin/menu/get', all)).status).toBe(200)
    expect((await r.call('/cgi-bin/menu/get', all)).status).toBe(429)
    const cleared = await r.call('/cgi-bin/clear_quota', { ...all, json: { appid: APPID } })
    expect(((await cleared.json()) as Body).errcode).toBe(0)
    expect((await r.call('/cgi-bin/menu/get', all)).status).toBe(200)
  })
})
