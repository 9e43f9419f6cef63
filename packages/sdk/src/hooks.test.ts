/** Hooks, timeouts, cancellation and accounts: what every call shares. */
import { describe, expect, it } from 'vitest'
import type { CallEvent } from './options.js'
import { APPID, APPID_B, SECRET, SECRET_B, setup } from './sdk.test.helpers.js'
import { directTokenSource } from './token/direct.js'

describe('onCall', () => {
  it('reports every attempt with endpoint, attempt, duration and errcode, secrets redacted', async () => {
    const events: CallEvent[] = []
    const s = setup({ onCall: (event) => events.push(event) })
    await s.fault({ endpoint: 'tags.get', errcode: 42001 })
    await s.client.tags.get()
    expect(events.map((e) => [e.endpoint, e.attempt, e.errcode])).toEqual([
      ['token.stable', 1, 0],
      ['tags.get', 1, 42001],
      // The token service's policy: normal mode first; WeChat hands back the same (rejected)
      // token, so it forces a refresh.
      ['token.stable', 1, 0],
      ['token.stable', 1, 0],
      ['tags.get', 2, 0],
    ])
    expect(events[1]).toMatchObject({ method: 'GET', error: 'WX_ERR_API', durationMs: 0 })
    const text = JSON.stringify(events)
    expect(text).not.toContain(SECRET)
    expect(text).toContain('access_token=[redacted]')
    const token = await directTokenSource({
      accounts: { [APPID]: SECRET },
      fetch: (r) => s.emulator.fetch(r),
      clock: s.clock,
    }).get(APPID)
    expect(text).not.toContain(token)
  })

  it('ignores a hook that throws', async () => {
    const s = setup({
      onCall: () => {
        throw new Error('logger down')
      },
    })
    await expect(s.client.tags.get()).resolves.toHaveProperty('tags')
  })
})

describe('timeouts and cancellation', () => {
  it('takes a per-call timeout over the client’s', async () => {
    const s = setup({ timeoutMs: 60_000, retry: { attempts: 1 } })
    await s.fault({ endpoint: 'tags.get', delayMs: 2000 })
    const reading = s.client.tags.get(undefined, { timeoutMs: 1000 }).catch((e: unknown) => e)
    await s.clock.advanceAsync(1000)
    expect(await reading).toMatchObject({ code: 'WX_ERR_TRANSPORT', message: /1000 ms/ })
    await s.clock.advanceAsync(1000)
  })

  it('stops at once when the caller aborts, and does not retry', async () => {
    const s = setup()
    await s.client.tags.get() // token in cache
    await s.fault({ endpoint: 'tags.get', delayMs: 5000 })
    const controller = new AbortController()
    const reading = s.client.tags
      .get(undefined, { signal: controller.signal })
      .catch((e: unknown) => e)
    await s.clock.advanceAsync(10)
    controller.abort()
    expect(await reading).toMatchObject({ code: 'WX_ERR_TRANSPORT', message: /aborted/ })
    await s.clock.advanceAsync(5000)
    expect(await s.calls('/cgi-bin/tags/get')).toBe(2)
  })
})

describe('accounts', () => {
  it('keeps each client on its own account, sharing one token source', async () => {
    const s = setup()
    const tokens = directTokenSource({
      accounts: { [APPID]: SECRET, [APPID_B]: SECRET_B },
      fetch: (r) => s.emulator.fetch(r),
      clock: s.clock,
    })
    const a = s.clientWith({ tokenSource: tokens })
    const b = s.clientWith({ appid: APPID_B, secret: SECRET_B, tokenSource: tokens })
    await a.tags.create({ tag: { name: '只在A' } })
    const tagsA = await a.tags.get()
    const tagsB = await b.tags.get()
    expect(tagsA.tags.map((t) => t.name)).toContain('只在A')
    expect(tagsB.tags.map((t) => t.name)).not.toContain('只在A')
    expect(await tokens.get(APPID)).not.toBe(await tokens.get(APPID_B))
  })
})
