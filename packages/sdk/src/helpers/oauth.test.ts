/** OAuth2 helpers: the authorize URL of §6.11, and the whole flow against the emulator. */
import { VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, setup } from '../sdk.test.helpers.js'
import type { Setup } from '../sdk.test.helpers.js'
import {
  authorizeUrl,
  codeExchangeCache,
  exchangeCode,
  OAUTH_CODE_TTL_MS,
  userInfo,
} from './oauth.js'

const CALLBACK = 'https://shop.example/oauth/cb?next=/cart&x=a b'
const EXCHANGE = '/sns/oauth2/access_token'

/** Opens `url` in the emulator as a fan's WeChat browser would, answering the callback's code. */
async function consent(world: Setup, url: string, openid: string): Promise<string> {
  const page = new URL(url)
  const local = `http://emulator${page.pathname}${page.search}&wxmp_openid=${openid}`
  const answer = await world.emulator.fetch(
    new Request(local, { headers: { 'x-wxmp-host': 'open' } }),
  )
  expect(answer.status).toBe(302)
  const back = new URL(answer.headers.get('location')!)
  expect(`${back.origin}${back.pathname}`).toBe('https://shop.example/oauth/cb')
  return back.searchParams.get('code')!
}

describe('authorizeUrl', () => {
  it('builds the URL of §6.11: parameter order, encoded redirect_uri, #wechat_redirect', () => {
    expect(
      authorizeUrl({
        appid: APPID,
        redirectUri: CALLBACK,
        scope: 'snsapi_userinfo',
        state: 'cart42',
      }),
    ).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx5d4c3b2a1f0e9d8c' +
        '&redirect_uri=https%3A%2F%2Fshop.example%2Foauth%2Fcb%3Fnext%3D%2Fcart%26x%3Da%20b' +
        '&response_type=code&scope=snsapi_userinfo&state=cart42#wechat_redirect',
    )
  })

  it('adds forcePopup=true after state, and keeps an empty state', () => {
    const url = authorizeUrl({
      appid: APPID,
      redirectUri: CALLBACK,
      scope: 'snsapi_base',
      forcePopup: true,
    })
    expect(url).toMatch(/&scope=snsapi_base&state=&forcePopup=true#wechat_redirect$/)
  })

  it('refuses a bad state, scope or redirect URI, naming each', () => {
    const bad = (options: Partial<Parameters<typeof authorizeUrl>[0]>) => () =>
      authorizeUrl({ appid: APPID, redirectUri: CALLBACK, scope: 'snsapi_base', ...options })
    expect(bad({ state: 'a-b' })).toThrow(/state: at most 128 letters and digits/)
    expect(bad({ state: 'a'.repeat(129) })).toThrow(/state/)
    expect(bad({ state: '中文' })).toThrow(/state/)
    expect(bad({ scope: 'snsapi_login' as 'snsapi_base' })).toThrow(/scope: "snsapi_login"/)
    expect(bad({ redirectUri: '/cb' })).toThrow(/redirectUri/)
    expect(bad({ redirectUri: 'javascript:alert(1)' })).toThrow(/redirectUri/)
    expect(bad({ appid: '' })).toThrow(/appid: required/)
    expect(bad({ state: 'a'.repeat(128) })).not.toThrow()
    let thrown: unknown
    try {
      bad({ state: 'x y', scope: 'nope' as 'snsapi_base' })()
    } catch (err) {
      thrown = err
    }
    expect(thrown).toMatchObject({
      code: 'WX_ERR_REQUEST',
      endpoint: 'oauth.authorize',
      field: 'scope',
      issues: [expect.stringMatching(/^scope/), expect.stringMatching(/^state/)],
    })
  })
})

describe('the OAuth flow against the emulator', () => {
  it('authorizes, exchanges a repeated callback once, and reads the profile', async () => {
    const world = setup()
    const fan = world.follower()
    const url = authorizeUrl({
      appid: APPID,
      redirectUri: CALLBACK,
      scope: 'snsapi_userinfo',
      state: 's1',
    })
    const code = await consent(world, url, fan)
    const cache = codeExchangeCache({ clock: world.clock })
    const first = await exchangeCode(world.client, code, { cache })
    const again = await exchangeCode(world.client, code, { cache })
    expect(again).toEqual(first)
    expect(first).toMatchObject({ openid: fan, scope: 'snsapi_userinfo' })
    expect(await world.calls(EXCHANGE)).toBe(1)
    const profile = await userInfo(world.client, first)
    expect(profile.openid).toBe(fan)
    expect((await userInfo(world.client, first.access_token, fan, 'en')).openid).toBe(fan)
  })

  it('joins a repeat that arrives while the first exchange is still running', async () => {
    const world = setup()
    const code = await consent(
      world,
      authorizeUrl({ appid: APPID, redirectUri: CALLBACK, scope: 'snsapi_base' }),
      world.follower(),
    )
    const cache = codeExchangeCache({ clock: world.clock })
    const [a, b] = await Promise.all([
      exchangeCode(world.client, code, { cache }),
      exchangeCode(world.client, code, { cache }),
    ])
    expect(b).toBe(a)
    expect(await world.calls(EXCHANGE)).toBe(1)
  })

  it('uses one cache per client by default', async () => {
    const world = setup()
    const code = await consent(
      world,
      authorizeUrl({ appid: APPID, redirectUri: CALLBACK, scope: 'snsapi_base' }),
      world.follower(),
    )
    const first = await exchangeCode(world.client, code)
    expect(await exchangeCode(world.client, code)).toEqual(first)
    // Another client has its own cache: WeChat's own answer to a used code comes through.
    await expect(exchangeCode(world.clientWith(), code)).rejects.toMatchObject({ errcode: 40163 })
  })

  it("throws WeChat's 40163 for a used code this cache never exchanged", async () => {
    const world = setup()
    const code = await consent(
      world,
      authorizeUrl({ appid: APPID, redirectUri: CALLBACK, scope: 'snsapi_base' }),
      world.follower(),
    )
    await world.client.oauth.accessToken({ code })
    const cache = codeExchangeCache({ clock: world.clock })
    await expect(exchangeCode(world.client, code, { cache })).rejects.toMatchObject({
      errcode: 40163,
      key: 'OAUTH_CODE_USED',
    })
    expect(cache.has(APPID, code)).toBe(false)
  })

  it('forgets a code after 5 minutes, and then WeChat decides', async () => {
    const world = setup()
    const code = await consent(
      world,
      authorizeUrl({ appid: APPID, redirectUri: CALLBACK, scope: 'snsapi_base' }),
      world.follower(),
    )
    const cache = codeExchangeCache({ clock: world.clock })
    await exchangeCode(world.client, code, { cache })
    world.clock.advance(OAUTH_CODE_TTL_MS - 1)
    expect(cache.has(APPID, code)).toBe(true)
    world.clock.advance(1)
    expect(cache.has(APPID, code)).toBe(false)
    await expect(exchangeCode(world.client, code, { cache })).rejects.toMatchObject({
      kind: 'invalid',
    })
    expect(await world.calls(EXCHANGE)).toBe(2)
  })

  it('does not remember a failed exchange: the next try asks WeChat again', async () => {
    const world = setup()
    const cache = codeExchangeCache({ clock: world.clock })
    await expect(exchangeCode(world.client, 'not-a-code', { cache })).rejects.toMatchObject({
      errcode: 40029,
    })
    expect(cache.has(APPID, 'not-a-code')).toBe(false)
    await expect(exchangeCode(world.client, 'not-a-code', { cache })).rejects.toMatchObject({
      errcode: 40029,
    })
    expect(await world.calls(EXCHANGE)).toBe(2)
  })
})

describe('codeExchangeCache', () => {
  it('keeps at most maxEntries, dropping the oldest', async () => {
    const clock = new VirtualClock()
    const cache = codeExchangeCache({ clock, maxEntries: 2 })
    const token = (code: string) => async () => ({
      access_token: code,
      expires_in: 7200,
      refresh_token: 'r',
      openid: 'o',
      scope: 'snsapi_base',
    })
    for (const code of ['a', 'b', 'c']) await cache.run(APPID, code, token(code))
    expect(['a', 'b', 'c'].map((code) => cache.has(APPID, code))).toEqual([false, true, true])
  })

  it('keeps accounts apart: the same code of another AppID is another code', async () => {
    const cache = codeExchangeCache({ clock: new VirtualClock() })
    const answer = {
      access_token: 't',
      expires_in: 7200,
      refresh_token: 'r',
      openid: 'o',
      scope: 'snsapi_base',
    }
    await cache.run(APPID, 'c', async () => answer)
    expect(cache.has(APPID.toUpperCase(), 'c')).toBe(true)
    expect(cache.has('wx00112233445566bb', 'c')).toBe(false)
  })
})
