import { afterEach, describe, expect, it } from 'vitest'
import { parseXml, VirtualClock } from '@wxmp/core'
import { buildPush, createMessageCipher, openReply } from '@wxmp/crypto'
import { reply } from '@wxmp/spec/messages'
import { createWebhook, type Webhook } from './webhook.js'
import { serveWebhook } from './node-server.js'
import { WeChatLikeClient } from './testing/index.js'
import type { WebhookRequest } from './http-types.js'
import { openRedisDeliveryStore } from './redis/redis-delivery-store.js'
import { testRedisUrl, uniquePrefix } from './redis/test-redis.test-support.js'
import { PLAIN, SAFE, textXml } from './test-fixtures.js'

const START = Date.UTC(2026, 0, 1)
const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
})

/**
 * Two webhook instances on loopback, each with its own connection to one Redis (one prefix), both
 * running `register` — as two machines behind a load balancer would run the same app.
 */
async function twoInstances(register: (wh: Webhook) => void, deadlineMs = 4500) {
  const url = await testRedisUrl()
  const prefix = uniquePrefix()
  const clock = new VirtualClock(START)
  const start = async () => {
    const deliveryStore = openRedisDeliveryStore(url, { prefix, clock })
    const wh = createWebhook({ accounts: [PLAIN, SAFE], clock, deadlineMs, deliveryStore })
    register(wh)
    const seen: WebhookRequest[] = []
    const server = await serveWebhook(
      { maxBodyBytes: wh.maxBodyBytes, handle: (req) => (seen.push(req), wh.handle(req)) },
      { port: 0 },
    )
    cleanups.push(async () => {
      await server.close()
      await wh.close()
    })
    return { origin: server.origin, seen }
  }
  const [a, b] = [await start(), await start()]
  return { clock, a, b }
}

/** Waits (bounded) for real I/O to reach a condition; time in the test stays virtual. */
async function until(cond: () => boolean, what: string): Promise<void> {
  const limit = Date.now() + 3000
  while (!cond()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 2))
  }
}

const content = (xml: string) => (parseXml(xml).xml as Record<string, string>).Content

describe('two webhook instances sharing a Redis delivery store', () => {
  it('makes a retry on instance B wait for the slow first attempt on A, and runs the handler once', async () => {
    let calls = 0
    let finish!: () => void
    const slow = new Promise<void>((r) => (finish = r))
    // A deadline past WeChat's 5 s, so WeChat gives up on A first and re-sends to B.
    const { clock, a, b } = await twoInstances((wh) => {
      wh.on('text', async (m) => {
        calls++
        await slow
        return reply.text(`answer to ${m.Content}`)
      })
    }, 60_000)
    const delivery = new WeChatLikeClient({ clock }).deliver(
      [`${a.origin}/wx`, `${b.origin}/wx`],
      buildPush({ token: PLAIN.token, mode: 'plain', xml: textXml('跨实例'), clock }),
    )
    await until(() => calls === 1, 'the first attempt on A')
    await clock.advanceAsync(5000) // WeChat's timeout: attempt 2 goes to B
    await until(() => b.seen.length === 1, 'the retry on B')
    await new Promise((r) => setTimeout(r, 30)) // B is now waiting, not answering
    finish()
    const result = await delivery
    expect(calls).toBe(1)
    expect(result.attempts.map((x) => x.error ?? x.status)).toEqual(['timeout', 200])
    expect(content(result.reply!)).toBe('answer to 跨实例')
    expect(a.seen).toHaveLength(1)
  })

  it('answers a re-send landing on the other instance from the first attempt, in plain and safe mode', async () => {
    let calls = 0
    const { clock, a, b } = await twoInstances((wh) => {
      wh.on('text', (m) => reply.text(`${++calls}: ${m.Content}`))
    })
    const client = new WeChatLikeClient({ clock })

    const plain = buildPush({ token: PLAIN.token, mode: 'plain', xml: textXml('明文', '1'), clock })
    const first = await client.deliver(`${a.origin}/wx/${PLAIN.appid}`, plain)
    const again = await client.deliver(`${b.origin}/wx/${PLAIN.appid}`, plain)
    expect(content(first.reply!)).toBe('1: 明文')
    expect(again.reply).toBe(first.reply)

    const safe = buildPush({
      token: SAFE.token,
      appId: SAFE.appid,
      aesKey: SAFE.aesKey,
      mode: 'safe',
      xml: textXml('密文', '2'),
      clock,
    })
    const sealed = await client.deliver(`${a.origin}/wx/${SAFE.appid}`, safe)
    const resent = await client.deliver(`${b.origin}/wx/${SAFE.appid}`, safe)
    expect(resent.reply).toBe(sealed.reply)
    const cipher = createMessageCipher({ appId: SAFE.appid, aesKey: SAFE.aesKey! })
    expect(content(openReply(cipher, SAFE.token, resent.reply!))).toBe('2: 密文')

    // The same message re-signed (another nonce) is also answered from the first attempt.
    const resigned = buildPush({
      token: PLAIN.token,
      mode: 'plain',
      xml: textXml('明文', '1'),
      clock,
    })
    expect((await client.deliver(`${b.origin}/wx/${PLAIN.appid}`, resigned)).reply).toBe(
      first.reply,
    )
    expect(calls).toBe(2)
  })

  it('refuses on B a used nonce that carries another body (a replay of a push A handled)', async () => {
    let calls = 0
    const { clock, a, b } = await twoInstances((wh) => {
      wh.on('text', () => `${++calls}`)
    })
    const once = new WeChatLikeClient({ clock, retries: 0 })
    const push = (xml: string) =>
      buildPush({ token: PLAIN.token, mode: 'plain', xml, clock, nonce: '271828' })
    const first = await once.deliver(`${a.origin}/wx`, push(textXml('one', '11')))
    expect(first.attempts[0]!.status).toBe(200)
    const replayed = await once.deliver(`${b.origin}/wx`, push(textXml('two', '12')))
    expect(replayed.attempts[0]).toMatchObject({ status: 401, body: '' })
    expect(calls).toBe(1)
  })
})
