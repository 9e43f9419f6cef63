/** The three token sources: direct (against the emulator), remote (against a fake service), static. */
import { VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { createClient } from '../client.js'
import { APPID, SECRET, setup } from '../sdk.test.helpers.js'
import { directTokenSource } from './direct.js'
import { remoteTokenSource } from './remote.js'
import { staticTokenSource } from './token-source.js'

function direct(s: ReturnType<typeof setup>, grant?: 'classic' | 'stable') {
  return directTokenSource({
    accounts: { [APPID]: SECRET },
    fetch: (request) => s.emulator.fetch(request),
    clock: s.clock,
    ...(grant ? { grant } : {}),
  })
}

describe('directTokenSource', () => {
  it('shares one fetch between concurrent callers', async () => {
    const s = setup()
    const tokens = direct(s)
    const got = await Promise.all([tokens.get(APPID), tokens.get(APPID), tokens.get(APPID)])
    expect(new Set(got).size).toBe(1)
    expect(await s.calls('/cgi-bin/stable_token')).toBe(1)
  })

  it('serves concurrent API calls with one token fetch', async () => {
    const s = setup()
    await Promise.all([s.client.tags.get(), s.client.tags.get(), s.client.user.get()])
    expect(await s.calls('/cgi-bin/stable_token')).toBe(1)
  })

  it('caches the token, and refreshes it once less than 5 minutes are left', async () => {
    const s = setup()
    const tokens = direct(s)
    const first = await tokens.get(APPID)
    await s.clock.advanceAsync((7200 - 301) * 1000)
    expect(await tokens.get(APPID)).toBe(first)
    expect(await s.calls('/cgi-bin/stable_token')).toBe(1)
    await s.clock.advanceAsync(2000)
    const second = await tokens.get(APPID)
    expect(second).not.toBe(first)
    expect(await s.calls('/cgi-bin/stable_token')).toBe(2)
  })

  it('invalidates only the stale token it is told about (compare-and-invalidate)', async () => {
    const s = setup()
    const tokens = direct(s, 'classic')
    const first = await tokens.get(APPID)
    await tokens.invalidate(APPID, 'some-older-token')
    expect(await tokens.get(APPID)).toBe(first)
    expect(await s.calls('/cgi-bin/token')).toBe(1)
    await tokens.invalidate(APPID, first)
    const second = await tokens.get(APPID)
    expect(second).not.toBe(first)
    expect(await s.calls('/cgi-bin/token')).toBe(2)
  })

  it('uses the classic token endpoint when asked', async () => {
    const s = setup()
    const client = s.clientWith({ tokenSource: direct(s, 'classic') })
    await client.tags.get()
    expect(await s.calls('/cgi-bin/token')).toBe(1)
    expect(await s.calls('/cgi-bin/stable_token')).toBe(0)
  })

  it('refuses an account it has no secret for', async () => {
    const s = setup()
    const tokens = directTokenSource({ accounts: () => undefined, clock: s.clock })
    await expect(tokens.get(APPID)).rejects.toMatchObject({ code: 'WX_ERR_CONFIG' })
  })
})

/** A fake token service speaking the wxmp contract, recording what it was asked. */
function fakeTokenService(clock: VirtualClock) {
  const seen: { method: string; path: string; auth: string | null; body: string }[] = []
  let current = 'TOKEN-1'
  let issued = 1
  const service = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    seen.push({
      method: request.method,
      path: url.pathname,
      auth: request.headers.get('authorization'),
      body: await request.text(),
    })
    if (request.headers.get('authorization') !== 'Bearer good-key')
      return Response.json(
        { error: { code: 'UNAUTHORIZED', message: 'unknown client key' } },
        { status: 401 },
      )
    if (url.pathname === '/v1/accounts/wxunknown/access-token')
      return Response.json(
        { error: { code: 'UNKNOWN_ACCOUNT', message: 'no such account' } },
        { status: 404 },
      )
    if (url.pathname.endsWith('/invalidate')) {
      const { stale } = JSON.parse(seen.at(-1)!.body) as { stale: string }
      if (stale === current) current = `TOKEN-${++issued}`
      return new Response(null, { status: 204 })
    }
    return Response.json({
      access_token: current,
      expires_at: Math.floor(clock.now() / 1000) + 7200,
    })
  }
  return { service, seen }
}

describe('remoteTokenSource', () => {
  it('gets a token with the client key, caches it, and invalidates through the service', async () => {
    const clock = new VirtualClock()
    const { service, seen } = fakeTokenService(clock)
    const tokens = remoteTokenSource({
      baseUrl: 'http://token.local/',
      clientKey: 'good-key',
      fetch: service,
      clock,
    })
    expect(await tokens.get(APPID)).toBe('TOKEN-1')
    expect(await tokens.get(APPID)).toBe('TOKEN-1')
    expect(seen).toEqual([
      {
        method: 'GET',
        path: `/v1/accounts/${APPID}/access-token`,
        auth: 'Bearer good-key',
        body: '',
      },
    ])
    await tokens.invalidate(APPID, 'TOKEN-1')
    expect(seen[1]).toMatchObject({
      method: 'POST',
      path: `/v1/accounts/${APPID}/access-token/invalidate`,
      body: '{"stale":"TOKEN-1"}',
    })
    expect(await tokens.get(APPID)).toBe('TOKEN-2')
  })

  it('turns the service’s refusal into a WxTokenUnavailableError with its code', async () => {
    const clock = new VirtualClock()
    const { service } = fakeTokenService(clock)
    const wrongKey = remoteTokenSource({
      baseUrl: 'http://token.local',
      clientKey: 'bad',
      fetch: service,
      clock,
    })
    await expect(wrongKey.get(APPID)).rejects.toMatchObject({
      code: 'WX_ERR_TOKEN_UNAVAILABLE',
      status: 401,
      serviceCode: 'UNAUTHORIZED',
      message: /unknown client key/,
    })
    const tokens = remoteTokenSource({
      baseUrl: 'http://token.local',
      clientKey: 'good-key',
      fetch: service,
      clock,
    })
    await expect(tokens.get('wxunknown')).rejects.toMatchObject({
      status: 404,
      serviceCode: 'UNKNOWN_ACCOUNT',
    })
  })

  it('reports an unreachable, silent or garbled service as unavailable', async () => {
    const clock = new VirtualClock()
    const down = remoteTokenSource({
      baseUrl: 'http://token.local',
      clientKey: 'k',
      clock,
      fetch: async () => {
        throw new TypeError('fetch failed')
      },
    })
    await expect(down.get(APPID)).rejects.toMatchObject({
      code: 'WX_ERR_TOKEN_UNAVAILABLE',
      message: /unreachable/,
    })
    const garbled = remoteTokenSource({
      baseUrl: 'http://t',
      clientKey: 'k',
      clock,
      fetch: async () => new Response('<html>'),
    })
    await expect(garbled.get(APPID)).rejects.toMatchObject({ message: /not JSON/ })
    const silent = remoteTokenSource({
      baseUrl: 'http://t',
      clientKey: 'k',
      clock,
      timeoutMs: 1000,
      fetch: () => new Promise(() => {}),
    })
    const waiting = silent.get(APPID).catch((e: unknown) => e)
    await clock.advanceAsync(1000)
    expect(await waiting).toMatchObject({ code: 'WX_ERR_TOKEN_UNAVAILABLE', message: /no answer/ })
  })

  it('drives an API client end to end: a token error invalidates through the service', async () => {
    const s = setup()
    // A service that hands out the emulator's tokens, fetched with the direct source.
    const inner = directTokenSource({
      accounts: { [APPID]: SECRET },
      fetch: (r) => s.emulator.fetch(r),
      clock: s.clock,
    })
    const invalidated: string[] = []
    const service = async (request: Request): Promise<Response> => {
      if (request.method === 'POST') {
        const { stale } = (await request.json()) as { stale: string }
        invalidated.push(stale)
        await inner.invalidate(APPID, stale)
        return new Response(null, { status: 204 })
      }
      return Response.json({
        access_token: await inner.get(APPID),
        expires_at: s.clock.now() / 1000 + 7200,
      })
    }
    const client = s.clientWith({
      secret: undefined,
      tokenSource: remoteTokenSource({
        baseUrl: 'http://token.local',
        clientKey: 'k',
        fetch: service,
        clock: s.clock,
      }),
    })
    await s.fault({ endpoint: 'tags.get', errcode: 40014 })
    await expect(client.tags.get()).resolves.toHaveProperty('tags')
    expect(invalidated).toHaveLength(1)
    expect(await s.calls('/cgi-bin/tags/get')).toBe(2)
  })
})

describe('staticTokenSource', () => {
  it('answers its tokens and refuses other accounts', async () => {
    const tokens = staticTokenSource({ [APPID]: 'T' })
    expect(await tokens.get(APPID)).toBe('T')
    await tokens.invalidate(APPID, 'T')
    expect(await tokens.get(APPID)).toBe('T')
    await expect(tokens.get('wxother')).rejects.toMatchObject({ code: 'WX_ERR_TOKEN_UNAVAILABLE' })
  })

  it('puts the token in the query of every accessToken call', async () => {
    const urls: string[] = []
    const client = createClient({
      appid: APPID,
      tokenSource: staticTokenSource({ [APPID]: 'STATIC' }),
      fetch: async (request) => {
        urls.push(request.url)
        return Response.json({ tags: [] })
      },
    })
    await client.tags.get()
    expect(urls).toEqual(['https://api.weixin.qq.com/cgi-bin/tags/get?access_token=STATIC'])
  })
})
