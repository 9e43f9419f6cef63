import { describe, expect, it } from 'vitest'
import { parseXml, VirtualClock } from '@wxmp/core'
import { createMessageCipher, msgSignature, openReply, urlSignature } from '@wxmp/crypto'
import { reply } from '@wxmp/spec/messages'
import { createWebhook, type WebhookOptions } from './webhook.js'
import { signedPush, signedVerification, toFetchRequest } from './testing/index.js'
import type { WebhookResponse } from './http-types.js'
import { PLAIN, SAFE, textXml } from './test-fixtures.js'

const START = Date.UTC(2026, 0, 1) // CreateTime of the fixtures is this, in seconds

function echoHook(options: Partial<WebhookOptions> = {}) {
  const clock = new VirtualClock(START)
  const wh = createWebhook({ accounts: [PLAIN, SAFE], clock, ...options })
  wh.on('text', (m) => reply.text(m.Content))
  return { wh, clock }
}

async function run(
  wh: ReturnType<typeof echoHook>['wh'],
  req: Parameters<typeof wh.handle>[0],
): Promise<WebhookResponse> {
  return await wh.handle(req)
}

function replyFields(xml: string): Record<string, unknown> {
  return parseXml(xml).xml as Record<string, unknown>
}

describe('GET URL verification', () => {
  it('echoes echostr when the signature holds', async () => {
    const { wh, clock } = echoHook()
    const res = await run(
      wh,
      signedVerification({ account: PLAIN, echostr: '4375120948345356249', clock }),
    )
    expect(res).toMatchObject({ status: 200, body: '4375120948345356249' })
  })

  it('refuses a wrong signature with an empty 401', async () => {
    const { wh, clock } = echoHook()
    const req = signedVerification({
      account: { ...PLAIN, token: 'otherToken' },
      echostr: 'x',
      clock,
    })
    expect(await run(wh, req)).toMatchObject({ status: 401, body: '' })
  })

  it('refuses a request without signature parameters', async () => {
    const { wh } = echoHook()
    expect(
      await run(wh, { method: 'GET', path: '/wx', query: 'echostr=1', body: '' }),
    ).toMatchObject({ status: 401 })
  })

  it('refuses a timestamp outside the window', async () => {
    const { wh, clock } = echoHook()
    const req = signedVerification({
      account: PLAIN,
      echostr: 'x',
      clock,
      timestamp: START / 1000 - 3600,
    })
    expect((await run(wh, req)).status).toBe(401)
  })

  it('serves each account at its own path and the first at the base path', async () => {
    const { wh, clock } = echoHook()
    expect(
      (
        await run(
          wh,
          signedVerification({ account: SAFE, path: `/wx/${SAFE.appid}`, echostr: 'a', clock }),
        )
      ).body,
    ).toBe('a')
    expect(
      (await run(wh, signedVerification({ account: SAFE, path: '/wx', echostr: 'a', clock })))
        .status,
    ).toBe(401)
    expect(
      (
        await run(
          wh,
          signedVerification({ account: PLAIN, path: `/wx/${PLAIN.appid}/`, echostr: 'b', clock }),
        )
      ).body,
    ).toBe('b')
  })
})

describe('POST in each mode', () => {
  it('answers a plaintext text message with a text reply to the sender', async () => {
    const { wh, clock } = echoHook()
    const res = await run(wh, signedPush({ account: PLAIN, xml: textXml('你好 & <b>'), clock }))
    expect(res.status).toBe(200)
    const r = replyFields(res.body)
    expect(r).toMatchObject({
      ToUserName: 'oUser000000000000000000000A',
      FromUserName: 'gh_0123456789ab',
      MsgType: 'text',
      Content: '你好 & <b>',
    })
    expect(r.CreateTime).toBe(String(START / 1000))
  })

  it('answers a safe-mode push with an envelope sealed by the same key', async () => {
    const { wh, clock } = echoHook()
    const res = await run(
      wh,
      signedPush({
        account: SAFE,
        path: `/wx/${SAFE.appid}`,
        mode: 'safe',
        xml: textXml('密文'),
        clock,
      }),
    )
    expect(res.status).toBe(200)
    const cipher = createMessageCipher({ appId: SAFE.appid, aesKey: SAFE.aesKey! })
    expect(replyFields(openReply(cipher, SAFE.token, res.body))).toMatchObject({
      MsgType: 'text',
      Content: '密文',
    })
  })

  it('answers a compatible-mode push encrypted', async () => {
    const { wh, clock } = echoHook()
    const res = await run(
      wh,
      signedPush({
        account: SAFE,
        path: `/wx/${SAFE.appid}`,
        mode: 'compat',
        xml: textXml('兼容'),
        clock,
      }),
    )
    const cipher = createMessageCipher({ appId: SAFE.appid, aesKey: SAFE.aesKey! })
    expect(replyFields(openReply(cipher, SAFE.token, res.body)).Content).toBe('兼容')
  })

  it('opens a push sealed with the previous key and replies with that key', async () => {
    const { wh, clock } = echoHook()
    const res = await run(
      wh,
      signedPush({
        account: SAFE,
        path: `/wx/${SAFE.appid}`,
        mode: 'safe',
        aesKey: SAFE.previousAesKey,
        xml: textXml('旧钥'),
        clock,
      }),
    )
    const previous = createMessageCipher({ appId: SAFE.appid, aesKey: SAFE.previousAesKey! })
    expect(replyFields(openReply(previous, SAFE.token, res.body)).Content).toBe('旧钥')
    const current = createMessageCipher({ appId: SAFE.appid, aesKey: SAFE.aesKey! })
    expect(() => openReply(current, SAFE.token, res.body)).toThrow()
  })

  it('answers success when no handler matches', async () => {
    const { wh, clock } = echoHook()
    const res = await run(
      wh,
      signedPush({
        account: PLAIN,
        xml: textXml('x').replace('<MsgType><![CDATA[text]]>', '<MsgType><![CDATA[voice]]>'),
        clock,
      }),
    )
    expect(res).toMatchObject({ status: 200, body: 'success' })
  })

  it('works through the web-standard fetch adapter', async () => {
    const { wh, clock } = echoHook()
    const res = await wh.fetch(
      toFetchRequest(signedPush({ account: PLAIN, xml: textXml('fetch'), clock })),
    )
    expect(res.status).toBe(200)
    expect(replyFields(await res.text()).Content).toBe('fetch')
  })
})

describe('bad input gets a clear status and never reaches a handler', () => {
  function guarded() {
    const h = echoHook()
    let calls = 0
    h.wh.use((_ctx, next) => {
      calls++
      return next()
    })
    return { ...h, calls: () => calls }
  }

  it('refuses a wrong signature', async () => {
    const { wh, clock, calls } = guarded()
    const req = signedPush({ account: PLAIN, xml: textXml('x'), clock })
    expect(
      (
        await run(wh, {
          ...req,
          query: req.query.replace(/signature=[0-9a-f]{4}/, 'signature=0000'),
        })
      ).status,
    ).toBe(401)
    expect(calls()).toBe(0)
  })

  it('refuses a stale timestamp', async () => {
    const { wh, clock, calls } = guarded()
    expect(
      (
        await run(
          wh,
          signedPush({ account: PLAIN, xml: textXml('x'), clock, timestamp: START / 1000 - 301 }),
        )
      ).status,
    ).toBe(401)
    expect(calls()).toBe(0)
  })

  it('refuses a tampered msg_signature, a foreign AppID, and answers 400 to undecryptable ciphertext', async () => {
    const { wh, clock, calls } = guarded()
    const path = `/wx/${SAFE.appid}`
    const ok = signedPush({ account: SAFE, path, mode: 'safe', xml: textXml('x'), clock })
    expect(
      (
        await run(wh, {
          ...ok,
          query: ok.query.replace(/msg_signature=[0-9a-f]{4}/, 'msg_signature=ffff'),
        })
      ).status,
    ).toBe(401)
    expect(
      (
        await run(
          wh,
          signedPush({
            account: SAFE,
            path,
            mode: 'safe',
            appId: 'wx1111111111111111',
            xml: textXml('x'),
            clock,
          }),
        )
      ).status,
    ).toBe(401)
    // Undecryptable but correctly signed: a body only someone with the token could have made.
    const encrypt = Buffer.alloc(64, 7).toString('base64')
    const ts = String(START / 1000)
    const query = `signature=${urlSignature(SAFE.token, ts, '77')}&timestamp=${ts}&nonce=77&encrypt_type=aes&msg_signature=${msgSignature(SAFE.token, ts, '77', encrypt)}`
    const body = `<xml><ToUserName><![CDATA[gh_fedcba987654]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
    expect((await run(wh, { method: 'POST', path, query, body })).status).toBe(400)
    expect(calls()).toBe(0)
  })

  it('answers 400 to malformed XML and to a DOCTYPE', async () => {
    const { wh, clock, calls } = guarded()
    expect(
      (
        await run(
          wh,
          signedPush({ account: PLAIN, xml: '<xml><Content>unclosed', clock, nonce: '1' }),
        )
      ).status,
    ).toBe(400)
    const xxe =
      '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>'
    expect(
      (await run(wh, signedPush({ account: PLAIN, xml: xxe, clock, nonce: '2' }))).status,
    ).toBe(400)
    expect(calls()).toBe(0)
  })

  it('answers 413 to an oversize body, 405 to another method, 404 to another path', async () => {
    const { wh, clock } = echoHook({ maxBodyBytes: 1024 })
    expect(
      (await run(wh, signedPush({ account: PLAIN, xml: textXml('x'.repeat(2000)), clock }))).status,
    ).toBe(413)
    expect(await run(wh, { method: 'PUT', path: '/wx', query: '', body: '' })).toMatchObject({
      status: 405,
      headers: { Allow: 'GET, POST' },
    })
    expect((await run(wh, { method: 'POST', path: '/other', query: '', body: '' })).status).toBe(
      404,
    )
  })

  it('refuses plaintext when told to', async () => {
    const { wh, clock } = echoHook({ refusePlaintext: true })
    expect((await run(wh, signedPush({ account: PLAIN, xml: textXml('x'), clock }))).status).toBe(
      401,
    )
    expect(
      (
        await run(
          wh,
          signedPush({
            account: SAFE,
            path: `/wx/${SAFE.appid}`,
            mode: 'safe',
            xml: textXml('x'),
            clock,
          }),
        )
      ).status,
    ).toBe(200)
  })

  it('answers a throwing handler with success, never 5xx', async () => {
    const { wh, clock } = echoHook()
    wh.on('event.CLICK', () => {
      throw new Error('boom')
    })
    const xml =
      '<xml><ToUserName>gh_0123456789ab</ToUserName><FromUserName>oU</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType><Event>CLICK</Event><EventKey>k</EventKey></xml>'
    expect(await run(wh, signedPush({ account: PLAIN, xml, clock }))).toMatchObject({
      status: 200,
      body: 'success',
    })
    expect(wh.metrics.outcome('error')).toBe(1)
  })
})

describe('service endpoints', () => {
  it('answers /healthz and exposes Prometheus metrics', async () => {
    const { wh, clock } = echoHook()
    await run(wh, signedPush({ account: PLAIN, xml: textXml('m'), clock }))
    expect((await run(wh, { method: 'GET', path: '/healthz', query: '', body: '' })).status).toBe(
      200,
    )
    const metrics = await run(wh, { method: 'GET', path: '/metrics', query: '', body: '' })
    expect(metrics.body).toContain('wxmp_webhook_requests_total{outcome="replied"} 1')
    expect(metrics.body).toContain('wxmp_webhook_handler_seconds_count 1')
  })
})
