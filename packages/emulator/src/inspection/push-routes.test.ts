/** The push and fan routes of the inspection API, end to end against the real webhook. */
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../emulator.js'
import { APPID, ORIGINAL_ID, rig } from '../push/push.test.helpers.js'
import { UNAVAILABLE_NOTICE } from '../push/reply-decoding.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed JSON, asserted field by field
type Json = Record<string, any>

/** One inspection request; answers the status and the parsed JSON. */
async function call(
  emulator: Emulator,
  method: string,
  path: string,
  body?: unknown,
  query: Record<string, string> = {},
): Promise<{ status: number; json: Json }> {
  const response = await emulator.handle({
    method,
    path,
    query: new URLSearchParams(query).toString(),
    body: body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body),
  })
  expect(response.headers['content-type']).toMatch(/^application\/json/)
  return { status: response.status, json: JSON.parse(String(response.body)) as Json }
}

describe('POST /__emulator/push', () => {
  it('pushes a text from the first follower and answers the report with the decoded reply', async () => {
    const { emulator, webhook, fan } = await rig({ mode: 'safe' })
    webhook.on('text', (message) => `echo ${message.Content}`)
    const { status, json } = await call(emulator, 'POST', '/__emulator/push', {
      message: { MsgType: 'text', Content: 'hi' },
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({
      acknowledged: true,
      reply: { type: 'text', Content: 'echo hi' },
      openid: fan.openid,
      attempts: [{ attempt: 1, status: 200 }],
    })
    expect(json.xml).toContain(`<ToUserName><![CDATA[${ORIGINAL_ID}]]></ToUserName>`)
    expect(json.xml).toContain('<Content><![CDATA[hi]]></Content>')
  })

  it('pushes an event with XML field names, nested elements as objects', async () => {
    const { emulator, webhook, fan } = await rig()
    const seen: unknown[] = []
    webhook.on('event.scancode_push', (message) => void seen.push(message.ScanCodeInfo))
    const { status } = await call(emulator, 'POST', '/__emulator/push', {
      appid: APPID.toUpperCase(),
      openid: fan.openid,
      message: {
        MsgType: 'event',
        Event: 'scancode_push',
        EventKey: 'scan',
        ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'https://example.com' },
      },
    })
    expect(status).toBe(200)
    expect(seen).toEqual([{ ScanType: 'qrcode', ScanResult: 'https://example.com' }])
  })

  it('keeps a base64 file as the image the webhook can download', async () => {
    const { emulator } = await rig()
    const bytes = Buffer.from('a tiny picture')
    const { json } = await call(emulator, 'POST', '/__emulator/push', {
      message: { MsgType: 'image' },
      file: bytes.toString('base64'),
      contentType: 'image/jpeg',
    })
    expect(json.message.MediaId).toMatch(/^[A-Za-z0-9_-]{64}$/)
    const stored = emulator.state.media.getTemporary(APPID, String(json.message.MediaId))
    expect(stored?.contentType).toBe('image/jpeg')
    expect(Buffer.from(stored?.bytes ?? []).equals(bytes)).toBe(true)
  })

  it('answers the failure when the webhook is down', async () => {
    const { emulator } = await rig({
      intercept: () => ({ status: 503, body: '', contentType: 'text/plain' }),
    })
    const { status, json } = await call(emulator, 'POST', '/__emulator/push', {
      message: { MsgType: 'text', Content: 'hi' },
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({ acknowledged: false, reply: null, notice: UNAVAILABLE_NOTICE })
    expect(json.attempts).toHaveLength(4)
  })

  const bad: [string, unknown, number, RegExp][] = [
    ['no body', undefined, 400, /message/],
    ['not JSON', '{oops', 400, /not JSON/],
    ['an array', [], 400, /object/],
    ['no message', { appid: APPID }, 400, /message/],
    ['a message that is a string', { message: 'hi' }, 400, /message/],
    ['an unknown field', { message: { MsgType: 'text', Content: 'x' }, extra: 1 }, 400, /extra/],
    ['no MsgType', { message: { Content: 'x' } }, 400, /MsgType/],
    ['an event without Event', { message: { MsgType: 'event' } }, 400, /Event/],
    [
      'a lower-case event name',
      { message: { MsgType: 'event', Event: 'click' } },
      400,
      /no event click/,
    ],
    ['an unknown MsgType', { message: { MsgType: 'sticker' } }, 400, /MsgType sticker/],
    ['a missing Content', { message: { MsgType: 'text' } }, 400, /Content/],
    ['a platform field', { message: { MsgType: 'text', Content: 'x', MsgId: '1' } }, 400, /MsgId/],
    ['a boolean value', { message: { MsgType: 'text', Content: true } }, 400, /Content/],
    ['a null value', { message: { MsgType: 'text', Content: null } }, 400, /Content/],
    [
      'bad base64',
      { message: { MsgType: 'image' }, file: '@@@', contentType: 'image/png' },
      400,
      /base64/,
    ],
    [
      'a file without contentType',
      { message: { MsgType: 'image' }, file: 'AAAA' },
      400,
      /contentType/,
    ],
    [
      'a file on a text',
      { message: { MsgType: 'text', Content: 'x' }, file: 'AAAA', contentType: 'image/png' },
      400,
      /carries no file/,
    ],
    [
      'a file of the wrong type',
      { message: { MsgType: 'voice' }, file: 'AAAA', contentType: 'image/png' },
      400,
      /audio/,
    ],
    [
      'an unknown account',
      { appid: 'wxffffffffffffffff', message: { MsgType: 'text', Content: 'x' } },
      404,
      /no account/,
    ],
    [
      'an unknown fan',
      { openid: 'oNobody', message: { MsgType: 'text', Content: 'x' } },
      404,
      /no fan/,
    ],
  ]
  it.each(bad)('refuses %s', async (_name, body, status, message) => {
    const { emulator, seen } = await rig()
    const answer = await call(emulator, 'POST', '/__emulator/push', body)
    expect(answer.status).toBe(status)
    expect(answer.json.error).toMatch(message)
    expect(seen).toEqual([])
  })

  it('refuses a message from a non-follower with 409', async () => {
    const { emulator, seen } = await rig()
    const former = emulator.fans.list(APPID).find((fan) => !fan.subscribed)!
    const answer = await call(emulator, 'POST', '/__emulator/push', {
      openid: former.openid,
      message: { MsgType: 'text', Content: 'x' },
    })
    expect(answer.status).toBe(409)
    expect(answer.json.error).toMatch(/does not follow/)
    expect(seen).toEqual([])
  })

  it('answers 405 to GET', async () => {
    const { emulator } = await rig()
    expect((await call(emulator, 'GET', '/__emulator/push')).status).toBe(405)
  })
})

describe('fans', () => {
  it('lists every fan of the account, followers or not', async () => {
    const { emulator } = await rig()
    const { status, json } = await call(emulator, 'GET', '/__emulator/fans', undefined, {
      appid: APPID,
    })
    expect(status).toBe(200)
    expect(json.total).toBe(5)
    expect((json.fans as { subscribed: boolean }[]).map((fan) => fan.subscribed)).toEqual([
      true,
      true,
      true,
      true,
      false,
    ])
    expect(
      (await call(emulator, 'GET', '/__emulator/fans', undefined, { appid: 'wx1' })).status,
    ).toBe(404)
  })

  it('creates a fan without pushing anything', async () => {
    const { emulator, seen } = await rig()
    const { status, json } = await call(emulator, 'POST', '/__emulator/fans', {
      openid: 'oTestFan',
      remark: '测试',
      subscribeScene: 'ADD_SCENE_QR_CODE',
    })
    expect(status).toBe(200)
    expect(json).toMatchObject({ openid: 'oTestFan', subscribed: true, remark: '测试' })
    expect(emulator.fans.get(APPID, 'oTestFan')).toBeDefined()
    expect(seen).toEqual([])
    const again = await call(emulator, 'POST', '/__emulator/fans', { openid: 'oTestFan' })
    expect(again.status).toBe(409)
  })

  it.each([
    [{ openid: 'has space' }, /openid/],
    [{ subscribed: 'yes' }, /subscribed/],
    [{ subscribeScene: 'ADD_SCENE_NOWHERE' }, /subscribeScene/],
    [{ tags: [999] }, /no tag 999/],
    [{ nickname: 'x' }, /nickname/],
  ])('refuses %j', async (body, message) => {
    const { emulator } = await rig()
    const { status, json } = await call(emulator, 'POST', '/__emulator/fans', body)
    expect(status).toBe(400)
    expect(json.error).toMatch(message)
  })
})

describe('fan actions', () => {
  it('subscribe: the first non-follower follows and the webhook gets the event', async () => {
    const { emulator, webhook } = await rig()
    webhook.on('event.subscribe', () => '欢迎关注')
    const former = emulator.fans.list(APPID).find((fan) => !fan.subscribed)!
    const { status, json } = await call(emulator, 'POST', '/__emulator/fans/subscribe', {})
    expect(status).toBe(200)
    expect(json.fan).toMatchObject({ openid: former.openid, subscribed: true })
    expect(json.push).toMatchObject({ kind: 'event.subscribe', reply: { Content: '欢迎关注' } })
    const again = await call(emulator, 'POST', '/__emulator/fans/subscribe', {
      openid: former.openid,
    })
    expect(again.status).toBe(409)
  })

  it('unsubscribe: the fan leaves and the webhook gets the event', async () => {
    const { emulator, webhook, fan } = await rig()
    const events: string[] = []
    webhook.on('event.unsubscribe', (message) => void events.push(message.FromUserName))
    const { json } = await call(emulator, 'POST', '/__emulator/fans/unsubscribe', {
      openid: fan.openid,
    })
    expect(json.fan.subscribed).toBe(false)
    expect(events).toEqual([fan.openid])
    const again = await call(emulator, 'POST', '/__emulator/fans/unsubscribe', {
      openid: fan.openid,
    })
    expect(again.status).toBe(409)
  })

  it('scan: a follower pushes SCAN, a non-follower follows through the code', async () => {
    const { emulator, webhook, fan } = await rig()
    const scenes: [string, string | undefined, string | undefined][] = []
    webhook.on('event.SCAN', (m) => void scenes.push([m.Event, m.EventKey, m.sceneId]))
    webhook.on('event.subscribe', (m) => void scenes.push([m.Event, m.EventKey, m.sceneId]))
    await call(emulator, 'POST', '/__emulator/fans/scan', { openid: fan.openid, scene: 42 })
    const former = emulator.fans.list(APPID).find((candidate) => !candidate.subscribed)!
    const { json } = await call(emulator, 'POST', '/__emulator/fans/scan', {
      openid: former.openid,
      scene: 'promo',
    })
    expect(scenes).toEqual([
      ['SCAN', '42', '42'],
      ['subscribe', 'qrscene_promo', 'promo'],
    ])
    expect(json.fan).toMatchObject({ subscribed: true, subscribeScene: 'ADD_SCENE_QR_CODE' })
    expect(json.push.message.Ticket).toMatch(/^gQ/)
  })

  it("scan: a ticket is looked up in the emulator's QR codes, and expires with its code", async () => {
    const { emulator, webhook, fan, clock } = await rig()
    const code = emulator.state.qrcodes.createTemporary(APPID, 7, 60)
    const got: [string, string][] = []
    webhook.on('event.SCAN', (m) => void got.push([m.EventKey, m.Ticket]))
    const { status } = await call(emulator, 'POST', '/__emulator/fans/scan', {
      openid: fan.openid,
      ticket: code.ticket,
    })
    expect(status).toBe(200)
    expect(got).toEqual([['7', code.ticket]])
    const unknown = await call(emulator, 'POST', '/__emulator/fans/scan', { ticket: 'T2' })
    expect(unknown.status).toBe(404)
    clock.advance(60_000)
    const expired = await call(emulator, 'POST', '/__emulator/fans/scan', { ticket: code.ticket })
    expect(expired.status).toBe(404)
  })

  it('scan: ticket or scene, exactly one', async () => {
    const { emulator } = await rig()
    const neither = await call(emulator, 'POST', '/__emulator/fans/scan', {})
    expect(neither.status).toBe(400)
    const both = await call(emulator, 'POST', '/__emulator/fans/scan', { ticket: 't', scene: 1 })
    expect(both.status).toBe(400)
  })

  it('click: without a menu a key is a CLICK and a url a VIEW', async () => {
    const { emulator, webhook } = await rig()
    const got: string[] = []
    webhook.on('event.CLICK', (m) => void got.push(`CLICK ${m.EventKey}`))
    webhook.on('event.VIEW', (m) => void got.push(`VIEW ${m.EventKey}`))
    await call(emulator, 'POST', '/__emulator/fans/click', { key: 'V1001' })
    await call(emulator, 'POST', '/__emulator/fans/click', { url: 'https://example.com/' })
    expect(got).toEqual(['CLICK V1001', 'VIEW https://example.com/'])
  })

  it("click: with a menu the button's type picks the event, and the key must exist", async () => {
    const { emulator, webhook } = await rig()
    emulator.state.menus.set(APPID, [
      { type: 'click', name: '今日', key: 'TODAY' },
      {
        name: '扫码',
        sub_button: [{ type: 'scancode_waitmsg', name: '扫一扫', key: 'SCAN_WAIT' }],
      },
      { type: 'view', name: '官网', url: 'https://example.com/' },
    ] as never)
    const got: unknown[] = []
    webhook.on('event.scancode_waitmsg', (m) => void got.push(m.ScanCodeInfo))
    const scan = await call(emulator, 'POST', '/__emulator/fans/click', {
      key: 'SCAN_WAIT',
      scanResult: '6901234567892',
      scanType: 'barcode',
    })
    expect(scan.status).toBe(200)
    expect(got).toEqual([{ ScanType: 'barcode', ScanResult: '6901234567892' }])
    const missing = await call(emulator, 'POST', '/__emulator/fans/click', { key: 'NOPE' })
    expect(missing.status).toBe(404)
    const noResult = await call(emulator, 'POST', '/__emulator/fans/click', { key: 'SCAN_WAIT' })
    expect(noResult.json.error).toMatch(/scanResult/)
    const otherUrl = await call(emulator, 'POST', '/__emulator/fans/click', {
      url: 'https://elsewhere.example/',
    })
    expect(otherUrl.status).toBe(404)
    const both = await call(emulator, 'POST', '/__emulator/fans/click', { key: 'TODAY', url: 'x' })
    expect(both.status).toBe(400)
  })
})

describe('GET /__emulator/received', () => {
  it("answers a fan's passive replies, and every fan's without openid", async () => {
    const { emulator, webhook, fan } = await rig()
    webhook.on('text', () => 'pong')
    await call(emulator, 'POST', '/__emulator/push', {
      message: { MsgType: 'text', Content: 'ping' },
    })
    const one = await call(emulator, 'GET', '/__emulator/received', undefined, {
      openid: fan.openid,
    })
    expect(one.json.received).toEqual([
      expect.objectContaining({ channel: 'reply', msgtype: 'text', payload: { Content: 'pong' } }),
    ])
    const all = await call(emulator, 'GET', '/__emulator/received')
    expect(all.json.received).toEqual([expect.objectContaining({ openid: fan.openid })])
    const unknown = await call(emulator, 'GET', '/__emulator/received', undefined, {
      openid: 'oNobody',
    })
    expect(unknown.status).toBe(404)
  })
})
