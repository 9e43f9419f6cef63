import { ERRCODE, VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../emulator.js'
import {
  ACCOUNT,
  APPID,
  SECRET,
  expectError,
  expectValidResponse,
  harness,
} from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'

/** The network check of an account whose config has `pushUrl` (none when undefined). */
async function checker(pushUrl?: string): Promise<(body: unknown) => Promise<Json>> {
  const emulator = createEmulator({
    accounts: [{ ...ACCOUNT, ...(pushUrl === undefined ? {} : { pushUrl }) }],
    clock: new VirtualClock(),
    seed: 7,
  })
  const call = async (
    method: string,
    path: string,
    query: Record<string, string>,
    body: unknown,
  ): Promise<Json> => {
    const response = await emulator.handle({
      method,
      path,
      query: new URLSearchParams(query).toString(),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    return JSON.parse(String(response.body)) as Json
  }
  const issued = await call(
    'GET',
    '/cgi-bin/token',
    { grant_type: 'client_credential', appid: APPID, secret: SECRET },
    '',
  )
  const access_token = String(issued.access_token)
  return (body) => call('POST', '/cgi-bin/callback/check', { access_token }, body)
}

describe('callback/check (网络检测)', () => {
  it('answers dns and ping for the default push URL host, 127.0.0.1, without the network', async () => {
    const check = await checker()
    const answer = await check({ action: 'all', check_operator: 'UNICOM' })
    expectValidResponse('ops.checkCallback', answer)
    const { dns, ping } = answer as {
      dns: { ip: string; real_operator: string }[]
      ping: { ip: string; from_operator: string; package_loss: string; time: string }[]
    }
    expect(dns).toEqual([{ ip: '127.0.0.1', real_operator: expect.any(String) as string }])
    expect(ping).toEqual([
      {
        ip: '127.0.0.1',
        from_operator: 'UNICOM',
        package_loss: '0%',
        time: expect.stringMatching(/^\d{2}\.\d{3}ms$/) as string,
      },
    ])
    expect(['CHINANET', 'UNICOM', 'CAP']).toContain(dns[0]?.real_operator)
  })

  it('reports a named host as a fixed documentation-range address', async () => {
    const check = await checker('https://wx.example.com/wechat')
    const first = await check({ action: 'dns', check_operator: 'DEFAULT' })
    expectValidResponse('ops.checkCallback', first)
    expect(first).not.toHaveProperty('ping')
    const [entry] = first.dns as { ip: string }[]
    expect(entry?.ip).toMatch(/^203\.0\.113\.(\d+)$/)
    expect(await check({ action: 'dns', check_operator: 'CAP' })).toEqual(first)
  })

  it('pings from the chosen carrier; DEFAULT picks the server address carrier', async () => {
    const check = await checker('http://[::1]:8080/wx')
    const ping = await check({ action: 'ping', check_operator: 'DEFAULT' })
    expectValidResponse('ops.checkCallback', ping)
    expect(ping).not.toHaveProperty('dns')
    const all = await check({ action: 'all', check_operator: 'DEFAULT' })
    const [p] = all.ping as { ip: string; from_operator: string }[]
    const [d] = all.dns as { real_operator: string }[]
    expect(p?.ip).toBe('::1')
    expect(p?.from_operator).toBe(d?.real_operator)
    const chinanet = await check({ action: 'ping', check_operator: 'CHINANET' })
    expect((chinanet.ping as { from_operator: string }[])[0]?.from_operator).toBe('CHINANET')
  })

  it('answers 47001 for an unknown action or carrier, a missing field or wrong types; 44002 empty', async () => {
    const check = await checker()
    for (const body of [
      { action: 'trace', check_operator: 'DEFAULT' },
      { action: 'all', check_operator: 'MOBILE' },
      { action: 'all' },
      { action: 1, check_operator: 'DEFAULT' },
      ['all', 'DEFAULT'],
    ]) {
      expectError(await check(body), ERRCODE.DATA_FORMAT_ERROR)
    }
    expectError(await check(''), ERRCODE.EMPTY_POST_DATA)
    expectError(await check('{"action":'), ERRCODE.DATA_FORMAT_ERROR)
  })
})

describe('openapi/quota/get (查询 API 调用额度)', () => {
  async function setup() {
    const h = harness()
    const access_token = await h.token()
    const quota = (cgi_path: unknown) =>
      h.call('POST', '/cgi-bin/openapi/quota/get', { access_token }, { cgi_path })
    return { h, access_token, quota }
  }

  it("reports today's limit, use and remainder of an API from the ledger that charges it", async () => {
    const { h, access_token, quota } = await setup()
    for (let i = 0; i < 3; i++) await h.call('GET', '/cgi-bin/menu/get', { access_token })
    const answer = await quota('/cgi-bin/menu/get')
    expectValidResponse('ops.getQuota', answer)
    expect(answer).toEqual({
      errcode: 0,
      errmsg: 'ok',
      quota: { daily_limit: 10_000, used: 3, remain: 9_997 },
    })
    // The token call of setup() counts against cgi-bin/token.
    expect((await quota('/cgi-bin/token')).quota).toEqual({
      daily_limit: 2000,
      used: 1,
      remain: 1999,
    })
  })

  it('starts again at Beijing midnight and after clear_quota', async () => {
    const { h, access_token, quota } = await setup()
    await h.call('GET', '/cgi-bin/menu/get', { access_token })
    await h.call('POST', '/cgi-bin/clear_quota', { access_token }, { appid: APPID })
    expect((await quota('/cgi-bin/menu/get')).quota).toMatchObject({ used: 0 })

    await h.call('GET', '/cgi-bin/menu/get', { access_token })
    expect((await quota('/cgi-bin/menu/get')).quota).toMatchObject({ used: 1 })
    h.clock.advance(24 * 3600 * 1000)
    const fresh = await h.token()
    const answer = await h.call(
      'POST',
      '/cgi-bin/openapi/quota/get',
      { access_token: fresh },
      { cgi_path: '/cgi-bin/menu/get' },
    )
    expect(answer.quota).toEqual({ daily_limit: 10_000, used: 0, remain: 10_000 })
  })

  it('never reports a negative remainder', async () => {
    const { h, access_token, quota } = await setup()
    for (let i = 0; i < 1001; i++) await h.call('GET', '/cgi-bin/menu/delete', { access_token })
    expect((await quota('/cgi-bin/menu/delete')).quota).toEqual({
      daily_limit: 1000,
      used: 1000,
      remain: 0,
    })
  })

  it('answers zeros for an API the table gives no daily limit', async () => {
    const { quota } = await setup()
    const answer = await quota('/cgi-bin/getcallbackip')
    expectValidResponse('ops.getQuota', answer)
    expect(answer.quota).toEqual({ daily_limit: 0, used: 0, remain: 0 })
  })

  it('answers 76003 for a malformed path, 76021 for an unknown one, 76022 for sns/*', async () => {
    const { quota } = await setup()
    const cases: [unknown, number][] = [
      ['cgi-bin/menu/get', ERRCODE.CGI_PATH_MALFORMED],
      ['https://api.weixin.qq.com/cgi-bin/menu/get', ERRCODE.CGI_PATH_MALFORMED],
      ['', ERRCODE.CGI_PATH_MALFORMED],
      ['/cgi-bin/no/such/api', ERRCODE.CGI_PATH_NOT_FOUND],
      ['/cgi-bin/menu/get?x=1', ERRCODE.CGI_PATH_NOT_FOUND],
      ['/cgi-bin/showqrcode', ERRCODE.CGI_PATH_NOT_FOUND],
      ['/sns/userinfo', ERRCODE.CGI_PATH_NO_PERMISSION],
      ['/sns/oauth2/access_token', ERRCODE.CGI_PATH_NO_PERMISSION],
      [42, ERRCODE.DATA_FORMAT_ERROR],
      [undefined, ERRCODE.DATA_FORMAT_ERROR],
    ]
    for (const [path, errcode] of cases) expectError(await quota(path), errcode)
    const errmsg = (await quota('/cgi-bin/nope')).errmsg
    expect(errmsg).toMatch(/^cgi_path not found, please check rid: /)
  })
})
