/**
 * The remote token service as the proxy's token source: the token service's real HTTP API on
 * loopback, failover past dead or failing instances, its own errors taken as final.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createTokenService, openSqliteTokenStore, serveTokenService } from '@wxmp/token'
import { describe, expect, it } from 'vitest'
import { ACCOUNT, APPID, OTHER, onCleanup, rig, tempDir } from './proxy.test-support.js'
import type { Rig } from './proxy.test-support.js'
import { remoteTokens } from './tokens.js'

const SERVICE_KEY = 'proxy-at-token-service-key-00001'

async function tokenService(r: Rig): Promise<string> {
  const store = openSqliteTokenStore(join(tempDir(), 'remote.sqlite'))
  onCleanup(() => store.close())
  const service = createTokenService({
    accounts: [ACCOUNT, OTHER],
    store,
    apiBase: r.upstream.url,
    clock: r.clock,
    activeTimers: false,
  })
  onCleanup(() => service.close())
  const served = await serveTokenService(service, {
    clients: [{ name: 'proxy', key: SERVICE_KEY, accounts: [APPID], allow: ['token.get'] }],
    clock: r.clock,
  })
  onCleanup(() => served.close())
  return served.url
}

/** A server answering every request with HTTP 502 and an HTML page (a load balancer's). */
async function failing(): Promise<{ url: string; hits: () => number }> {
  let hits = 0
  const server = createServer((_, response) => {
    hits += 1
    response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits }
}

describe('remoteTokens', () => {
  it('fails over past a dead and a failing instance, then sticks to the one that answered', async () => {
    const r = await rig()
    const live = await tokenService(r)
    const gateway = await failing()
    const tokens = remoteTokens({
      urls: ['http://127.0.0.1:1', gateway.url, live],
      clientKey: SERVICE_KEY,
      now: () => r.clock.now(),
    })
    const proxy = await r.another({ tokens })
    const menu = (await (await r.call('/cgi-bin/menu/get', {}, proxy.served.url)).json()) as {
      errcode: number
    }
    expect(menu.errcode).toBe(46003)
    expect(gateway.hits()).toBe(1)
    // Cached until shortly before expiry; the next fetch starts at the live instance.
    r.clock.advance(7200_000)
    await r.call('/cgi-bin/menu/get', {}, proxy.served.url)
    expect(gateway.hits()).toBe(1)
  })

  it('reports a rejected token to the service and retries with the answer', async () => {
    const r = await rig()
    const tokens = remoteTokens({ urls: [await tokenService(r)], clientKey: SERVICE_KEY })
    const proxy = await r.another({ tokens })
    await r.fault({ endpoint: 'menu.get', errcode: 40014 })
    const answer = await r.call('/cgi-bin/menu/get', {}, proxy.served.url)
    expect(((await answer.json()) as { errcode: number }).errcode).toBe(46003)
    expect(r.upstreamCalls('/cgi-bin/menu/get')).toBe(2)
    expect(proxy.proxy.metrics.value('wxmp_proxy_token_retries_total', { outcome: 'ok' })).toBe(1)
  })

  it("takes the service's own refusal as final (no failover): a wrong service key is a 502", async () => {
    const r = await rig()
    const live = await tokenService(r)
    const gateway = await failing()
    // The service's client may not read tokens: a 403 from the service itself.
    const tokens = remoteTokens({
      urls: [live, gateway.url],
      clientKey: 'wrong-key-for-the-service-000',
    })
    const proxy = await r.another({ tokens })
    const answer = await r.call('/cgi-bin/menu/get', {}, proxy.served.url)
    expect(answer.status).toBe(502)
    const body = (await answer.json()) as {
      errcode: number
      wxmp_error: { code: string; message: string }
    }
    expect(body.errcode).toBe(-1)
    expect(body.wxmp_error.code).toBe('WX_PROXY_TOKEN_CONFIG')
    expect(body.wxmp_error.message).toContain('WX_TOKEN_UNAUTHORIZED')
    expect(body.wxmp_error.message).not.toContain('wrong-key')
    expect(gateway.hits()).toBe(0)
  })

  it('answers 503 when no instance can be reached', async () => {
    const r = await rig()
    const tokens = remoteTokens({ urls: ['http://127.0.0.1:1'], clientKey: SERVICE_KEY })
    const proxy = await r.another({ tokens })
    const answer = await r.call('/cgi-bin/menu/get', {}, proxy.served.url)
    expect(answer.status).toBe(503)
    expect(r.upstreamCalls('/cgi-bin/menu/get')).toBe(0)
  })
})
