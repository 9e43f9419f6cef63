import { afterEach, describe, expect, it } from 'vitest'
import { parseXml, VirtualClock } from '@wxmp/core'
import { buildPush } from '@wxmp/crypto'
import { reply } from '@wxmp/spec/messages'
import { createWebhook, type Webhook } from './webhook.js'
import { serveWebhook, type RunningServer } from './node-server.js'
import { WeChatLikeClient } from './testing/index.js'
import type { WebhookRequest } from './http-types.js'
import { MemoryLateReplySink } from './late-reply.js'
import { PLAIN, textXml } from './test-fixtures.js'

const START = Date.UTC(2026, 0, 1)
const running: RunningServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()))
})

/** Serves `wh` on a free loopback port, recording every request that reaches it. */
async function serve(wh: Webhook) {
  const seen: WebhookRequest[] = []
  const server = await serveWebhook(
    { maxBodyBytes: wh.maxBodyBytes, handle: (req) => (seen.push(req), wh.handle(req)) },
    { port: 0 },
  )
  running.push(server)
  return { url: `${server.origin}/wx`, seen, server }
}

/** Waits (bounded) for real I/O to reach a condition; time in the test itself stays virtual. */
async function until(cond: () => boolean, what: string): Promise<void> {
  const limit = Date.now() + 3000
  while (!cond()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 2))
  }
}

describe('a real server under WeChat-like delivery', () => {
  it('runs the handler once across identical re-sends while it is still running', async () => {
    const clock = new VirtualClock(START)
    // A deadline past WeChat's 5 s, so WeChat gives up first and re-sends.
    const wh = createWebhook({ accounts: [PLAIN], clock, deadlineMs: 60_000 })
    let calls = 0
    let finish!: () => void
    const slow = new Promise<void>((r) => (finish = r))
    wh.on('text', async (m) => {
      calls++
      await slow
      return reply.text(`answer to ${m.Content}`)
    })
    const { url, seen } = await serve(wh)
    const client = new WeChatLikeClient({ clock })
    const delivery = client.deliver(
      url,
      buildPush({ token: PLAIN.token, mode: 'plain', xml: textXml('重试'), clock }),
    )

    await until(() => calls === 1, 'the first attempt')
    await clock.advanceAsync(5000) // WeChat's timeout: attempt 2 is sent
    await until(() => seen.length === 2, 'the first retry')
    await clock.advanceAsync(5000) // attempt 3
    await until(() => seen.length === 3, 'the second retry')
    finish()
    const result = await delivery

    expect(calls).toBe(1)
    expect(result.attempts.map((a) => a.error ?? a.status)).toEqual(['timeout', 'timeout', 200])
    expect((parseXml(result.reply!).xml as Record<string, string>).Content).toBe('answer to 重试')
    expect(new Set(seen.map((r) => r.query + r.body)).size).toBe(1) // the re-sends were identical
  })

  it('answers success at the deadline, before WeChat gives up, and keeps the late reply', async () => {
    const clock = new VirtualClock(START)
    const lateReplies = new MemoryLateReplySink()
    const wh = createWebhook({ accounts: [PLAIN], clock, lateReplies })
    let finish!: () => void
    const slow = new Promise<void>((r) => (finish = r))
    wh.on('text', async () => {
      await slow
      return '迟到的回复'
    })
    const { url, seen } = await serve(wh)
    const delivery = new WeChatLikeClient({ clock }).deliver(
      url,
      buildPush({ token: PLAIN.token, mode: 'plain', xml: textXml('慢'), clock }),
    )
    await until(() => seen.length === 1, 'the push')
    await clock.advanceAsync(4500)
    const result = await delivery
    expect(result.attempts).toHaveLength(1)
    expect(result.reply).toBe('success')
    finish()
    await until(() => lateReplies.replies.length === 1, 'the late reply')
    expect(lateReplies.replies[0]!.reply).toEqual(reply.text('迟到的回复'))
  })

  it('answers an identical re-send of a finished push without running the handler', async () => {
    const clock = new VirtualClock(START)
    const wh = createWebhook({ accounts: [PLAIN], clock })
    let calls = 0
    wh.on('text', (m) => `${++calls} ${m.Content}`)
    const { url } = await serve(wh)
    const push = buildPush({ token: PLAIN.token, mode: 'plain', xml: textXml('again'), clock })
    const client = new WeChatLikeClient({ clock })
    const a = await client.deliver(url, push)
    const b = await client.deliver(url, push)
    expect(calls).toBe(1)
    expect(b.reply).toBe(a.reply)
  })

  it('answers 413 to an oversize upload and stays up', async () => {
    const clock = new VirtualClock(START)
    const wh = createWebhook({ accounts: [PLAIN], clock, maxBodyBytes: 4096 })
    const { url } = await serve(wh)
    const big = await fetch(`${url}?signature=a&timestamp=1&nonce=1`, {
      method: 'POST',
      body: 'x'.repeat(100_000),
    })
    expect(big.status).toBe(413)
    const health = await fetch(url.replace('/wx', '/healthz'))
    expect(health.status).toBe(200)
  })
})
