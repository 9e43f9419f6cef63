/**
 * How the engine reads a webhook's answer, with a scripted `fetch` standing in for the webhook so
 * each malformed, mis-encrypted or slow answer can be produced exactly.
 */
import { VirtualClock } from '@wxmp/core'
import { createMessageCipher, sealReply } from '@wxmp/crypto'
import type { PushMode } from '@wxmp/crypto'
import { renderReply, reply } from '@wxmp/spec'
import type { Reply } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../emulator.js'
import type { FetchLike } from './http-delivery.js'
import { APPID, NEW_KEY, ORIGINAL_ID, TOKEN, account } from './push.test.helpers.js'
import { UNAVAILABLE_NOTICE } from './reply-decoding.js'

/** An emulator whose pushes are answered by `answer` (called with the POSTed URL and body). */
function scripted(
  mode: PushMode,
  answer: (url: string, body: string) => Response | Promise<Response>,
  onSignal?: (signal: AbortSignal) => void,
) {
  const clock = new VirtualClock(Date.UTC(2026, 2, 1, 8))
  const calls: { url: string; body: string }[] = []
  const fetchFn: FetchLike = async (url, init) => {
    calls.push({ url, body: init.body as string })
    if (init.signal) onSignal?.(init.signal)
    return answer(url, init.body as string)
  }
  const emulator = createEmulator({ accounts: [account(mode)], clock, seed: 3, fetch: fetchFn })
  const fan = emulator.fans.list(APPID).find((candidate) => candidate.subscribed)!
  const push = () =>
    emulator.push.push({ openid: fan.openid, message: { kind: 'text', Content: 'q' } })
  return { clock, emulator, fan, calls, push }
}

const xmlReply = (to: string, answer: Reply = reply.text('a'), from = ORIGINAL_ID): string =>
  renderReply(answer, { toUser: to, fromUser: from, createTime: 1772352000 })

const sealed = (xml: string, appId = APPID): string =>
  sealReply(createMessageCipher({ appId, aesKey: NEW_KEY }), {
    token: TOKEN,
    xml,
    timestamp: 1772352000,
    nonce: '123456789',
  })

describe('acknowledgements', () => {
  it.each(['success', '', '  success\n', '\n'])('takes %j as received, no reply', async (body) => {
    const { push } = scripted('safe', () => new Response(body))
    expect(await push()).toMatchObject({ acknowledged: true, reply: null })
  })

  it('accepts a plaintext reply in compatible mode and an encrypted one', async () => {
    let encrypt = false
    const { push, fan } = scripted('compat', () => {
      const xml = xmlReply(fan.openid)
      return new Response(encrypt ? sealed(xml) : xml)
    })
    expect((await push()).reply).toEqual(reply.text('a'))
    encrypt = true
    expect((await push()).reply).toEqual(reply.text('a'))
  })
})

describe('malformed answers: no retry, the fan sees the error notice (§3)', () => {
  const cases: [string, PushMode, (openid: string) => string, RegExp][] = [
    ['JSON', 'plain', () => '{"reply":"hi"}', /not XML/],
    ['another root', 'plain', (to) => xmlReply(to).replace(/xml>/g, 'doc>'), /root/],
    ['an unknown MsgType', 'plain', (to) => xmlReply(to).replace('[text]', '[sticker]'), /sticker/],
    [
      'a text reply without Content',
      'plain',
      (to) => xmlReply(to).replace(/<Content>.*<\/Content>/, ''),
      /"text"/,
    ],
    [
      'a reply to another fan',
      'plain',
      () => xmlReply('oSomebodyElse000000000000000'),
      /ToUserName/,
    ],
    ['a swapped header', 'plain', (to) => xmlReply(ORIGINAL_ID, reply.text('a'), to), /ToUserName/],
    [
      'a plaintext reply in safe mode',
      'safe',
      (to) => xmlReply(to),
      /safe mode needs an encrypted reply/,
    ],
    [
      'an encrypted reply in plaintext mode',
      'plain',
      (to) => sealed(xmlReply(to)),
      /plaintext push/,
    ],
    [
      'a reply sealed for another AppID',
      'safe',
      (to) => sealed(xmlReply(to), 'wxffffffffffffffff'),
      /does not open/,
    ],
    [
      'a tampered MsgSignature',
      'safe',
      (to) =>
        sealed(xmlReply(to)).replace(
          /<MsgSignature><!\[CDATA\[[0-9a-f]/,
          '<MsgSignature><![CDATA[x',
        ),
      /does not open/,
    ],
  ]

  it.each(cases)('%s', async (_name, mode, body, problem) => {
    const { push, fan, calls, emulator } = scripted(mode, () => new Response(body(fan.openid)))
    const report = await push()
    expect(calls).toHaveLength(1)
    expect(report.acknowledged).toBe(false)
    expect(report.reply).toBeNull()
    expect(report.failure).toMatch(/^malformed reply: /)
    expect(report.failure).toMatch(problem)
    expect(report.notice).toBe(UNAVAILABLE_NOTICE)
    expect(emulator.state.received.forFan(APPID, fan.openid).map((m) => m.msgtype)).toEqual([
      'notice',
    ])
  })
})

describe('timeouts on the emulator clock', () => {
  it('aborts each attempt after 5 s and gives up after 4 attempts', async () => {
    let aborted = 0
    // A webhook that never answers: each attempt ends only through its abort signal.
    const { push, clock, calls } = scripted(
      'plain',
      () => new Promise<Response>(() => undefined),
      (signal) => signal.addEventListener('abort', () => aborted++),
    )
    const delivery = push()
    for (let i = 0; i < 4; i++) await clock.advanceAsync(5000)
    const report = await delivery
    expect(report.attempts.map((a) => [a.error, a.durationMs])).toEqual([
      ['timeout', 5000],
      ['timeout', 5000],
      ['timeout', 5000],
      ['timeout', 5000],
    ])
    expect(calls).toHaveLength(4)
    expect(aborted).toBe(4)
    expect(report).toMatchObject({
      acknowledged: false,
      failure: 'timeout',
      notice: UNAVAILABLE_NOTICE,
    })
  })

  it('ends an attempt at 5 s even when the fetch ignores the abort', async () => {
    const { push, clock, calls } = scripted('plain', () => new Promise<Response>(() => undefined))
    const delivery = push()
    for (let i = 0; i < 4; i++) await clock.advanceAsync(5000)
    const report = await delivery
    expect(calls).toHaveLength(4)
    expect(report.failure).toBe('timeout')
  })

  it('answers within 5 s are taken: 4.999 s is not a timeout', async () => {
    let respond!: (response: Response) => void
    const { push, clock, fan } = scripted(
      'plain',
      () => new Promise<Response>((resolve) => (respond = resolve)),
    )
    const delivery = push()
    await clock.advanceAsync(4999)
    respond(new Response(xmlReply(fan.openid)))
    const report = await delivery
    expect(report.attempts).toEqual([
      expect.objectContaining({ attempt: 1, status: 200, durationMs: 4999 }),
    ])
  })

  it('re-sends at once after a transport error', async () => {
    let failures = 2
    const { push, fan, calls } = scripted('plain', () => {
      if (failures-- > 0) throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
      return new Response(xmlReply(fan.openid))
    })
    const report = await push()
    expect(report.attempts.map((a) => a.error ?? a.status)).toEqual([
      'ECONNREFUSED',
      'ECONNREFUSED',
      200,
    ])
    expect(new Set(calls.map((c) => c.url + c.body)).size).toBe(1)
  })
})
