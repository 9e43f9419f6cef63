import { afterEach, describe, expect, it, vi } from 'vitest'
import { Redis } from 'ioredis'
import { VirtualClock } from '@wxmp/core'
import { buildPush } from '@wxmp/crypto'
import { reply } from '@wxmp/spec/messages'
import { createLogger } from './logger.js'
import { createWebhook } from './webhook.js'
import type { WebhookResponse } from './http-types.js'
import { MemoryDeliveryStore } from './memory-delivery-store.js'
import { openRedisDeliveryStore, type RedisDeliveryStore } from './redis/redis-delivery-store.js'
import { testRedisUrl, uniquePrefix } from './redis/test-redis.test-support.js'
import { PLAIN, textXml } from './test-fixtures.js'

const START = Date.UTC(2026, 0, 1)
const cleanups: Array<() => Promise<unknown>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/** A webhook on `store` whose text handler counts its runs; log lines are kept. */
function echoOn(store: RedisDeliveryStore) {
  const clock = new VirtualClock(START)
  const lines: string[] = []
  const logger = createLogger({ write: (chunk) => lines.push(chunk) })
  const wh = createWebhook({ accounts: [PLAIN], clock, deliveryStore: store, logger })
  let runs = 0
  wh.on('text', (m) => reply.text(`${++runs}: ${m.Content}`))
  cleanups.push(() => wh.close())
  const push = buildPush({ token: PLAIN.token, mode: 'plain', xml: textXml('你好', '77'), clock })
  const send = async (): Promise<WebhookResponse> =>
    await wh.handle({
      method: 'POST',
      path: `/wx/${PLAIN.appid}`,
      query: push.query,
      body: push.body,
    })
  return { wh, send, runs: () => runs, lines, logger }
}

describe('the delivery store failing before the handler runs', () => {
  it('answers 503 (so WeChat re-sends) and runs nothing while Redis cannot be reached', async () => {
    // A port nobody listens on: every claim fails, as in a Redis outage.
    const store = openRedisDeliveryStore('redis://127.0.0.1:1', {
      prefix: uniquePrefix(),
      onError: () => undefined,
    })
    const { wh, send, runs, lines, logger } = echoOn(store)
    const answer = await send()
    expect(answer.status).toBe(503)
    expect(runs()).toBe(0)
    logger.flush()
    expect(lines.join('')).toMatch(/delivery store unavailable; answered 503/)
    expect(wh.metrics.outcome('unavailable')).toBe(1)
  })

  it('gives up the request claim when only the message claim fails, so the re-send is handled once', async () => {
    const url = await testRedisUrl()
    const prefix = uniquePrefix()
    const store = openRedisDeliveryStore(url, { prefix })
    const { send, runs } = echoOn(store)
    // Make the message claim (and only it) fail for real: a list where the claim's string goes.
    const messageKey = store.key('msg', `${PLAIN.appid}|msg:77`)
    const direct = new Redis(url)
    cleanups.push(() => direct.quit())
    await direct.lpush(messageKey, 'not a claim')

    const first = await send()
    expect(first.status).toBe(503)
    expect(runs()).toBe(0)
    // The request claim is given up (a write behind the answer): nothing is left to make the
    // re-send wait.
    await vi.waitFor(async () =>
      expect(await direct.keys(`${prefix}:{${PLAIN.appid}}:req:*`)).toEqual([]),
    )

    // WeChat re-sends the identical request once the store works again.
    await direct.del(messageKey)
    const again = await send()
    expect(again.status).toBe(200)
    expect(again.body).toContain('1: 你好')
    expect(runs()).toBe(1)
    // And a later identical re-send is answered from that attempt, without running again.
    expect((await send()).body).toBe(again.body)
    expect(runs()).toBe(1)
  })
})

describe('MemoryDeliveryStore release', () => {
  it('frees the key for the next identical request and answers retries already waiting', async () => {
    const store = new MemoryDeliveryStore({ clock: new VirtualClock(START), maxEntries: 2 })
    const first = store.claimRequest('wx1|1|n', 7)
    if (first.status !== 'new') throw new Error('expected a new claim')
    const waiting = store.claimRequest('wx1|1|n', 7)
    if (waiting.status !== 'retry') throw new Error('expected a retry')
    first.release({ status: 503, body: '', contentType: 'text/plain' })
    expect((await waiting.response).status).toBe(503)
    expect(store.claimRequest('wx1|1|n', 7).status).toBe('new')
    // The released entry ages out of the ring like any other, without disturbing the index.
    for (let i = 0; i < 5; i++) expect(store.claimRequest(`wx1|2|n${i}`, 1).status).toBe('new')
    expect(store.claimRequest('wx1|2|n4', 1).status).toBe('retry')
  })
})
