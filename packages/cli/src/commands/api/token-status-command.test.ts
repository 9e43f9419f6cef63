import { join } from 'node:path'
import { createTokenService, openSqliteTokenStore, serveTokenService } from '@wxmp/token'
import type { ServedTokenService, TokenService, TokenStore } from '@wxmp/token'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  APPID,
  SECRET,
  startUpstream,
  stdoutJson,
  tempDir,
  wxmp,
} from '../../api/api.test-support.js'
import type { Upstream } from '../../api/api.test-support.js'

const KEY = 'cli-status-client-key-01'

let up: Upstream
let store: TokenStore
let service: TokenService
let served: ServedTokenService
beforeEach(async () => {
  up = await startUpstream()
  store = openSqliteTokenStore(join(tempDir(), 'tokens.sqlite'))
  service = createTokenService({
    accounts: [{ appid: APPID, secret: SECRET }],
    store,
    apiBase: up.served.url,
  })
  served = await serveTokenService(service, {
    clients: [{ name: 'cli', key: KEY, accounts: [APPID], allow: ['token.get'] }],
  })
})
afterEach(async () => {
  await served.close()
  await service.close()
  await store.close()
  await up.close()
})

describe('wxmp token status', () => {
  it('explains that it needs the token service when none is given (exit 2)', async () => {
    const run = await wxmp(['token', 'status'], up.env)
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('token status reads the token service')
    expect(run.stderr).toContain('--token-service URL --client-key KEY')
  })

  it("shows the account's token expiry, source and refreshes, as JSON and as text", async () => {
    await service.accessToken(APPID)
    const env = { ...up.env, WXMP_TOKEN_SERVICE: served.url, WXMP_CLIENT_KEY: KEY }
    const json = await wxmp(['token', 'status', '--json'], env)
    expect(json.stderr).toBe('')
    expect(json.code).toBe(0)
    const { accounts } = stdoutJson<{
      accounts: {
        appid: string
        mode: string
        credentials: { access_token: { present: boolean; expiresAt: number; source: string } }
        refreshes: { kind: string; outcome: string }[]
      }[]
    }>(json)
    expect(accounts).toHaveLength(1)
    const status = accounts[0]!
    expect(status).toMatchObject({ appid: APPID, mode: 'stable' })
    expect(status.credentials.access_token.present).toBe(true)
    expect(status.credentials.access_token.expiresAt).toBeGreaterThan(Date.now() / 1000 + 7000)
    expect(status.refreshes[0]).toMatchObject({ kind: 'access_token', outcome: 'ok' })
    // The status never carries the token itself.
    expect(json.stdout).not.toContain((await service.accessToken(APPID)).value)

    const text = await wxmp(
      ['token', 'status', '--token-service', served.url, '--client-key', KEY, '--appid', APPID],
      up.env,
    )
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(new RegExp(`^${APPID}  mode stable · store sqlite\\n`))
    expect(text.stdout).toMatch(
      // Fetched moments ago: 2 h less the seconds the test took (2h 0m within the first second).
      / {2}access_token {2}expires \S+Z \((?:1h 5\dm|2h 0m)\) · fetched \S+Z · source /,
    )
    expect(text.stdout).toMatch(/ {2}jsapi_ticket {2}none held\n/)
    expect(text.stdout).toMatch(/ {4}\S+Z {2}access_token {2}missing → ok\n/)
  })

  it('reports a refused client key with exit 1', async () => {
    const run = await wxmp(
      ['token', 'status', '--token-service', served.url, '--client-key', 'not-the-right-key-00'],
      up.env,
    )
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/token service: wx0123456789abcdef: HTTP 401 WX_TOKEN_UNAUTHORIZED/)
  })

  it('lets the API commands take their token from the service instead of fetching one', async () => {
    const env = { ...up.env, WXMP_SECRET: '', WXMP_TOKEN_SERVICE: served.url, WXMP_CLIENT_KEY: KEY }
    const first = await wxmp(['tags', 'list', '--json'], env)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    const second = await wxmp(['tags', 'list', '--json'], env)
    expect(second.code).toBe(0)
    // One token fetch for both commands: the service's.
    expect(up.calls('/cgi-bin/stable_token')).toBe(1)
    expect(up.calls('/cgi-bin/tags/get')).toBe(2)
  })
})
