/** What a fan's push changes and what the engine refuses, against the real webhook. */
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../emulator.js'
import type { Emulator } from '../emulator.js'
import { PushError } from './push-error.js'
import { APPID, account, rig } from './push.test.helpers.js'

/** A `media/get` download through the emulator's real pipeline. */
async function download(emulator: Emulator, mediaId: string) {
  const token = await emulator.handle({
    method: 'GET',
    path: '/cgi-bin/token',
    query: new URLSearchParams({
      grant_type: 'client_credential',
      appid: APPID,
      secret: 'S3cretS3cretS3cretS3cretS3cret12',
    }).toString(),
    body: '',
  })
  const { access_token } = JSON.parse(String(token.body)) as { access_token: string }
  return emulator.handle({
    method: 'GET',
    path: '/cgi-bin/media/get',
    query: new URLSearchParams({ access_token, media_id: mediaId }).toString(),
    body: '',
  })
}

describe("a fan's files", () => {
  it('keeps the image as temporary media: the pushed MediaId downloads the same bytes', async () => {
    const { emulator, webhook, fan } = await rig()
    const seen: string[] = []
    webhook.on('image', (message) => {
      seen.push(message.MediaId)
    })
    const bytes = Buffer.from('\x89PNG\r\n\x1a\n fake png for the test', 'latin1')
    const report = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'image' },
      file: { bytes, contentType: 'image/png' },
    })
    const mediaId = (report.message as { MediaId: string }).MediaId
    expect(seen).toEqual([mediaId])
    expect(report.message).toMatchObject({
      PicUrl: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\//),
    })
    const file = await download(emulator, mediaId)
    expect(file.headers['content-type']).toBe('image/png')
    expect(Buffer.compare(file.body as Buffer, bytes)).toBe(0)
  })

  it('stands in a small file of the right type when none is given', async () => {
    const { emulator, fan } = await rig()
    const voice = await emulator.push.push({ openid: fan.openid, message: { kind: 'voice' } })
    expect(voice.message).toMatchObject({ Format: 'amr' })
    const file = await download(emulator, (voice.message as { MediaId: string }).MediaId)
    expect((file.body as Buffer).subarray(0, 6).toString('latin1')).toBe('#!AMR\n')

    const video = await emulator.push.push({ openid: fan.openid, message: { kind: 'shortvideo' } })
    const { MediaId, ThumbMediaId } = video.message as { MediaId: string; ThumbMediaId: string }
    // A video answers its URL as JSON (§6.2); its cover downloads as a JPEG.
    expect(JSON.parse(String((await download(emulator, MediaId)).body))).toHaveProperty('video_url')
    const thumb = await download(emulator, ThumbMediaId)
    expect(thumb.headers['content-type']).toBe('image/jpeg')
  })

  it('refuses a file of the wrong type for the message', async () => {
    const { emulator, fan } = await rig()
    await expect(
      emulator.push.push({
        openid: fan.openid,
        message: { kind: 'image' },
        file: { bytes: Buffer.from('x'), contentType: 'audio/amr' },
      }),
    ).rejects.toThrow(/image\/\* file/)
  })
})

describe('following and customer-service windows', () => {
  it('a follow makes the fan follow and opens the 1-minute window, before the webhook runs', async () => {
    const { emulator, webhook, clock } = await rig()
    const former = emulator.fans.list(APPID).find((fan) => !fan.subscribed)!
    let followingDuringHandler: boolean | undefined
    webhook.on('event.subscribe', (message) => {
      followingDuringHandler = emulator.fans.get(APPID, message.FromUserName)?.subscribed
      return '欢迎'
    })
    const report = await emulator.push.push({
      openid: former.openid,
      message: { kind: 'event.subscribe' },
    })
    expect(report.reply).toEqual({ type: 'text', Content: '欢迎' })
    expect(followingDuringHandler).toBe(true)
    expect(former.subscribed).toBe(true)
    expect(former.subscribeTime).toBe(Math.floor(clock.now() / 1000))
    expect(emulator.state.windows.openWindows(APPID, former.openid, clock.now())).toEqual([
      expect.objectContaining({ trigger: 'subscribe', quota: 3 }),
    ])
  })

  it('a QR follow records the QR scene', async () => {
    const { emulator } = await rig()
    const former = emulator.fans.list(APPID).find((fan) => !fan.subscribed)!
    await emulator.push.push({
      openid: former.openid,
      message: { kind: 'event.subscribe', EventKey: 'qrscene_42', Ticket: 'T' },
    })
    expect(former.subscribeScene).toBe('ADD_SCENE_QR_CODE')
  })

  it('an unfollow makes the fan leave and closes their windows', async () => {
    const { emulator, fan, clock } = await rig()
    await emulator.push.push({ openid: fan.openid, message: { kind: 'text', Content: 'hi' } })
    await emulator.push.push({ openid: fan.openid, message: { kind: 'event.unsubscribe' } })
    expect(fan.subscribed).toBe(false)
    expect(emulator.state.windows.openWindows(APPID, fan.openid, clock.now())).toEqual([])
  })

  it.each([
    ['event.CLICK', { EventKey: 'k' }, 'click'],
    [
      'event.scancode_waitmsg',
      { EventKey: 'k', ScanCodeInfo: { ScanType: 'qrcode', ScanResult: '1' } },
      'click',
    ],
    ['event.SCAN', { EventKey: '42', Ticket: 'T' }, 'scan'],
  ] as const)('%s opens the window of its trigger', async (kind, fields, trigger) => {
    const { emulator, fan, clock } = await rig()
    await emulator.push.push({ openid: fan.openid, message: { kind, ...fields } })
    expect(emulator.state.windows.openWindows(APPID, fan.openid, clock.now())).toEqual([
      expect.objectContaining({ trigger }),
    ])
  })

  it('VIEW and LOCATION open no window', async () => {
    const { emulator, fan, clock } = await rig()
    await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'event.VIEW', EventKey: 'https://example.com/' },
    })
    await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'event.LOCATION', Latitude: 23.1, Longitude: 113.3, Precision: 50 },
    })
    expect(emulator.state.windows.openWindows(APPID, fan.openid, clock.now())).toEqual([])
  })

  it('cuts a news reply to a message to 1 article in what the fan received (§3)', async () => {
    const { emulator, webhook, fan } = await rig()
    const article = (n: number) => ({
      Title: `t${n}`,
      Description: 'd',
      PicUrl: 'https://example.com/p.jpg',
      Url: 'https://example.com/',
    })
    webhook.on('text', () => ({
      type: 'news' as const,
      ArticleCount: 2,
      Articles: [article(1), article(2)],
    }))
    const report = await emulator.push.push({
      openid: fan.openid,
      message: { kind: 'text', Content: 'news' },
    })
    expect(report.reply).toMatchObject({ type: 'news', ArticleCount: 2 })
    const [received] = emulator.state.received.forFan(APPID, fan.openid)
    expect(received?.payload).toEqual({ ArticleCount: 1, Articles: [article(1)] })
  })
})

describe('refused pushes change nothing', () => {
  it('refuses an unknown account or fan', async () => {
    const { emulator, fan } = await rig()
    const text = { kind: 'text', Content: 'x' } as const
    await expect(
      emulator.push.push({ appid: 'wxffffffffffffffff', openid: fan.openid, message: text }),
    ).rejects.toMatchObject({ reason: 'unknown-account' })
    await expect(
      emulator.push.push({ openid: 'oNobody000000000000000000000', message: text }),
    ).rejects.toMatchObject({ reason: 'unknown-fan' })
  })

  it('refuses a message or a click from a non-follower, and a follow from a follower', async () => {
    const { emulator, fan, seen } = await rig()
    const former = emulator.fans.list(APPID).find((candidate) => !candidate.subscribed)!
    await expect(
      emulator.push.push({ openid: former.openid, message: { kind: 'text', Content: 'x' } }),
    ).rejects.toMatchObject({ reason: 'not-allowed' })
    await expect(
      emulator.push.push({
        openid: former.openid,
        message: { kind: 'event.CLICK', EventKey: 'k' },
      }),
    ).rejects.toMatchObject({ reason: 'not-allowed' })
    await expect(
      emulator.push.push({ openid: fan.openid, message: { kind: 'event.subscribe' } }),
    ).rejects.toMatchObject({ reason: 'not-allowed' })
    expect(seen).toEqual([])
  })

  it('refuses a bad message with the reason, before any CreateTime is used', async () => {
    const { emulator, fan, webhook, clock } = await rig()
    const cases: [unknown, RegExp][] = [
      [{ kind: 'text' }, /Content/],
      [{ kind: 'text', Content: 'x', MsgId: '1' }, /MsgId is filled in by the platform/],
      [{ kind: 'text', Content: 'x', FromUserName: 'o' }, /FromUserName/],
      [{ kind: 'event.click', EventKey: 'k' }, /unknown message kind/],
      [
        { kind: 'location', Location_X: 'north', Location_Y: 1, Scale: 1, Label: 'l' },
        /Location_X/,
      ],
    ]
    for (const [message, reason] of cases) {
      const attempt = emulator.push.push({ openid: fan.openid, message: message as never })
      await expect(attempt).rejects.toBeInstanceOf(PushError)
      await expect(attempt).rejects.toThrow(reason)
    }
    const times: number[] = []
    webhook.on('text', (message) => {
      times.push(message.CreateTime)
    })
    await emulator.push.push({ openid: fan.openid, message: { kind: 'text', Content: 'ok' } })
    expect(times).toEqual([Math.floor(clock.now() / 1000)])
    expect(emulator.state.windows.openWindows(APPID, fan.openid, clock.now())).toHaveLength(1)
  })
})

describe('the push URL', () => {
  it('uses the emulator option, else the account, else 127.0.0.1:8080/wx', async () => {
    const { emulator } = await rig()
    expect(emulator.push.urlFor(APPID)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wx$/)
    const own = createEmulator({
      accounts: [{ ...account('plain'), pushUrl: 'https://example.com/hook' }],
    })
    expect(own.push.urlFor(APPID)).toBe('https://example.com/hook')
    const none = createEmulator({ accounts: [account('plain')] })
    expect(none.push.urlFor(APPID)).toBe('http://127.0.0.1:8080/wx')
  })

  it('derives a stable gh_ id from the AppID when the account has none', () => {
    const { originalId: _omit, ...bare } = account('plain')
    const a = createEmulator({ accounts: [bare] }).push.originalIdFor(APPID)
    const b = createEmulator({ accounts: [bare] }).push.originalIdFor(APPID)
    expect(a).toMatch(/^gh_[0-9a-f]{12}$/)
    expect(a).toBe(b)
  })
})
