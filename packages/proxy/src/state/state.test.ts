/** The three proxy states keep one contract: sessions, sliding windows, the quota ledger. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freshPrefix, onCleanup, tempDir, testRedisUrl } from '../proxy.test-support.js'
import { MemoryProxyState } from './memory.js'
import { openRedisProxyState } from './redis.js'
import { admits, retryAfterMs, windowAt } from './sliding-window.js'
import { openSqliteProxyState } from './sqlite.js'
import type { ProxyState } from './types.js'

const opened = (state: ProxyState): ProxyState => {
  onCleanup(() => state.close())
  return state
}

const STATES: Array<[string, () => Promise<ProxyState>]> = [
  ['memory', async () => new MemoryProxyState()],
  ['sqlite', async () => opened(openSqliteProxyState(join(tempDir(), 'p.sqlite')))],
  [
    'redis',
    async () => opened(openRedisProxyState(await testRedisUrl(), { prefix: freshPrefix() })),
  ],
]

describe.each(STATES)('%s state', (_name, open) => {
  it('keeps a session until its expiry', async () => {
    const state = await open()
    await state.putSession('h1', { client: 'c', appid: 'wx1', expiresAt: 2000 }, 1000)
    expect(await state.getSession('h1', 1999)).toEqual({
      client: 'c',
      appid: 'wx1',
      expiresAt: 2000,
    })
    expect(await state.getSession('h1', 2000)).toBeUndefined()
    expect(await state.getSession('h2', 1000)).toBeUndefined()
  })

  it('counts the ledger up to the limit, per endpoint and day, and resets a day', async () => {
    const state = await open()
    const take = () => state.takeQuota('wx1', 'menu.create', '2026-03-10', 2)
    expect(await take()).toEqual({ allowed: true, used: 1 })
    expect(await take()).toEqual({ allowed: true, used: 2 })
    expect(await take()).toEqual({ allowed: false, used: 2 })
    expect(await state.takeQuota('wx1', 'menu.get', '2026-03-10', 2)).toEqual({
      allowed: true,
      used: 1,
    })
    expect(await state.takeQuota('wx1', 'menu.create', '2026-03-11', 2)).toMatchObject({ used: 1 })
    expect(await state.takeQuota('wx1', 'menu.create', '2026-03-10', 0)).toMatchObject({
      allowed: false,
    })
    await state.resetQuota('wx1', '2026-03-10')
    expect(await state.quotaUsed('wx1', 'menu.create', '2026-03-10')).toBe(0)
    expect(await state.quotaUsed('wx1', 'menu.create', '2026-03-11')).toBe(1)
  })

  it('checks every limit before counting any', async () => {
    const state = await open()
    const at = windowAt(600_000, 60_000)
    const limits = [
      { name: 'all', limit: 3 },
      { name: 'one', limit: 1 },
    ]
    expect(await state.takeRate('c', limits, at)).toEqual({ allowed: true })
    expect(await state.takeRate('c', limits, at)).toEqual({
      allowed: false,
      index: 1,
      prev: 0,
      curr: 1,
    })
    // The refused call was not counted against `all`: two more fit there.
    const all = [{ name: 'all', limit: 3 }]
    expect(await state.takeRate('c', all, at)).toEqual({ allowed: true })
    expect(await state.takeRate('c', all, at)).toEqual({ allowed: true })
    expect(await state.takeRate('c', all, at)).toMatchObject({ allowed: false, curr: 3 })
    // Another group has its own counters.
    expect(await state.takeRate('d', all, at)).toEqual({ allowed: true })
  })

  it('weighs the previous window by how much of it still slides in', async () => {
    const state = await open()
    const limits = [{ name: 'x', limit: 4 }]
    for (let i = 0; i < 4; i++) await state.takeRate('c', limits, windowAt(60_000, 60_000))
    // 75 % into the next window, 4 × 0.25 = 1 still counts: three more fit, not four.
    const later = windowAt(165_000, 60_000)
    for (let i = 0; i < 3; i++)
      expect((await state.takeRate('c', limits, later)).allowed).toBe(true)
    expect(await state.takeRate('c', limits, later)).toEqual({
      allowed: false,
      index: 0,
      prev: 4,
      curr: 3,
    })
  })
})

describe('sliding window arithmetic', () => {
  it('admits while the weighted count plus this call fits', () => {
    expect(admits(10, 0, 0.5, 6)).toBe(true)
    expect(admits(10, 1, 0.5, 6)).toBe(false)
    expect(admits(0, 0, 0, 0)).toBe(false)
  })

  it('says how long until a call would fit', () => {
    const at = windowAt(60_000, 60_000)
    // Full window: 1/3 into the next one, 3 × (1 − 1/3) + 1 = 3.
    expect(retryAfterMs(0, 3, at, 3)).toBeCloseTo(80_000)
    // Previous window's weight: 6 × (1 − f) + 0 + 1 ≤ 4 from f = 0.5.
    expect(retryAfterMs(6, 0, windowAt(60_000 + 15_000, 60_000), 4)).toBeCloseTo(15_000)
    expect(retryAfterMs(0, 0, windowAt(60_000 + 15_000, 60_000), 0)).toBeCloseTo(45_000)
  })
})
