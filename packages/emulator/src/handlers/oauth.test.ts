import { ERRCODE, VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../emulator.js'
import type { Emulator, EmulatorResponse } from '../emulator.js'
import {
  ACCOUNT,
  APPID,
  SECRET,
  expectError,
  expectValidResponse,
} from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { OAUTH_CODE_TTL_MS, REFRESH_TOKEN_TTL_MS, WEB_TOKEN_TTL_MS } from '../oauth-store.js'
import { ERRCODE_HEADER } from './oauth-pages.js'

const OTHER = {
  ...ACCOUNT,
  appid: 'wx99999999999999ff',
  secret: 'OtherOtherOtherOtherOtherOther12',
}
const CALLBACK = 'https://app.example/oauth/callback'

function setup() {
  const clock = new VirtualClock()
  const emulator: Emulator = createEmulator({ accounts: [ACCOUNT, OTHER], clock, seed: 7 })
  const authorize = (params: Record<string, string>) =>
    emulator.handle({
      method: 'GET',
      host: 'open',
      path: '/connect/oauth2/authorize',
      query: new URLSearchParams(params).toString(),
      body: '',
    })
  const get = async (path: string, params: Record<string, string>): Promise<Json> => {
    const response = await emulator.handle({
      method: 'GET',
      path,
      query: new URLSearchParams(params).toString(),
      body: '',
    })
    expect(response.status).toBe(200)
    return JSON.parse(String(response.body)) as Json
  }
  const exchange = (code: string, appid = APPID, secret = SECRET) =>
    get('/sns/oauth2/access_token', { appid, secret, code, grant_type: 'authorization_code' })
  const refresh = (refresh_token: string, appid = APPID) =>
    get('/sns/oauth2/refresh_token', { appid, grant_type: 'refresh_token', refresh_token })
  const userInfo = (access_token: string, openid: string) =>
    get('/sns/userinfo', { access_token, openid, lang: 'zh_CN' })
  const auth = (access_token: string, openid: string) => get('/sns/auth', { access_token, openid })
  const follower = () => emulator.fans.list(APPID).find((fan) => fan.subscribed)!
  /** The code of a silent (snsapi_base) or named-fan authorization. */
  const codeFor = async (scope: string, openid?: string, state = 'xyz') => {
    const params: Record<string, string> = {
      appid: APPID,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope,
      state,
    }
    if (openid) params.wxmp_openid = openid
    const response = await authorize(params)
    expect(response.status).toBe(302)
    return new URL(response.headers.location!).searchParams.get('code')!
  }
  return { clock, emulator, authorize, get, exchange, refresh, userInfo, auth, follower, codeFor }
}

const base = (extra: Record<string, string> = {}) => ({
  appid: APPID,
  redirect_uri: CALLBACK,
  response_type: 'code',
  scope: 'snsapi_base',
  state: 'STATE123',
  ...extra,
})

function expectPage(response: EmulatorResponse, errcode: number): void {
  expect(response.status).toBe(200)
  expect(response.headers['content-type']).toMatch(/^text\/html/)
  expect(response.headers[ERRCODE_HEADER]).toBe(String(errcode))
  expect(String(response.body)).toContain(`<code>${errcode}</code>`)
}

describe('connect/oauth2/authorize (open.weixin.qq.com)', () => {
  it('redirects a silent snsapi_base request at once, as the first follower', async () => {
    const { authorize, exchange, follower } = setup()
    const response = await authorize(base())
    expect(response.status).toBe(302)
    const target = new URL(response.headers.location!)
    expect(`${target.origin}${target.pathname}`).toBe(CALLBACK)
    expect(target.searchParams.get('state')).toBe('STATE123')
    const code = target.searchParams.get('code')!
    expect(code).toMatch(/^[A-Za-z0-9]{32}$/)
    const token = await exchange(code)
    expectValidResponse('oauth.accessToken', token)
    expect(token).toMatchObject({
      expires_in: 7200,
      openid: follower().openid,
      scope: 'snsapi_base',
    })
    expect(token).not.toHaveProperty('unionid')
  })

  it("keeps the redirect_uri's own query and fragment, and sends an empty state when none", async () => {
    const { authorize } = setup()
    const response = await authorize({
      appid: APPID,
      redirect_uri: 'https://app.example/cb?from=menu#/home',
      scope: 'snsapi_base',
    })
    const location = response.headers.location!
    expect(location).toMatch(
      /^https:\/\/app\.example\/cb\?from=menu&code=[A-Za-z0-9]{32}&state=#\/home$/,
    )
  })

  it('shows a consent page listing the fans for snsapi_userinfo, whose links redirect', async () => {
    const { authorize, emulator, exchange } = setup()
    const page = await authorize(base({ scope: 'snsapi_userinfo' }))
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    const html = String(page.body)
    const fans = emulator.fans.list(APPID)
    for (const fan of fans) expect(html).toContain(fan.openid)
    const links = [...html.matchAll(/class="fan" href="([^"]+)"/g)].map((m) =>
      m[1]!.replace(/&#38;/g, '&'),
    )
    expect(links).toHaveLength(fans.length)

    // Following the last fan's link (a former follower: OAuth does not need following).
    const link = new URL(links.at(-1)!, 'https://open.weixin.qq.com')
    expect(link.hash).toBe('#wechat_redirect')
    expect(link.searchParams.get('wxmp_openid')).toBe(fans.at(-1)!.openid)
    const chosen = await authorize(Object.fromEntries(link.searchParams))
    expect(chosen.status).toBe(302)
    const code = new URL(chosen.headers.location!).searchParams.get('code')!
    expect(await exchange(code)).toMatchObject({
      openid: fans.at(-1)!.openid,
      scope: 'snsapi_userinfo',
    })
  })

  it('redirects without a code when the fan declines', async () => {
    const { authorize } = setup()
    const page = String((await authorize(base({ scope: 'snsapi_userinfo' }))).body)
    const decline = /class="decline" href="([^"]+)"/.exec(page)![1]!.replace(/&#38;/g, '&')
    const link = new URL(decline, 'https://open.weixin.qq.com')
    const response = await authorize(Object.fromEntries(link.searchParams))
    expect(response.status).toBe(302)
    expect(response.headers.location).toBe(`${CALLBACK}?state=STATE123`)
  })

  it('lets snsapi_base name its fan, and falls back to the page when nobody follows', async () => {
    const { authorize, emulator, codeFor, exchange } = setup()
    const fan = emulator.fans.create(APPID)
    expect(await exchange(await codeFor('snsapi_base', fan.openid))).toMatchObject({
      openid: fan.openid,
    })
    for (const each of emulator.fans.list(APPID)) emulator.fans.unsubscribe(APPID, each.openid)
    const page = await authorize(base())
    expect(page.status).toBe(200)
    expect(String(page.body)).toContain(fan.openid)
  })

  it('answers each refused request with an error page, never JSON', async () => {
    const { authorize } = setup()
    const { appid: _a, ...noAppid } = base()
    expectPage(await authorize(noAppid), ERRCODE.OAUTH_APPID_EMPTY)
    expectPage(await authorize(base({ appid: '' })), ERRCODE.OAUTH_APPID_EMPTY)
    expectPage(await authorize(base({ appid: 'wx0000000000000000' })), ERRCODE.INVALID_APPID)
    const { redirect_uri: _r, ...noRedirect } = base()
    expectPage(await authorize(noRedirect), ERRCODE.OAUTH_REDIRECT_URI_EMPTY)
    for (const uri of ['javascript:alert(1)', '/relative/path', 'ftp://app.example/', 'https://'])
      expectPage(
        await authorize(base({ redirect_uri: uri })),
        ERRCODE.OAUTH_REDIRECT_URI_DOMAIN_MISMATCH,
      )
    const { scope: _s, ...noScope } = base()
    expectPage(await authorize(noScope), ERRCODE.OAUTH_SCOPE_EMPTY)
    for (const scope of ['snsapi_login', 'snsapi_base,snsapi_userinfo'])
      expectPage(await authorize(base({ scope })), ERRCODE.OAUTH_SCOPE_UNAUTHORIZED)
    expectPage(await authorize(base({ response_type: 'token' })), ERRCODE.INVALID_PARAMETER)
    expectPage(await authorize(base({ forcePopup: 'yes' })), ERRCODE.INVALID_PARAMETER)
    expectPage(await authorize(base({ wxmp_openid: 'oNobody' })), ERRCODE.INVALID_OPENID)
  })

  it('accepts a state of up to 128 letters and digits and refuses anything else (10013)', async () => {
    const { authorize } = setup()
    expect((await authorize(base({ state: 'a'.repeat(128) }))).status).toBe(302)
    expectPage(await authorize(base({ state: 'a'.repeat(129) })), ERRCODE.OAUTH_STATE_EMPTY)
    expectPage(await authorize(base({ state: 'x'.repeat(100_000) })), ERRCODE.OAUTH_STATE_EMPTY)
    for (const state of ['a-b', 'a b', '<script>', 'état'])
      expectPage(await authorize(base({ state })), ERRCODE.OAUTH_STATE_EMPTY)
  })

  it('escapes what it echoes on the consent page', async () => {
    const { authorize } = setup()
    const page = await authorize(
      base({
        scope: 'snsapi_userinfo',
        redirect_uri: 'https://app.example/cb?x="><script>alert(1)</script>',
      }),
    )
    expect(page.status).toBe(200)
    expect(String(page.body)).not.toContain('<script>')
  })
})

describe('sns/oauth2/access_token', () => {
  it('spends a code once (40163), and only within 5 minutes (42003)', async () => {
    const { codeFor, exchange, clock, follower } = setup()
    const code = await codeFor('snsapi_base')
    expect(await exchange(code)).toHaveProperty('access_token')
    expectError(await exchange(code), ERRCODE.OAUTH_CODE_USED)

    const late = await codeFor('snsapi_base')
    clock.advance(OAUTH_CODE_TTL_MS)
    expectError(await exchange(late), ERRCODE.OAUTH_CODE_EXPIRED)
    const justInTime = await codeFor('snsapi_base', follower().openid)
    clock.advance(OAUTH_CODE_TTL_MS - 1)
    expect(await exchange(justInTime)).toHaveProperty('access_token')
  })

  it("refuses an unknown code and another account's code (40029)", async () => {
    const { codeFor, exchange } = setup()
    expectError(await exchange('nosuchcode'), ERRCODE.INVALID_OAUTH_CODE)
    const code = await codeFor('snsapi_base')
    expectError(await exchange(code, OTHER.appid, OTHER.secret), ERRCODE.INVALID_OAUTH_CODE)
    expect(await exchange(code)).toHaveProperty('access_token')
  })

  it('checks grant_type, AppID, AppSecret and code like the token endpoints', async () => {
    const { get, codeFor } = setup()
    const code = await codeFor('snsapi_base')
    const call = (params: Record<string, string>) => get('/sns/oauth2/access_token', params)
    const full = { appid: APPID, secret: SECRET, code, grant_type: 'authorization_code' }
    expectError(
      await call({ ...full, grant_type: 'client_credential' }),
      ERRCODE.INVALID_GRANT_TYPE,
    )
    expectError(await call({ ...full, appid: '' }), ERRCODE.APPID_MISSING)
    expectError(await call({ ...full, secret: '' }), ERRCODE.SECRET_MISSING)
    expectError(await call({ ...full, appid: 'wx0000000000000000' }), ERRCODE.INVALID_APPID)
    expectError(await call({ ...full, secret: 'short' }), ERRCODE.INVALID_APPSECRET)
    expectError(await call({ ...full, secret: 'X'.repeat(32) }), ERRCODE.INVALID_CREDENTIAL)
    expectError(await call({ ...full, code: '' }), ERRCODE.OAUTH_CODE_MISSING)
    // None of the refusals spent the code; grant_type may be omitted.
    const { grant_type: _g, ...noGrant } = full
    expect(await call(noGrant)).toHaveProperty('access_token')
  })

  it('answers unionid only for snsapi_userinfo and a fan who has one', async () => {
    const { emulator, codeFor, exchange } = setup()
    const bound = emulator.fans.create(APPID, { unionid: 'oUnion1234567890123456789012' })
    const withUserinfo = await exchange(await codeFor('snsapi_userinfo', bound.openid))
    expectValidResponse('oauth.accessToken', withUserinfo)
    expect(withUserinfo.unionid).toBe(bound.unionid)
    expect(await exchange(await codeFor('snsapi_base', bound.openid))).not.toHaveProperty('unionid')
    const unbound = emulator.fans.create(APPID)
    expect(await exchange(await codeFor('snsapi_userinfo', unbound.openid))).not.toHaveProperty(
      'unionid',
    )
  })
})

describe('sns/oauth2/refresh_token', () => {
  it('issues a new web token for 30 days with the same refresh_token (42002 after)', async () => {
    const { codeFor, exchange, refresh, clock, auth, follower } = setup()
    const first = await exchange(await codeFor('snsapi_base'))
    const refreshToken = String(first.refresh_token)
    clock.advance(WEB_TOKEN_TTL_MS)
    expectError(
      await auth(String(first.access_token), follower().openid),
      ERRCODE.ACCESS_TOKEN_EXPIRED,
    )
    const renewed = await refresh(refreshToken)
    expectValidResponse('oauth.refreshToken', renewed)
    expect(renewed).toMatchObject({
      expires_in: 7200,
      refresh_token: refreshToken,
      openid: follower().openid,
      scope: 'snsapi_base',
    })
    expect(renewed.access_token).not.toBe(first.access_token)
    expect(await auth(String(renewed.access_token), follower().openid)).toEqual({
      errcode: 0,
      errmsg: 'ok',
    })
    clock.advance(REFRESH_TOKEN_TTL_MS - WEB_TOKEN_TTL_MS - 1)
    expect(await refresh(refreshToken)).toHaveProperty('access_token')
    clock.advance(1)
    expectError(await refresh(refreshToken), ERRCODE.REFRESH_TOKEN_EXPIRED)
  })

  it('refuses bad refresh requests', async () => {
    const { codeFor, exchange, refresh, get } = setup()
    const { refresh_token } = await exchange(await codeFor('snsapi_base'))
    expectError(await refresh('bogus'), ERRCODE.INVALID_REFRESH_TOKEN)
    expectError(await refresh(String(refresh_token), OTHER.appid), ERRCODE.INVALID_REFRESH_TOKEN)
    expectError(await refresh(String(refresh_token), 'wx0000000000000000'), ERRCODE.INVALID_APPID)
    expectError(await refresh(''), ERRCODE.REFRESH_TOKEN_MISSING)
    expectError(await refresh(String(refresh_token), ''), ERRCODE.APPID_MISSING)
    expectError(
      await get('/sns/oauth2/refresh_token', {
        appid: APPID,
        grant_type: 'authorization_code',
        refresh_token: String(refresh_token),
      }),
      ERRCODE.INVALID_GRANT_TYPE,
    )
  })
})

describe('sns/userinfo and sns/auth', () => {
  it("answers the fan's generic profile for a snsapi_userinfo token", async () => {
    const { emulator, codeFor, exchange, userInfo } = setup()
    const fan = emulator.fans.create(APPID, { unionid: 'oUnionABCDEFGHIJKLMNOPQRSTUVWX' })
    const token = await exchange(await codeFor('snsapi_userinfo', fan.openid))
    const info = await userInfo(String(token.access_token), fan.openid)
    expectValidResponse('oauth.userInfo', info)
    expect(info).toEqual({
      openid: fan.openid,
      nickname: '微信用户',
      sex: 0,
      province: '',
      city: '',
      country: '',
      headimgurl: expect.stringMatching(/^https:\/\/.+\/132$/) as unknown,
      privilege: [],
      unionid: fan.unionid,
    })
  })

  it('refuses a snsapi_base token (48001), another openid (40003) and a missing one (41009)', async () => {
    const { codeFor, exchange, userInfo, follower, get } = setup()
    const base = await exchange(await codeFor('snsapi_base'))
    expectError(
      await userInfo(String(base.access_token), follower().openid),
      ERRCODE.API_UNAUTHORIZED,
    )
    const full = await exchange(await codeFor('snsapi_userinfo', follower().openid))
    expectError(await userInfo(String(full.access_token), 'oSomeoneElse'), ERRCODE.INVALID_OPENID)
    expectError(
      await get('/sns/userinfo', { access_token: String(full.access_token) }),
      ERRCODE.OPENID_MISSING,
    )
    expect(await userInfo(String(full.access_token), follower().openid)).not.toHaveProperty(
      'errcode',
    )
  })

  it('refuses missing, unknown and expired web tokens, and account access_tokens', async () => {
    const { codeFor, exchange, userInfo, auth, get, clock, follower } = setup()
    const openid = follower().openid
    expectError(await get('/sns/userinfo', { openid }), ERRCODE.ACCESS_TOKEN_MISSING)
    expectError(await userInfo('bogus', openid), ERRCODE.INVALID_ACCESS_TOKEN)
    const classic = await get('/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APPID,
      secret: SECRET,
    })
    expectError(await auth(String(classic.access_token), openid), ERRCODE.INVALID_ACCESS_TOKEN)
    const token = await exchange(await codeFor('snsapi_userinfo', openid))
    // …and a web token is no access_token for cgi-bin calls.
    expectError(
      await get('/cgi-bin/user/get', { access_token: String(token.access_token) }),
      ERRCODE.INVALID_ACCESS_TOKEN,
    )
    clock.advance(WEB_TOKEN_TTL_MS - 1)
    expect(await userInfo(String(token.access_token), openid)).toHaveProperty('openid', openid)
    clock.advance(1)
    expectError(await userInfo(String(token.access_token), openid), ERRCODE.ACCESS_TOKEN_EXPIRED)
    expectError(await auth(String(token.access_token), openid), ERRCODE.ACCESS_TOKEN_EXPIRED)
  })

  it('sns/auth answers ok for a live token of that openid, 40003 for another', async () => {
    const { codeFor, exchange, auth, follower } = setup()
    const token = await exchange(await codeFor('snsapi_base'))
    const ok = await auth(String(token.access_token), follower().openid)
    expectValidResponse('oauth.auth', ok)
    expect(ok).toEqual({ errcode: 0, errmsg: 'ok' })
    expectError(await auth(String(token.access_token), 'oSomeoneElse'), ERRCODE.INVALID_OPENID)
  })
})
