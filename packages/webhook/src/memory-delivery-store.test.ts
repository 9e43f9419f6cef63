import { describe, expect, it } from 'vitest'
import { VirtualClock } from '@wxmp/core'
import { MemoryDeliveryStore } from './memory-delivery-store.js'
import { SUCCESS } from './http-types.js'

// The behaviour every delivery store shares is in delivery-store-contract.test.ts.
describe('MemoryDeliveryStore', () => {
  it('keeps at most maxEntries, evicting the oldest first', () => {
    const store = new MemoryDeliveryStore({ maxEntries: 3, clock: new VirtualClock(0) })
    for (const k of ['a', 'b', 'c', 'd']) store.claimMessage(k)
    expect(store.size().messages).toBe(3)
    expect(store.claimMessage('a').status).toBe('new') // evicted, so new again
    expect(store.claimMessage('d').status).toBe('retry')
  })

  it('forgets entries older than the TTL', () => {
    const clock = new VirtualClock(0)
    const store = new MemoryDeliveryStore({ ttlMs: 1000, clock })
    store.claimMessage('a')
    clock.advance(1000)
    expect(store.claimMessage('a').status).toBe('retry')
    clock.advance(1)
    expect(store.claimMessage('a').status).toBe('new')
    expect(store.size().messages).toBe(1)
  })

  it('resolves retries waiting on an in-flight entry even after it is evicted', async () => {
    const store = new MemoryDeliveryStore({ maxEntries: 1, clock: new VirtualClock(0) })
    const first = store.claimMessage('a')
    const retry = store.claimMessage('a')
    store.claimMessage('b') // evicts 'a' while it is in flight
    if (first.status === 'new') first.settle(SUCCESS)
    expect(retry.status).toBe('retry')
    if (retry.status === 'retry') expect(await retry.response).toBe(SUCCESS)
  })

  it('stays fast with a full table (eviction is O(1))', () => {
    const store = new MemoryDeliveryStore({ maxEntries: 20_000, clock: new VirtualClock(0) })
    const t0 = performance.now()
    for (let i = 0; i < 200_000; i++) store.claimRequest(`wx|${i}`, 7)
    // Linear-time eviction made this take seconds; O(1) eviction takes well under one.
    expect(performance.now() - t0).toBeLessThan(1500)
    expect(store.size().requests).toBe(20_000)
  })
})
