import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import {
  APPID,
  SECRET,
  expectError,
  expectValidResponse,
  harness,
} from './emulator.test.helpers.js'

const credentials = { grant_type: 'client_credential', appid: APPID, secret: SECRET }

describe('GET /cgi-bin/token', () => {
  it('issues a token valid for 7200 s, then answers 42001', async () => {
    const { clock, call } = harness()
    const issued = await call('GET', '/cgi-bin/token', credentials)
    expectValidResponse('token.get', issued)
    expect(issued.expires_in).toBe(7200)
    const token = String(issued.access_token)
    expect(token.length).toBeGreaterThanOrEqual(64)

    clock.advance(7199_000)
    expectValidResponse(
      'ops.getCallbackIp',
      await call('GET', '/cgi-bin/getcallbackip', { access_token: token }),
    )
    clock.advance(1000)
    expectError(
      await call('GET', '/cgi-bin/getcallbackip', { access_token: token }),
      ERRCODE.ACCESS_TOKEN_EXPIRED,
    )
  })

  it('keeps the previous token valid for 300 s after a refresh, then answers 40001', async () => {
    const { clock, call, token } = harness()
    const first = await token()
    clock.advance(60_000)
    const second = await token()
    expect(second).not.toBe(first)

    clock.advance(299_000)
    expect(
      (await call('GET', '/cgi-bin/getcallbackip', { access_token: first })).ip_list,
    ).toBeDefined()
    clock.advance(1000)
    expectError(
      await call('GET', '/cgi-bin/getcallbackip', { access_token: first }),
      ERRCODE.INVALID_CREDENTIAL,
    )
    expect(
      (await call('GET', '/cgi-bin/getcallbackip', { access_token: second })).ip_list,
    ).toBeDefined()
  })

  it('answers each credential mistake with its own errcode', async () => {
    const { call } = harness()
    const get = (query: Record<string, string>) => call('GET', '/cgi-bin/token', query)
    expectError(await get({ ...credentials, grant_type: 'password' }), ERRCODE.INVALID_GRANT_TYPE)
    expectError(
      await get({ grant_type: 'client_credential', secret: SECRET }),
      ERRCODE.APPID_MISSING,
    )
    expectError(
      await get({ grant_type: 'client_credential', appid: APPID }),
      ERRCODE.SECRET_MISSING,
    )
    expectError(await get({ ...credentials, appid: 'wxffffffffffffffff' }), ERRCODE.INVALID_APPID)
    expectError(await get({ ...credentials, secret: 'short' }), ERRCODE.INVALID_APPSECRET)
    expectError(await get({ ...credentials, secret: 'X'.repeat(32) }), ERRCODE.INVALID_CREDENTIAL)
  })
})

describe('access_token checks', () => {
  it('answers 41001 without a token and 40014 for one never issued', async () => {
    const { call } = harness()
    expectError(await call('GET', '/cgi-bin/menu/get'), ERRCODE.ACCESS_TOKEN_MISSING)
    expectError(
      await call('GET', '/cgi-bin/menu/get', { access_token: 'made-up' }),
      ERRCODE.INVALID_ACCESS_TOKEN,
    )
  })
})

describe('POST /cgi-bin/stable_token', () => {
  const stable = (force?: boolean) => ({
    ...credentials,
    ...(force === undefined ? {} : { force_refresh: force }),
  })

  it('returns the same token with its remaining lifetime, and a new one in its last 300 s', async () => {
    const { clock, call } = harness()
    const first = await call('POST', '/cgi-bin/stable_token', {}, stable())
    expectValidResponse('token.stable', first)
    expect(first.expires_in).toBe(7200)

    clock.advance(1000_000)
    const same = await call('POST', '/cgi-bin/stable_token', {}, stable(false))
    expect(same).toEqual({ access_token: first.access_token, expires_in: 6200 })

    clock.advance(5900_000) // 300 s left: rotated early, the old one lives out its term
    const next = await call('POST', '/cgi-bin/stable_token', {}, stable())
    expect(next.access_token).not.toBe(first.access_token)
    expect(next.expires_in).toBe(7200)
    const old = { access_token: String(first.access_token) }
    expect((await call('GET', '/cgi-bin/getcallbackip', old)).ip_list).toBeDefined()
    clock.advance(300_000)
    expectError(await call('GET', '/cgi-bin/getcallbackip', old), ERRCODE.ACCESS_TOKEN_EXPIRED)
  })

  it('force_refresh rotates at once and revokes the previous stable token', async () => {
    const { call } = harness()
    const first = String((await call('POST', '/cgi-bin/stable_token', {}, stable())).access_token)
    const forced = await call('POST', '/cgi-bin/stable_token', {}, stable(true))
    expect(forced.access_token).not.toBe(first)
    expectError(
      await call('GET', '/cgi-bin/getcallbackip', { access_token: first }),
      ERRCODE.INVALID_CREDENTIAL,
    )
  })

  it('ignores force_refresh within 30 s of the last one and after 20 a day', async () => {
    const { clock, call } = harness()
    const force = async () =>
      String((await call('POST', '/cgi-bin/stable_token', {}, stable(true))).access_token)
    const first = await force()
    clock.advance(29_000)
    expect(await force()).toBe(first)
    clock.advance(1000)
    let latest = await force()
    expect(latest).not.toBe(first)
    for (let i = 3; i <= 20; i++) {
      clock.advance(30_000)
      latest = await force()
    }
    clock.advance(30_000)
    expect(await force()).toBe(latest) // the 21st of the day behaves like normal mode
    clock.advance(24 * 3600_000) // a new Beijing day (the token itself was renewed in normal mode)
    const tomorrow = await force()
    clock.advance(30_000)
    expect(await force()).not.toBe(tomorrow)
  })

  it('is independent of the classic token, and both are accepted', async () => {
    const { call, token } = harness()
    const classic = await token()
    const stableToken = String(
      (await call('POST', '/cgi-bin/stable_token', {}, stable(true))).access_token,
    )
    const classic2 = await token()
    expect(
      (await call('GET', '/cgi-bin/getcallbackip', { access_token: stableToken })).ip_list,
    ).toBeDefined()
    expect(
      (await call('GET', '/cgi-bin/getcallbackip', { access_token: classic })).ip_list,
    ).toBeDefined()
    await call('POST', '/cgi-bin/stable_token', {}, stable(false))
    expect(
      (await call('GET', '/cgi-bin/getcallbackip', { access_token: classic2 })).ip_list,
    ).toBeDefined()
  })

  it('checks the credentials in the body', async () => {
    const { call } = harness()
    expectError(
      await call('POST', '/cgi-bin/stable_token', {}, { ...credentials, secret: 'short' }),
      ERRCODE.INVALID_APPSECRET,
    )
    expectError(
      await call('POST', '/cgi-bin/stable_token', {}, { grant_type: 'client_credential' }),
      ERRCODE.APPID_MISSING,
    )
  })
})
