import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ACCOUNT, APPID, SECRET, rig } from '../service.test-support.js'
import { openSqliteTokenStore } from '../store/sqlite-store.js'
import { tempDir } from '../store/test-stores.test-support.js'
import { serveTokenService } from './server.js'
import type { ServedTokenService } from './server.js'

const OTHER = 'wx00000000000000ff'
const CLIENTS = [
  { name: 'backend', key: 'backend-key-0123456789', accounts: [APPID], allow: ['*'] },
  { name: 'pages', key: 'pages-key-0123456789ab', accounts: [APPID], allow: ['ticket.get'] },
  { name: 'elsewhere', key: 'elsewhere-key-01234567', accounts: [OTHER], allow: ['*'] },
]

const servers: ServedTokenService[] = []
afterEach(async () => {
  for (const served of servers.splice(0)) await served.close()
})

async function api(options: { wrongSecret?: boolean } = {}) {
  const file = join(tempDir(), 'tokens.sqlite')
  const secret = options.wrongSecret ? 'WrongWrongWrongWrongWrongWrong12' : SECRET
  const r = rig(() => openSqliteTokenStore(file), {
    accounts: [
      { ...ACCOUNT, secret },
      { appid: OTHER, secret: SECRET },
    ],
    activeTimers: false,
  })
  const served = await serveTokenService(r.service, { clients: CLIENTS, clock: r.clock })
  servers.push(served)
  const call = async (path: string, key?: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (key !== undefined) headers.set('authorization', `Bearer ${key}`)
    const response = await fetch(`${served.url}${path}`, { ...init, headers })
    const text = await response.text()
    return {
      status: response.status,
      headers: response.headers,
      text,
      // Assertions read nested fields freely; the shapes are checked by toEqual.
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      json: () => JSON.parse(text) as Record<string, any>,
    }
  }
  return { r, call }
}

const BACKEND = CLIENTS[0]!.key
const PAGES = CLIENTS[1]!.key

describe('token HTTP API', () => {
  it('answers the access_token and the jsapi_ticket with their expiry in Unix seconds', async () => {
    const { r, call } = await api()
    const token = await call(`/v1/accounts/${APPID}/access-token`, BACKEND)
    expect(token.status).toBe(200)
    expect(token.headers.get('cache-control')).toBe('no-store')
    const now = Math.floor(r.clock.now() / 1000)
    expect(token.json()).toEqual({ access_token: expect.any(String), expires_at: now + 7200 })
    const ticket = await call(
      `/v1/accounts/${APPID.toUpperCase().replace('WX', 'wx')}/jsapi-ticket`,
      PAGES,
    )
    expect(ticket.json()).toEqual({ ticket: expect.any(String), expires_at: now + 7200 })
    expect(r.tokenCalls()).toBe(1)
  })

  it('refuses a missing or wrong key (401), another account (403), a credential not allowed (403), an unknown account (404)', async () => {
    const { r, call } = await api()
    const path = `/v1/accounts/${APPID}/access-token`
    const none = await call(path)
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toBe('Bearer')
    expect(none.json()).toEqual({
      error: { code: 'WX_TOKEN_UNAUTHORIZED', message: expect.any(String) },
    })
    expect((await call(path, `${BACKEND}x`)).status).toBe(401)
    expect((await call(path, BACKEND.slice(0, -1))).status).toBe(401)
    expect(
      (await call(path, undefined, { headers: { authorization: `Basic ${BACKEND}` } })).status,
    ).toBe(401)
    const foreign = await call(path, CLIENTS[2]!.key)
    expect([foreign.status, foreign.json().error.code]).toEqual([403, 'WX_TOKEN_FORBIDDEN'])
    // The pages client may read tickets only: the raw token would bypass the proxy's allow-list.
    expect((await call(path, PAGES)).status).toBe(403)
    expect(
      (
        await call(`/v1/accounts/${APPID}/access-token/invalidate`, PAGES, {
          method: 'POST',
          body: '{"stale":"x"}',
        })
      ).status,
    ).toBe(403)
    const unknown = await call('/v1/accounts/wx1111111111111111/access-token', BACKEND)
    expect([unknown.status, unknown.json().error.code]).toEqual([404, 'WX_TOKEN_UNKNOWN_ACCOUNT'])
    expect((await call('/v1/nothing', BACKEND)).status).toBe(404)
    expect((await call(path, BACKEND, { method: 'DELETE' })).status).toBe(405)
    expect(r.tokenCalls()).toBe(0)
  })

  it('invalidates a reported token only while it is current and answers the one to use', async () => {
    const { call } = await api()
    const first = (await call(`/v1/accounts/${APPID}/access-token`, BACKEND)).json()
    const path = `/v1/accounts/${APPID}/access-token/invalidate`
    const post = (body: string) => call(path, BACKEND, { method: 'POST', body })
    const stale = await post(JSON.stringify({ stale: 'not-the-current-one' }))
    expect(stale.json()).toEqual({ invalidated: false, ...first })
    const fresh = await post(JSON.stringify({ stale: first.access_token }))
    expect(fresh.json()).toMatchObject({ invalidated: true })
    expect(fresh.json().access_token).not.toBe(first.access_token)
    expect((await post('{')).status).toBe(400)
    expect((await post('{"stale": 5}')).status).toBe(400)
    expect((await post(JSON.stringify({ stale: 'x', extra: 1 }))).status).toBe(400)
    expect((await post(JSON.stringify({ stale: 'x'.repeat(5000) }))).status).toBe(413)
  })

  it('shows status without any token, ticket or secret, and counts in /metrics', async () => {
    const { r, call } = await api()
    const token = (await call(`/v1/accounts/${APPID}/access-token`, BACKEND)).json()
    const ticket = (await call(`/v1/accounts/${APPID}/jsapi-ticket`, BACKEND)).json()
    await call(`/v1/accounts/${APPID}/access-token`, BACKEND)
    const status = await call(`/v1/accounts/${APPID}/status`, PAGES)
    expect(status.status).toBe(200)
    expect(status.json()).toMatchObject({
      appid: APPID,
      mode: 'stable',
      store: 'sqlite',
      credentials: {
        access_token: {
          present: true,
          expiresAt: token.expires_at,
          source: 'stable',
          rejected: false,
        },
        jsapi_ticket: { present: true, expiresAt: ticket.expires_at, source: 'ticket' },
      },
      forceRefresh: { used: 0 },
    })
    expect(status.json().refreshes).toHaveLength(2)
    for (const secret of [SECRET, token.access_token, ticket.ticket, BACKEND, PAGES]) {
      expect(status.text).not.toContain(secret)
    }
    const metrics = await call('/metrics')
    expect(metrics.headers.get('content-type')).toContain('text/plain')
    expect(metrics.text).toContain(
      `wxmp_token_refreshes_total{appid="${APPID}",kind="access_token",outcome="ok",trigger="missing"} 1`,
    )
    expect(metrics.text).toContain(
      `wxmp_token_cache_hits_total{appid="${APPID}",kind="access_token"} 2`,
    )
    expect(metrics.text).toContain('# TYPE wxmp_token_lock_waits_total counter')
    expect((await call('/healthz')).json()).toEqual({ status: 'ok' })
    expect(r.tokenCalls()).toBe(1)
  })

  it('answers a wrong secret with 502 and WeChat being down with 503 and Retry-After, never leaking the secret', async () => {
    const { r, call } = await api({ wrongSecret: true })
    const lines: string[] = []
    const config = await call(`/v1/accounts/${APPID}/access-token`, BACKEND)
    expect([config.status, config.json().error.code]).toEqual([502, 'WX_TOKEN_CONFIG'])
    r.emulator.state.faults.add('/cgi-bin/stable_token', 1, { drop: true })
    const down = await call(`/v1/accounts/${OTHER}/access-token`, CLIENTS[2]!.key)
    expect([down.status, down.json().error.code]).toEqual([503, 'WX_TOKEN_UPSTREAM'])
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    lines.push(config.text, down.text, ...r.logs.map((l) => JSON.stringify(l)))
    lines.push((await call(`/v1/accounts/${APPID}/status`, BACKEND)).text)
    for (const line of lines) expect(line).not.toContain('WrongWrongWrongWrongWrongWrong12')
    for (const line of lines) expect(line).not.toContain(SECRET)
  })
})
