import { afterEach, describe, expect, it } from 'vitest'
import { VirtualClock } from '@wxmp/core'
import type { DeliveryStore } from './delivery-store.js'
import { SUCCESS, type WebhookResponse } from './http-types.js'
import { MemoryDeliveryStore } from './memory-delivery-store.js'
import { openRedisDeliveryStore } from './redis/redis-delivery-store.js'
import { testRedisUrl, uniquePrefix } from './redis/test-redis.test-support.js'

/** One shared storage: `open()` is one more webhook instance on it; `age()` lets TTL time pass. */
interface Backing {
  open(): DeliveryStore
  age(ms: number): Promise<void>
}

const opened: DeliveryStore[] = []
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close?.()
})

const backings: Array<[string, (ttlMs: number) => Promise<Backing>]> = [
  [
    'memory',
    async (ttlMs) => {
      const clock = new VirtualClock(0)
      // One process holds the memory store: every "instance" is the same object.
      const store = new MemoryDeliveryStore({ ttlMs, clock })
      return { open: () => store, age: async (ms) => clock.advance(ms) }
    },
  ],
  [
    'redis',
    async (ttlMs) => {
      const url = await testRedisUrl()
      const prefix = uniquePrefix()
      return {
        open: () => {
          const store = openRedisDeliveryStore(url, {
            prefix,
            requestTtlMs: ttlMs,
            messageTtlMs: ttlMs,
          })
          opened.push(store)
          return store
        },
        // Redis expires keys on its own clock: real time has to pass.
        age: (ms) => new Promise((r) => setTimeout(r, ms)),
      }
    },
  ],
]

const REPLY: WebhookResponse = {
  status: 200,
  body: '<xml><Content><![CDATA[回复 🎉 \u0000 end]]></Content></xml>',
  contentType: 'application/xml; charset=utf-8',
}

describe.each(backings)('%s delivery store', (_name, backing) => {
  it('answers a retry from the settled first claim and refuses another fingerprint', async () => {
    const store = (await backing(300_000)).open()
    const first = await store.claimRequest('wx1|1700000000|42', 1)
    expect(first.status).toBe('new')
    if (first.status === 'new') first.settle(SUCCESS)
    expect(await store.claimRequest('wx1|1700000000|42', 1)).toEqual({
      status: 'retry',
      response: SUCCESS,
    })
    expect(await store.claimRequest('wx1|1700000000|42', 2)).toEqual({ status: 'replay' })
  })

  it('gives another instance the first instance’s answer, byte for byte', async () => {
    const b = await backing(300_000)
    const [one, two] = [b.open(), b.open()]
    const first = await one.claimMessage('wx1|msg:24000000000000000001')
    if (first.status !== 'new') throw new Error('expected a new claim')
    first.settle({ ...REPLY, status: 405, headers: { Allow: 'GET, POST' } })
    const again = await two.claimMessage('wx1|msg:24000000000000000001')
    expect(again.status).toBe('retry')
    if (again.status === 'retry')
      expect(await again.response).toEqual({
        ...REPLY,
        status: 405,
        headers: { Allow: 'GET, POST' },
      })
  })

  it('makes retries on any instance wait for a first attempt still running', async () => {
    const b = await backing(300_000)
    const [one, two] = [b.open(), b.open()]
    const first = await one.claimRequest('wx1|1700000000|7', 9)
    const local = await one.claimRequest('wx1|1700000000|7', 9)
    const remote = await two.claimRequest('wx1|1700000000|7', 9)
    expect([local.status, remote.status]).toEqual(['retry', 'retry'])
    let answered = false
    if (remote.status === 'retry')
      void Promise.resolve(remote.response).then(() => (answered = true))
    await new Promise((r) => setTimeout(r, 20))
    expect(answered).toBe(false)
    if (first.status === 'new') first.settle(REPLY)
    if (local.status === 'retry') expect(await local.response).toEqual(REPLY)
    if (remote.status === 'retry') expect(await remote.response).toEqual(REPLY)
  })

  it('keeps the first answer when a claim is settled twice', async () => {
    const b = await backing(300_000)
    const store = b.open()
    const first = await store.claimMessage('wx1|msg:1')
    if (first.status !== 'new') throw new Error('expected a new claim')
    first.settle(REPLY)
    first.settle(SUCCESS)
    const again = await b.open().claimMessage('wx1|msg:1')
    if (again.status === 'retry') expect(await again.response).toEqual(REPLY)
    else throw new Error('expected a retry')
  })

  it('keeps requests, messages and accounts apart, and never answers replay for a message', async () => {
    const store = (await backing(300_000)).open()
    expect((await store.claimRequest('wx1|1|n', 1)).status).toBe('new')
    expect((await store.claimMessage('wx1|1|n')).status).toBe('new')
    expect((await store.claimRequest('wx2|1|n', 1)).status).toBe('new')
    expect((await store.claimMessage('wx1|1|n')).status).toBe('retry')
  })

  it('forgets a settled claim once its TTL has passed', async () => {
    const b = await backing(400)
    const store = b.open()
    const first = await store.claimRequest('wx1|1|ttl', 1)
    if (first.status === 'new') first.settle(SUCCESS)
    await b.age(150)
    expect((await store.claimRequest('wx1|1|ttl', 1)).status).toBe('retry')
    await b.age(400)
    expect((await store.claimRequest('wx1|1|ttl', 1)).status).toBe('new')
  })
})
