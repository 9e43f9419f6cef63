import { describe, expect, it } from 'vitest'
import { parseXml, VirtualClock } from '@wxmp/core'
import { reply } from '@wxmp/spec/messages'
import { createWebhook } from './webhook.js'
import { signedPush } from './testing/index.js'
import { MemoryLateReplySink } from './late-reply.js'
import { MemoryMessageLog } from './message-log/index.js'
import { eventXml, PLAIN, textXml } from './test-fixtures.js'

const START = Date.UTC(2026, 0, 1)

function setup(deadlineMs = 4500) {
  const clock = new VirtualClock(START)
  const lateReplies = new MemoryLateReplySink()
  const messageLog = new MemoryMessageLog()
  const wh = createWebhook({ accounts: [PLAIN], clock, deadlineMs, lateReplies, messageLog })
  return { wh, clock, lateReplies, messageLog }
}

/** A promise the test resolves by hand, to hold a handler in flight. */
function gate<T>() {
  let open!: (v: T) => void
  const promise = new Promise<T>((r) => (open = r))
  return { promise, open }
}

describe('retries run no handler twice', () => {
  it('answers an identical re-send from the first attempt', async () => {
    const { wh, clock } = setup()
    let calls = 0
    wh.on('text', (m) => reply.text(`${++calls}:${m.Content}`))
    const push = signedPush({ account: PLAIN, xml: textXml('hi'), clock })
    const first = await wh.handle(push)
    const second = await wh.handle({ ...push })
    expect(calls).toBe(1)
    expect(second.body).toBe(first.body)
  })

  it('makes a retry that arrives while the first attempt runs wait for its reply', async () => {
    const { wh, clock } = setup(60_000)
    const g = gate<string>()
    let calls = 0
    wh.on('text', async () => {
      calls++
      return reply.text(await g.promise)
    })
    const push = signedPush({ account: PLAIN, xml: textXml('slow'), clock })
    const first = wh.handle(push)
    const retry1 = wh.handle({ ...push })
    const retry2 = wh.handle({ ...push })
    g.open('done')
    const answers = await Promise.all([first, retry1, retry2])
    expect(calls).toBe(1)
    expect(new Set(answers.map((a) => a.body)).size).toBe(1)
    expect((parseXml(answers[0].body).xml as Record<string, string>).Content).toBe('done')
  })

  it('refuses a used nonce carrying another body as a replay', async () => {
    const { wh, clock } = setup()
    let calls = 0
    wh.on('text', () => {
      calls++
      return 'ok'
    })
    const a = signedPush({ account: PLAIN, xml: textXml('one', '1'), clock, nonce: '123456789' })
    const b = signedPush({ account: PLAIN, xml: textXml('two', '2'), clock, nonce: '123456789' })
    expect((await wh.handle(a)).status).toBe(200)
    expect(await wh.handle(b)).toMatchObject({ status: 401, body: '' })
    expect(calls).toBe(1)
  })

  it('answers the same MsgId under a new signature from the first attempt', async () => {
    const { wh, clock } = setup()
    let calls = 0
    wh.on('text', () => `n${++calls}`)
    const a = await wh.handle(
      signedPush({ account: PLAIN, xml: textXml('x', '77'), clock, nonce: '1' }),
    )
    const b = await wh.handle(
      signedPush({ account: PLAIN, xml: textXml('x', '77'), clock, nonce: '2' }),
    )
    expect(calls).toBe(1)
    expect(b.body).toBe(a.body)
  })

  it('keys events by sender, time, event and key', async () => {
    const { wh, clock } = setup()
    let calls = 0
    wh.on('event.CLICK', () => {
      calls++
    })
    await wh.handle(signedPush({ account: PLAIN, xml: eventXml('CLICK', 'k1'), clock, nonce: '1' }))
    await wh.handle(signedPush({ account: PLAIN, xml: eventXml('CLICK', 'k1'), clock, nonce: '2' })) // same event re-signed
    await wh.handle(signedPush({ account: PLAIN, xml: eventXml('CLICK', 'k2'), clock, nonce: '3' })) // another button, same second
    await wh.handle(
      signedPush({ account: PLAIN, xml: eventXml('CLICK', 'k1', 'oOtherFan'), clock, nonce: '4' }),
    ) // another fan
    expect(calls).toBe(3)
  })

  it('keys the job-finished events by MsgID', async () => {
    const { wh, clock } = setup()
    let calls = 0
    wh.on('event.TEMPLATESENDJOBFINISH', () => {
      calls++
    })
    const job = (id: string, time: number) =>
      `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oU]]></FromUserName><CreateTime>${time}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>${id}</MsgID><Status><![CDATA[success]]></Status></xml>`
    await wh.handle(signedPush({ account: PLAIN, xml: job('200163836', 1), clock, nonce: '1' }))
    await wh.handle(signedPush({ account: PLAIN, xml: job('200163836', 2), clock, nonce: '2' }))
    await wh.handle(signedPush({ account: PLAIN, xml: job('200163837', 2), clock, nonce: '3' }))
    expect(calls).toBe(2)
  })
})

describe('the deadline', () => {
  it('answers success at the deadline and hands the late reply to the sink', async () => {
    const { wh, clock, lateReplies, messageLog } = setup(4500)
    const g = gate<void>()
    wh.on('text', async (m) => {
      await g.promise
      return reply.text(`late ${m.Content}`)
    })
    const answer = wh.handle(signedPush({ account: PLAIN, xml: textXml('q'), clock }))
    await clock.advanceAsync(4499)
    let settled = false
    void Promise.resolve(answer).then(() => (settled = true))
    await clock.advanceAsync(0)
    expect(settled).toBe(false)
    await clock.advanceAsync(1)
    expect(await answer).toMatchObject({ status: 200, body: 'success' })
    g.open()
    await clock.advanceAsync(0)
    expect(lateReplies.replies).toHaveLength(1)
    expect(lateReplies.replies[0]!.reply).toEqual(reply.text('late q'))
    const rows = await messageLog.query()
    expect(rows.map((r) => r.outcome).sort()).toEqual(['deadline', 'late-reply'])
  })

  it('gives a retry after the deadline the first answer, success', async () => {
    const { wh, clock } = setup(4500)
    let calls = 0
    wh.on('text', () => {
      calls++
      return new Promise<string>(() => undefined) // never finishes
    })
    const push = signedPush({ account: PLAIN, xml: textXml('stuck'), clock })
    const first = wh.handle(push)
    await clock.advanceAsync(4500)
    expect((await first).body).toBe('success')
    await clock.advanceAsync(500)
    expect((await wh.handle({ ...push })).body).toBe('success')
    expect(calls).toBe(1)
  })

  it('runs a quick async handler with no deadline effect', async () => {
    const { wh, clock, lateReplies } = setup()
    wh.on('text', async (m) => m.Content.toUpperCase())
    const res = await wh.handle(signedPush({ account: PLAIN, xml: textXml('abc'), clock }))
    expect((parseXml(res.body).xml as Record<string, string>).Content).toBe('ABC')
    expect(clock.pending()).toBe(0)
    expect(lateReplies.replies).toHaveLength(0)
  })
})

describe('the message log', () => {
  it('records each accepted push with its reply and outcome, and not rejected ones', async () => {
    const { wh, clock, messageLog } = setup()
    wh.on('text', (m) => m.Content)
    await wh.handle(
      signedPush({ account: PLAIN, xml: textXml('记录', '9007199254740993123'), clock }),
    )
    await wh.handle({
      method: 'POST',
      path: '/wx',
      query: 'signature=x&timestamp=1&nonce=1',
      body: textXml('no'),
    })
    const rows = await messageLog.query()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      appid: PLAIN.appid,
      key: 'msg:9007199254740993123',
      kind: 'text',
      outcome: 'replied',
      mode: 'plain',
      fromUser: 'oUser000000000000000000000A',
    })
    expect(rows[0]!.reply).toContain('记录')
    expect(rows[0]!.request).toContain('<MsgId>9007199254740993123</MsgId>')
  })
})

describe('messages wxmp cannot type', () => {
  it('keys unknown and invalid messages by their raw fields, and routes them', async () => {
    const { wh, clock } = setup()
    const seen: string[] = []
    wh.on('unknown', (m) => {
      seen.push(`unknown ${m.MsgType}`)
      return 'u'
    })
    wh.on('invalid', (m) => {
      seen.push(`invalid ${m.reason}`)
    })
    const hologram = (id: string) =>
      textXml('x', id).replace('<![CDATA[text]]>', '<![CDATA[hologram]]>')
    const a = await wh.handle(
      signedPush({ account: PLAIN, xml: hologram('501'), clock, nonce: '1' }),
    )
    await wh.handle(signedPush({ account: PLAIN, xml: hologram('502'), clock, nonce: '2' }))
    await wh.handle(signedPush({ account: PLAIN, xml: hologram('501'), clock, nonce: '3' })) // duplicate of the first
    await wh.handle(
      signedPush({
        account: PLAIN,
        xml: textXml('x', '503').replace(/<Content>.*<\/Content>/, ''),
        clock,
        nonce: '4',
      }),
    )
    expect(seen.filter((s) => s.startsWith('unknown'))).toEqual([
      'unknown hologram',
      'unknown hologram',
    ])
    expect(seen.filter((s) => s.startsWith('invalid'))).toHaveLength(1)
    expect((parseXml(a.body).xml as Record<string, string>).ToUserName).toBe(
      'oUser000000000000000000000A',
    )
  })
})
