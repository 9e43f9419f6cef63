import { parseXml } from '@wxmp/core'
import type { XmlObject } from '@wxmp/core'
import type { PushMode } from '@wxmp/crypto'
import { reply } from '@wxmp/spec'
import type { InboundOf } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { UNAVAILABLE_NOTICE } from './reply-decoding.js'
import { APPID, NEW_KEY, OLD_KEY, ORIGINAL_ID, account, rig, until } from './push.test.helpers.js'

const MODES: readonly PushMode[] = ['plain', 'compat', 'safe']

function elementsOf(body: string): XmlObject {
  return parseXml(body).xml as XmlObject
}

describe.each(MODES)('a fan text message, %s mode, against the real webhook', (mode) => {
  it('reaches the handler with a WeChat header and brings the reply back decoded', async () => {
    const { emulator, webhook, seen, fan, clock } = await rig({ mode })
    const received: InboundOf<'text'>[] = []
    webhook.on('text', (message) => {
      received.push(message)
      return `收到：${message.Content}`
    })

    const report = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'text', Content: '你好' },
    })

    expect(report.acknowledged).toBe(true)
    expect(report.failure).toBeUndefined()
    expect(report.reply).toEqual({ type: 'text', Content: '收到：你好' })
    expect(report.attempts).toHaveLength(1)
    expect(report.attempts[0]).toMatchObject({ attempt: 1, status: 200 })
    const [message] = received
    expect(message).toMatchObject({
      ToUserName: ORIGINAL_ID,
      FromUserName: fan.openid,
      CreateTime: Math.floor(clock.now() / 1000),
      Content: '你好',
    })
    expect(message?.MsgId).toMatch(/^\d{19}$/)
    expect(BigInt(message?.MsgId ?? '0')).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER))
    expect(report.message).toMatchObject({ kind: 'text', MsgId: message?.MsgId })

    // The query and body have the mode's shape (§2.1, §4.4).
    const query = new URLSearchParams(seen[0]?.query)
    expect(query.get('openid')).toBe(fan.openid)
    expect(query.get('signature')).toMatch(/^[0-9a-f]{40}$/)
    expect(query.get('nonce')).toMatch(/^[1-9]\d{8,9}$/)
    const body = elementsOf(seen[0]?.body ?? '')
    if (mode === 'plain') {
      expect(query.has('encrypt_type')).toBe(false)
      expect(body.Content).toBe('你好')
      expect(body.Encrypt).toBeUndefined()
    } else {
      expect(query.get('encrypt_type')).toBe('aes')
      expect(query.get('msg_signature')).toMatch(/^[0-9a-f]{40}$/)
      expect(typeof body.Encrypt).toBe('string')
      // Compat keeps the plaintext fields beside Encrypt; safe sends only ToUserName.
      expect(Object.keys(body)).toEqual(
        mode === 'compat'
          ? ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content', 'MsgId', 'Encrypt']
          : ['ToUserName', 'Encrypt'],
      )
    }

    // The fan got the reply, and their message opened the 48 h customer-service window.
    expect(emulator.state.received.forFan(APPID, fan.openid)).toEqual([
      expect.objectContaining({
        channel: 'reply',
        msgtype: 'text',
        payload: { Content: '收到：你好' },
        status: 'success',
      }),
    ])
    expect(emulator.state.windows.openWindows(APPID, fan.openid, clock.now())).toEqual([
      expect.objectContaining({ trigger: 'message', quota: 5 }),
    ])
  })

  it('takes success from a handler that returns nothing as an acknowledgement', async () => {
    const { emulator, webhook, fan } = await rig({ mode })
    webhook.on('text', () => undefined)
    const report = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'text', Content: 'x' },
    })
    expect(report).toMatchObject({ acknowledged: true, reply: null })
    expect(report.attempts[0]?.body).toBe('success')
    expect(emulator.state.received.forFan(APPID, fan.openid)).toEqual([])
  })
})

describe('retries', () => {
  it('re-sends the identical request to a slow webhook, which runs its handler once', async () => {
    // The webhook's own deadline is set past WeChat's 5 s, so WeChat gives up first.
    const { emulator, webhook, seen, fan, clock } = await rig({
      mode: 'safe',
      webhook: { deadlineMs: 60_000 },
    })
    let calls = 0
    let release!: () => void
    const slow = new Promise<void>((resolve) => (release = resolve))
    webhook.on('text', async (message) => {
      calls++
      await slow
      return reply.text(`慢：${message.Content}`)
    })

    const delivery = emulator.push.push({
      openid: fan.openid,
      message: { kind: 'text', Content: '在吗' },
    })

    await until(() => calls === 1, 'the first attempt')
    await clock.advanceAsync(5000)
    await until(() => seen.length === 2, 'the first re-send')
    await clock.advanceAsync(5000)
    await until(() => seen.length === 3, 'the second re-send')
    release()
    const report = await delivery

    expect(calls).toBe(1)
    expect(report.attempts.map((a) => a.error ?? a.status)).toEqual(['timeout', 'timeout', 200])
    expect(report.attempts[0]?.durationMs).toBe(5000)
    expect(new Set(seen.map((request) => `${request.query}\n${request.body}`)).size).toBe(1)
    expect(report.reply).toEqual({ type: 'text', Content: '慢：在吗' })
  })

  it('re-sends after an HTTP 500 and takes the next answer', async () => {
    const { emulator, webhook, seen, fan } = await rig({
      mode: 'compat',
      intercept: (_request, index) =>
        index === 0 ? { status: 500, body: 'boom', contentType: 'text/plain' } : undefined,
    })
    webhook.on('text', () => 'ok now')
    const report = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'text', Content: 'hi' },
    })
    expect(report.attempts.map((a) => a.status)).toEqual([500, 200])
    expect(report.reply).toEqual({ type: 'text', Content: 'ok now' })
    expect(seen[1]?.query).toBe(seen[0]?.query)
    expect(seen[1]?.body).toBe(seen[0]?.body)
  })

  it('gives up after 3 re-sends; the fan sees the error notice', async () => {
    const { emulator, seen, fan } = await rig({
      intercept: () => ({ status: 502, body: '', contentType: 'text/plain' }),
    })
    const report = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'text', Content: 'hi' },
    })
    expect(seen).toHaveLength(4)
    expect(report).toMatchObject({
      acknowledged: false,
      reply: null,
      failure: 'HTTP 502',
      notice: UNAVAILABLE_NOTICE,
    })
    expect(emulator.state.received.forFan(APPID, fan.openid)).toEqual([
      expect.objectContaining({
        channel: 'reply',
        msgtype: 'notice',
        payload: { Content: UNAVAILABLE_NOTICE },
        status: 'failed',
      }),
    ])
  })
})

describe('key rotation', () => {
  it('decrypts and verifies with the old key, then with the new one, across a key change', async () => {
    // The webhook already knows both keys; the platform switches from the old one to the new one.
    const { emulator, webhook, fan } = await rig({
      mode: 'safe',
      emulator: { accounts: [account('safe', OLD_KEY)] },
    })
    webhook.on('text', (message) => `echo ${message.Content}`)

    const before = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'text', Content: 'old' },
    })
    emulator.state.updateAccount(APPID, { aesKey: NEW_KEY, previousAesKey: OLD_KEY })
    const after = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'text', Content: 'new' },
    })

    expect(before.reply).toEqual({ type: 'text', Content: 'echo old' })
    expect(after.reply).toEqual({ type: 'text', Content: 'echo new' })
    expect(before.body).not.toBe(after.body)
  })
})

describe('updateAccount', () => {
  it('validates like the config file and leaves the account unchanged when refused', async () => {
    const { emulator } = await rig({ mode: 'safe' })
    expect(() => emulator.state.updateAccount(APPID, { aesKey: 'short' })).toThrow(/aesKey/)
    expect(() => emulator.state.updateAccount(APPID, { aesKey: undefined })).toThrow(/aesKey/)
    expect(() => emulator.state.updateAccount('wxffffffffffffffff', {})).toThrow(/no account/)
    expect(emulator.state.accounts.get(APPID)?.aesKey).toBe(NEW_KEY)
    const updated = emulator.state.updateAccount(APPID.toUpperCase(), { encryptMode: 'compat' })
    expect(updated).toMatchObject({ appid: APPID, encryptMode: 'compat', aesKey: NEW_KEY })
  })
})

describe('CreateTime', () => {
  it('never repeats for a fan: a second event in the same second gets the next second', async () => {
    const { emulator, webhook, fan, clock } = await rig()
    const times: number[] = []
    webhook.on('event.CLICK', (message) => {
      times.push(message.CreateTime)
    })
    const first = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'event.CLICK', EventKey: 'A' },
    })
    const second = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'event.CLICK', EventKey: 'A' },
    })
    const now = Math.floor(clock.now() / 1000)
    // Both reach the handler: with equal CreateTimes the webhook's dedupe would drop the second.
    expect(times).toEqual([now, now + 1])
    expect([first.acknowledged, second.acknowledged]).toEqual([true, true])
  })
})
