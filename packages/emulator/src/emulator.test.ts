import { ERRCODE } from '@wxmp/core'
import { allEndpoints } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from './emulator.test.helpers.js'
import { IMPLEMENTED } from './handlers/index.js'
import { createEmulator } from './emulator.js'

describe('request conventions (§0, §8)', () => {
  it('answers an unknown path with 40066 invalid url, HTTP 200', async () => {
    const { call } = harness()
    const body = await call('GET', '/cgi-bin/no/such/api', { access_token: 'x' })
    expectError(body, ERRCODE.INVALID_URL)
    expect(body.errmsg).toMatch(/^invalid url rid: /)
  })

  it('answers the wrong verb with 43002 require POST / 43001 require GET', async () => {
    const { call, token } = harness()
    const access_token = await token()
    const post = await call('GET', '/cgi-bin/menu/create', { access_token })
    expectError(post, ERRCODE.REQUIRE_POST_METHOD)
    expect(post.errmsg).toMatch(/^require POST method rid: /)
    expectError(
      await call('POST', '/cgi-bin/menu/get', { access_token }, '{}'),
      ERRCODE.REQUIRE_GET_METHOD,
    )
  })

  it('answers an empty body with 44002 and bad JSON with 47001', async () => {
    const { call, token } = harness()
    const access_token = await token()
    const empty = await call('POST', '/cgi-bin/menu/create', { access_token }, '')
    expectError(empty, ERRCODE.EMPTY_POST_DATA)
    expect(empty.errmsg).toMatch(/^empty post data rid: /)
    expectError(
      await call('POST', '/cgi-bin/menu/create', { access_token }, '{"button":'),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(
      await call('POST', '/cgi-bin/stable_token', {}, 'not json'),
      ERRCODE.DATA_FORMAT_ERROR,
    )
  })

  it('serves the IP lists by the table', async () => {
    const { call, token } = harness()
    const access_token = await token()
    expectValidResponse(
      'ops.getCallbackIp',
      await call('GET', '/cgi-bin/getcallbackip', { access_token }),
    )
    expectValidResponse(
      'ops.getApiDomainIp',
      await call('GET', '/cgi-bin/get_api_domain_ip', { access_token }),
    )
  })
})

describe('coverage of the table', () => {
  it('emulates every endpoint of the spec table', () => {
    expect(IMPLEMENTED).toEqual(allEndpoints.map((entry) => entry.id).sort())
  })
})

describe('stats and quotas (§7.2, §6.13)', () => {
  it('counts calls by path', async () => {
    const { call, token, emulator } = harness()
    const access_token = await token()
    await token()
    await call('GET', '/cgi-bin/getcallbackip', { access_token })
    await call('GET', '/cgi-bin/nope')
    expect(emulator.stats().calls).toEqual({
      '/cgi-bin/token': 2,
      '/cgi-bin/getcallbackip': 1,
      '/cgi-bin/nope': 1,
    })
  })

  it('answers 45009 past the daily limit until clear_quota, and 48006 after 10 resets a month', async () => {
    const { call, token, clock } = harness()
    const access_token = await token()
    for (let i = 0; i < 1000; i++) await call('GET', '/cgi-bin/menu/delete', { access_token })
    const refused = await call('GET', '/cgi-bin/menu/delete', { access_token })
    expectError(refused, ERRCODE.API_QUOTA_EXCEEDED)

    const cleared = await call('POST', '/cgi-bin/clear_quota', { access_token }, { appid: APPID })
    expectValidResponse('ops.clearQuota', cleared)
    expect(await call('GET', '/cgi-bin/menu/delete', { access_token })).toEqual({
      errcode: 0,
      errmsg: 'ok',
    })

    for (let i = 2; i <= 10; i++)
      await call('POST', '/cgi-bin/clear_quota', { access_token }, { appid: APPID })
    expectError(
      await call('POST', '/cgi-bin/clear_quota', { access_token }, { appid: APPID }),
      ERRCODE.CLEAR_QUOTA_LIMIT_REACHED,
    )
    expectError(
      await call('POST', '/cgi-bin/clear_quota', { access_token }, { appid: 'wxffffffffffffffff' }),
      ERRCODE.INVALID_APPID,
    )
    clock.advance(32 * 24 * 3600_000) // next month: resets allowed again (a new token is needed too)
    const fresh = await token()
    expect(
      await call('POST', '/cgi-bin/clear_quota', { access_token: fresh }, { appid: APPID }),
    ).toEqual({ errcode: 0, errmsg: 'ok' })
  })

  it('resets daily counters at Beijing midnight', async () => {
    const { call, token, clock } = harness()
    // VirtualClock starts at 2026-01-01T00:00Z = 08:00 Beijing; 16 h later is Beijing midnight.
    for (let i = 0; i < 2000; i++) await token()
    expectError(
      await call('GET', '/cgi-bin/token', {
        grant_type: 'client_credential',
        appid: APPID,
        secret: 'S3cretS3cretS3cretS3cretS3cret12',
      }),
      ERRCODE.API_QUOTA_EXCEEDED,
    )
    clock.advance(16 * 3600_000)
    expect((await token()).length).toBeGreaterThan(0)
  })
})

describe('the inspection API', () => {
  it('answers GET /__emulator/stats with call counts by API path, without counting itself', async () => {
    const emulator = createEmulator({
      accounts: [
        {
          appid: 'wx0123456789abcdef',
          token: 'statsToken',
          secret: 'a'.repeat(32),
          encryptMode: 'plain',
        },
      ],
      seed: 1,
    })
    await emulator.handle({
      method: 'GET',
      path: '/cgi-bin/token',
      query: 'grant_type=client_credential&appid=wx0123456789abcdef&secret=' + 'a'.repeat(32),
      body: '',
    })
    const res = await emulator.handle({
      method: 'GET',
      path: '/__emulator/stats',
      query: '',
      body: '',
    })
    expect(JSON.parse(String(res.body))).toEqual({ calls: { '/cgi-bin/token': 1 } })
  })
})
