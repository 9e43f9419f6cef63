/**
 * The SDK's proxy transport against the real proxy (in-process, web-standard `handle`): typed
 * calls go through with the client key only, several accounts behind one key are told apart by
 * the header the SDK sends, and the proxy's refusal reaches the caller as a `WxProxyError`.
 */
import { VirtualClock } from '@wxmp/core'
import { createEmulator } from '@wxmp/emulator'
import { createClient } from '@wxmp/sdk'
import { createTokenService, openSqliteTokenStore } from '@wxmp/token'
import { describe, expect, it } from 'vitest'
import { createProxy } from './proxy.js'
import {
  ACCOUNT,
  ALL_KEY,
  APPID,
  CLIENTS,
  MENU_KEY,
  OTHER,
  OTHER_APPID,
} from './proxy.test-support.js'

function rig() {
  const clock = new VirtualClock()
  const emulator = createEmulator({ accounts: [ACCOUNT, OTHER], clock, seed: 4 })
  const upstream = (request: Request) => emulator.fetch(request)
  const store = openSqliteTokenStore(':memory:')
  const tokens = createTokenService({
    accounts: [ACCOUNT, OTHER].map(({ appid, secret }) => ({ appid, secret })),
    store,
    fetch: upstream,
    apiBase: 'https://api.weixin.qq.com',
    clock,
    activeTimers: false,
  })
  const proxy = createProxy({
    config: { accounts: [ACCOUNT, OTHER], clients: CLIENTS },
    tokens,
    fetch: upstream,
    clock,
  })
  const client = (appid: string, clientKey: string) =>
    createClient({
      appid,
      proxy: { baseUrl: 'http://proxy.local', clientKey },
      fetch: (request) => proxy.handle(request),
      clock,
      validateResponses: true,
    })
  return { emulator, client }
}

describe('the SDK through the proxy', () => {
  it('makes typed calls with only the client key, one key serving two accounts', async () => {
    const { emulator, client } = rig()
    const a = client(APPID, ALL_KEY)
    const b = client(OTHER_APPID, ALL_KEY)
    await a.tags.create({ tag: { name: '只在A' } })
    expect((await a.tags.get()).tags.map((tag) => tag.name)).toContain('只在A')
    expect((await b.tags.get()).tags.map((tag) => tag.name)).not.toContain('只在A')
    // The SDK never fetched a token: the proxy did, once per account.
    expect(emulator.stats().calls['/cgi-bin/stable_token']).toBe(2)
  })

  it('turns the proxy’s refusal into a WxProxyError naming the rule, not retried', async () => {
    const { emulator, client } = rig()
    const menuOnly = client(APPID, MENU_KEY)
    await menuOnly.menu.create({ button: [{ type: 'click', name: '菜单', key: 'K' }] })
    const refused: unknown = await menuOnly.tags.get().catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: 'WX_ERR_PROXY', kind: 'proxy', status: 403 })
    expect(String((refused as { rule?: unknown }).rule)).toContain('menu.*')
    expect(emulator.stats().calls['/cgi-bin/tags/get'] ?? 0).toBe(0)
  })
})
