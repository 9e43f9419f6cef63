import { describe, expect, it } from 'vitest'
import type { RefreshRecord, StoredState } from '../types.js'
import { HISTORY_LENGTH } from '../types.js'
import { useTestStores } from './test-stores.test-support.js'

const APPID = 'wx0123456789abcdef'
const T0 = Date.UTC(2026, 0, 1)

const state = (value: string, expiresAt = T0 + 7_200_000): StoredState => ({
  credential: { value, expiresAt, fetchedAt: T0, source: 'stable', rejected: false },
})

// Both stores must behave identically; each case runs against each.
describe.each(useTestStores())('%s store', (_name, backing) => {
  it('reads nothing for an account it never stored', async () => {
    const store = (await backing())()
    expect(await store.read(APPID, 'access_token')).toBeUndefined()
    expect(await store.refreshHistory(APPID)).toEqual([])
  })

  it('issues growing fences and keeps the lock from a second owner until released', async () => {
    const store = (await backing())()
    const first = await store.acquire(APPID, 'access_token', 'a', 10_000, T0)
    expect(first).toBeGreaterThan(0)
    expect(await store.acquire(APPID, 'access_token', 'b', 10_000, T0)).toBeUndefined()
    // The other kind has a lock of its own.
    expect(await store.acquire(APPID, 'jsapi_ticket', 'b', 10_000, T0)).toBeGreaterThan(0)
    expect(await store.release(APPID, 'access_token', 'b')).toBe(false) // not b's to free
    expect(await store.acquire(APPID, 'access_token', 'b', 10_000, T0)).toBeUndefined()
    expect(await store.release(APPID, 'access_token', 'a')).toBe(true)
    const second = await store.acquire(APPID, 'access_token', 'b', 10_000, T0)
    expect(second).toBeGreaterThan(first!)
  })

  it('lets a second owner take over once the lease has run out', async () => {
    const store = (await backing())()
    const first = await store.acquire(APPID, 'access_token', 'dead', 100, T0)
    expect(first).toBeDefined()
    // SQLite leases run on the caller's clock, Redis leases on the server's: move both.
    await new Promise((resolve) => setTimeout(resolve, 150))
    const second = await store.acquire(APPID, 'access_token', 'next', 10_000, T0 + 150)
    expect(second).toBeGreaterThan(first!)
    // The dead holder can neither renew nor release the new owner's lock.
    expect(await store.renew(APPID, 'access_token', 'dead', 10_000, T0 + 150)).toBe(false)
    expect(await store.release(APPID, 'access_token', 'dead')).toBe(false)
    expect(await store.renew(APPID, 'access_token', 'next', 10_000, T0 + 150)).toBe(true)
  })

  it('refuses a write under a fence that is no longer the newest', async () => {
    const store = (await backing())()
    const old = (await store.acquire(APPID, 'access_token', 'old', 100, T0))!
    await new Promise((resolve) => setTimeout(resolve, 150))
    const fresh = (await store.acquire(APPID, 'access_token', 'new', 10_000, T0 + 150))!
    expect(await store.write(APPID, 'access_token', state('NEW'), fresh)).toBe(true)
    expect(await store.write(APPID, 'access_token', state('OLD'), old)).toBe(false)
    expect((await store.read(APPID, 'access_token'))?.credential?.value).toBe('NEW')
  })

  it('round-trips a credential with its failure record', async () => {
    const store = (await backing())()
    const fence = (await store.acquire(APPID, 'jsapi_ticket', 'me', 10_000, T0))!
    const written: StoredState = {
      credential: {
        value: 'TICKET-票',
        expiresAt: T0 + 7_200_000,
        fetchedAt: T0,
        source: 'ticket',
        rejected: false,
      },
      failure: {
        kind: 'upstream',
        errcode: -1,
        message: 'system busy',
        at: T0 + 1,
        attempts: 2,
        retryAt: T0 + 4000,
      },
    }
    expect(await store.write(APPID, 'jsapi_ticket', written, fence)).toBe(true)
    expect(await store.read(APPID, 'jsapi_ticket')).toEqual(written)
    expect(await store.read(APPID, 'access_token')).toBeUndefined()
    const failureOnly: StoredState = { failure: { ...written.failure!, kind: 'config' } }
    expect(await store.write(APPID, 'jsapi_ticket', failureOnly, fence)).toBe(true)
    expect(await store.read(APPID, 'jsapi_ticket')).toEqual(failureOnly)
  })

  it('invalidates only the value still held, once', async () => {
    const store = (await backing())()
    const fence = (await store.acquire(APPID, 'access_token', 'me', 10_000, T0))!
    await store.write(APPID, 'access_token', state('CURRENT'), fence)
    expect(await store.invalidate(APPID, 'access_token', 'OLDER')).toBe(false)
    expect((await store.read(APPID, 'access_token'))?.credential?.rejected).toBe(false)
    expect(await store.invalidate(APPID, 'access_token', 'CURRENT')).toBe(true)
    expect(await store.invalidate(APPID, 'access_token', 'CURRENT')).toBe(false)
    expect((await store.read(APPID, 'access_token'))?.credential?.rejected).toBe(true)
  })

  it('counts force refreshes: 20 a Beijing day, 30 s apart, the spacing across midnight too', async () => {
    const store = (await backing())()
    const limits = (now: number, day: string) => ({ day, now, perDay: 20, spacingMs: 30_000 })
    let now = T0
    for (let i = 0; i < 20; i++) {
      expect(await store.takeForceRefresh(APPID, limits(now, '2026-01-01'))).toBe(true)
      expect(await store.takeForceRefresh(APPID, limits(now + 29_999, '2026-01-01'))).toBe(false)
      now += 30_000
    }
    expect(await store.takeForceRefresh(APPID, limits(now, '2026-01-01'))).toBe(false)
    expect(await store.forceRefreshUsage(APPID, '2026-01-01')).toEqual({
      day: '2026-01-01',
      used: 20,
      lastAt: now - 30_000,
    })
    expect((await store.forceRefreshUsage(APPID, '2026-01-02')).used).toBe(0)
    expect(await store.takeForceRefresh(APPID, limits(now, '2026-01-02'))).toBe(true)
    expect(await store.takeForceRefresh(APPID, limits(now + 1000, '2026-01-03'))).toBe(false)
    expect(await store.takeForceRefresh('wx00000000000000ff', limits(now, '2026-01-02'))).toBe(true)
  })

  it('keeps the newest refresh records, newest first', async () => {
    const store = (await backing())()
    const record = (i: number): RefreshRecord => ({
      at: T0 + i,
      kind: 'access_token',
      trigger: 'active',
      outcome: 'ok',
    })
    for (let i = 0; i < HISTORY_LENGTH + 5; i++) await store.recordRefresh(APPID, record(i))
    const history = await store.refreshHistory(APPID)
    expect(history).toHaveLength(HISTORY_LENGTH)
    expect(history[0]).toEqual(record(HISTORY_LENGTH + 4))
    expect(history.at(-1)).toEqual(record(5))
  })

  it('shares everything between connections to the same store', async () => {
    const open = await backing()
    const a = open()
    const b = open()
    const fence = (await a.acquire(APPID, 'access_token', 'a', 10_000, T0))!
    expect(await b.acquire(APPID, 'access_token', 'b', 10_000, T0)).toBeUndefined()
    await a.write(APPID, 'access_token', state('SHARED'), fence)
    expect((await b.read(APPID, 'access_token'))?.credential?.value).toBe('SHARED')
  })
})
