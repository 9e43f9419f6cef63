import { afterEach, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { VirtualClock } from '@wxmp/core'
import { SUCCESS, xmlResponse } from '../http-types.js'
import { encodeSettled } from './claim-value.js'
import {
  openRedisDeliveryStore,
  type RedisDeliveryStore,
  type RedisDeliveryStoreOptions,
} from './redis-delivery-store.js'
import { testRedisUrl, uniquePrefix } from './test-redis.test-support.js'

const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** Opens `count` instances sharing one fresh prefix, plus a raw client to look at the keys. */
async function instances(count: number, options: RedisDeliveryStoreOptions = {}) {
  const url = await testRedisUrl()
  const prefix = uniquePrefix()
  const stores: RedisDeliveryStore[] = []
  for (let i = 0; i < count; i++) {
    const store = openRedisDeliveryStore(url, { prefix, ...options })
    cleanups.push(() => store.close())
    stores.push(store)
  }
  const raw = new Redis(url)
  cleanups.push(() => raw.quit())
  return { stores, raw, prefix, url }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('RedisDeliveryStore', () => {
  it('namespaces claims by account and stores the fingerprint with a pending request', async () => {
    const { stores, raw, prefix } = await instances(1)
    const claim = await stores[0]!.claimRequest('wx0123456789abcdef|1767225600|314159', 77)
    const key = `${prefix}:{wx0123456789abcdef}:req:1767225600|314159`
    expect(JSON.parse((await raw.get(key))!)).toMatchObject({ f: 77 })
    const ttl = await raw.pttl(key)
    expect(ttl).toBeGreaterThan(0)
    expect(ttl).toBeLessThanOrEqual(6000) // a lease while running, not the full TTL
    if (claim.status === 'new') claim.settle(xmlResponse('<xml/>'))
    await stores[0]!.close()
    // Settled: kept for the rest of the request TTL.
    expect(await raw.pttl(key)).toBeGreaterThan(290_000)
    expect(await raw.exists(`${prefix}:{wx0123456789abcdef}:msg:1767225600|314159`)).toBe(0)
  })

  it('delivers a remote answer by pub/sub, without waiting for a poll', async () => {
    const { stores } = await instances(2, { pollMs: 60_000 })
    const first = await stores[0]!.claimMessage('wx1|msg:5')
    const retry = await stores[1]!.claimMessage('wx1|msg:5')
    if (retry.status !== 'retry' || first.status !== 'new') throw new Error('unexpected claims')
    await sleep(50) // let the subscription be made before the answer is published
    first.settle(xmlResponse('<xml>pub</xml>'))
    expect(await retry.response).toEqual(xmlResponse('<xml>pub</xml>'))
  })

  it('finds an answer whose notification was lost by polling the claim', async () => {
    const clock = new VirtualClock(0)
    const { stores, raw, prefix } = await instances(1, { clock, pollMs: 100 })
    // A first attempt on an instance that left a pending claim and settles without publishing.
    const key = `${prefix}:{wx1}:msg:msg:9`
    await raw.set(key, JSON.stringify({ o: 'elsewhere:1', f: 0 }), 'PX', 60_000)
    const retry = await stores[0]!.claimMessage('wx1|msg:9')
    if (retry.status !== 'retry') throw new Error('expected a retry')
    let got: unknown
    void Promise.resolve(retry.response).then((r) => (got = r))
    await raw.set(key, encodeSettled('elsewhere:1', 0, xmlResponse('<xml>polled</xml>')))
    for (let i = 0; i < 50 && got === undefined; i++) {
      await clock.advanceAsync(100)
      await sleep(5)
    }
    expect(got).toEqual(xmlResponse('<xml>polled</xml>'))
  })

  it('answers a waiting retry success after waitMs when the first attempt never settles', async () => {
    const clock = new VirtualClock(0)
    const { stores } = await instances(2, { clock, waitMs: 5000, pollMs: 60_000 })
    const first = await stores[0]!.claimRequest('wx1|1|slow', 3)
    expect(first.status).toBe('new')
    const retry = await stores[1]!.claimRequest('wx1|1|slow', 3)
    if (retry.status !== 'retry') throw new Error('expected a retry')
    let got: unknown
    void Promise.resolve(retry.response).then((r) => (got = r))
    await clock.advanceAsync(4999)
    expect(got).toBeUndefined()
    await clock.advanceAsync(1)
    expect(got).toEqual(SUCCESS)
  })

  it('lets a crashed first attempt lapse after its lease, while a live one keeps its claim', async () => {
    const { stores } = await instances(3, { leaseMs: 150 })
    const [crashed, live, other] = stores as [
      RedisDeliveryStore,
      RedisDeliveryStore,
      RedisDeliveryStore,
    ]
    const dead = await crashed.claimRequest('wx1|1|dead', 1)
    const running = await live.claimRequest('wx1|1|live', 1)
    expect([dead.status, running.status]).toEqual(['new', 'new'])
    await crashed.close() // its process is gone: nobody renews the lease or settles
    await sleep(400)
    expect((await other.claimRequest('wx1|1|dead', 1)).status).toBe('new')
    const retry = await other.claimRequest('wx1|1|live', 1)
    expect(retry.status).toBe('retry')
    if (running.status === 'new') running.settle(xmlResponse('<xml>late but alive</xml>'))
    if (retry.status === 'retry')
      expect(await retry.response).toEqual(xmlResponse('<xml>late but alive</xml>'))
  })

  it('counts claims of all instances within the TTL, not retries', async () => {
    const { stores } = await instances(2)
    const [a, b] = stores as [RedisDeliveryStore, RedisDeliveryStore]
    for (const k of ['1', '2']) await a.claimRequest(`wx1|1|${k}`, 1)
    await b.claimRequest('wx1|1|3', 1)
    await b.claimRequest('wx1|1|1', 1) // a retry
    await b.claimMessage('wx1|msg:1')
    await sleep(20) // the counters are written in the background
    expect(a.size()).toEqual({ requests: 0, messages: 0 }) // not counted yet: refreshes behind
    expect(await a.sizes()).toEqual({ requests: 3, messages: 1 })
    expect(a.size()).toEqual({ requests: 3, messages: 1 })
  })

  it('closes only the connections it opened', async () => {
    const url = await testRedisUrl()
    const client = new Redis(url)
    cleanups.push(() => client.quit())
    const store = openRedisDeliveryStore(client, { prefix: uniquePrefix() })
    const first = await store.claimMessage('wx1|msg:1')
    if (first.status === 'new') first.settle(SUCCESS)
    await store.close()
    expect(client.status).toBe('ready')
    expect(await client.ping()).toBe('PONG')
    await expect(store.claimMessage('wx1|msg:2')).rejects.toThrow(/closed/)
  })

  it('rejects a claim when Redis cannot be reached, rather than guessing', async () => {
    const store = openRedisDeliveryStore('redis://127.0.0.1:1', { onError: () => undefined })
    cleanups.push(() => store.close())
    await expect(store.claimRequest('wx1|1|1', 1)).rejects.toThrow()
  })
})
