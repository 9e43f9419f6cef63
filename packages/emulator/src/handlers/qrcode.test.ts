import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'
import { MODULE_PIXELS, QUIET_ZONE } from '../qr/qr-image.js'
import { MAX_PERMANENT_QRCODES } from '../qrcode-store.js'
import { MAX_QR_EXPIRE_SECONDS } from './qrcode.js'

async function setup() {
  const h = harness()
  const access_token = await h.token()
  const create = (body: unknown) => h.call('POST', '/cgi-bin/qrcode/create', { access_token }, body)
  const temp = (scene_id: number, expire_seconds?: number) =>
    create({ action_name: 'QR_SCENE', expire_seconds, action_info: { scene: { scene_id } } })
  const tempStr = (scene_str: string) =>
    create({ action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str } } })
  const permanent = (scene_id: number) =>
    create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id } } })
  const permanentStr = (scene_str: string) =>
    create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str } } })
  const show = (query: string) =>
    h.emulator.handle({ method: 'GET', host: 'mp', path: '/cgi-bin/showqrcode', query, body: '' })
  return { ...h, create, temp, tempStr, permanent, permanentStr, show }
}

const URL_SHAPE = /^http:\/\/weixin\.qq\.com\/q\/02[A-Za-z0-9]{20}$/

describe('qrcode/create', () => {
  it('issues a temporary code: a url-safe ticket holding the url, 60 s by default', async () => {
    const { temp } = await setup()
    const body = await temp(123)
    expectValidResponse('qrcode.create', body)
    expect(body.expire_seconds).toBe(60)
    expect(body.url).toMatch(URL_SHAPE)
    const ticket = String(body.ticket)
    expect(ticket).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(Buffer.from(ticket, 'base64url').toString('latin1')).toContain(`${String(body.url)}\0`)
  })

  it('gives every temporary code its own ticket and url, even for one scene', async () => {
    const { temp } = await setup()
    const a = await temp(7, 300)
    const b = await temp(7, 300)
    expect(a.ticket).not.toBe(b.ticket)
    expect(a.url).not.toBe(b.url)
  })

  it('caps expire_seconds at 30 days and reads 0 as the default', async () => {
    const { temp } = await setup()
    expect((await temp(1, 604_800)).expire_seconds).toBe(604_800)
    expect((await temp(1, MAX_QR_EXPIRE_SECONDS)).expire_seconds).toBe(MAX_QR_EXPIRE_SECONDS)
    expect((await temp(1, MAX_QR_EXPIRE_SECONDS + 1)).expire_seconds).toBe(MAX_QR_EXPIRE_SECONDS)
    expect((await temp(1, 0)).expire_seconds).toBe(60)
  })

  it('answers permanent codes without expire_seconds, one code per scene', async () => {
    const { permanent, permanentStr } = await setup()
    const a = await permanent(42)
    expectValidResponse('qrcode.create', a)
    expect(a).not.toHaveProperty('expire_seconds')
    expect(a.url).toMatch(URL_SHAPE)
    expect(await permanent(42)).toEqual(a)
    expect((await permanent(43)).ticket).not.toBe(a.ticket)
    // A string scene "42" is another scene than the number 42.
    expect((await permanentStr('42')).ticket).not.toBe(a.ticket)
  })

  it('applies the scene_id rules: temporary 32-bit non-zero, permanent 1–100,000 (40053)', async () => {
    const { temp, permanent } = await setup()
    expectError(await temp(0), ERRCODE.INVALID_ACTION_INFO)
    expectError(await temp(2 ** 32), ERRCODE.INVALID_ACTION_INFO)
    expectError(await temp(-(2 ** 31) - 1), ERRCODE.INVALID_ACTION_INFO)
    expect(await temp(2 ** 32 - 1)).toHaveProperty('ticket')
    expect(await temp(-5)).toHaveProperty('ticket')
    expectError(await permanent(0), ERRCODE.INVALID_ACTION_INFO)
    expectError(await permanent(100_001), ERRCODE.INVALID_ACTION_INFO)
    expect(await permanent(100_000)).toHaveProperty('ticket')
    expect(await permanent(1)).toHaveProperty('ticket')
  })

  it('applies the scene_str rule: 1–64 characters (40053)', async () => {
    const { tempStr, permanentStr } = await setup()
    expectError(await tempStr(''), ERRCODE.INVALID_ACTION_INFO)
    expectError(await permanentStr('x'.repeat(65)), ERRCODE.INVALID_ACTION_INFO)
    expect(await tempStr('x'.repeat(64))).toHaveProperty('ticket')
    expect(await permanentStr('码'.repeat(64))).toHaveProperty('ticket')
  })

  it('refuses the 100,001st permanent code, but still answers an existing scene', async () => {
    const { emulator, permanentStr } = await setup()
    for (let i = 1; i < MAX_PERMANENT_QRCODES; i++) emulator.state.qrcodes.permanent(APPID, `s${i}`)
    const last = await permanentStr('last')
    expect(last).toHaveProperty('ticket')
    expect(emulator.state.qrcodes.permanentCount(APPID)).toBe(MAX_PERMANENT_QRCODES)
    expectError(await permanentStr('one too many'), ERRCODE.INVALID_ACTION_INFO)
    expect(await permanentStr('last')).toEqual(last)
  })

  it('refuses malformed bodies and calls without a token', async () => {
    const { call, create } = await setup()
    expectError(await create({ action_name: 'QR_SCENE' }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(
      await create({ action_name: 'QR_SOMETHING', action_info: { scene: { scene_id: 1 } } }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(
      await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: '1' } } }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(
      await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1.5 } } }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(
      await create({
        action_name: 'QR_SCENE',
        expire_seconds: -1,
        action_info: { scene: { scene_id: 1 } },
      }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(await create(''), ERRCODE.EMPTY_POST_DATA)
    const body = { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 1 } } }
    expectError(
      await call('POST', '/cgi-bin/qrcode/create', {}, body),
      ERRCODE.ACCESS_TOKEN_MISSING,
    )
  })
})

describe('resolving a scanned ticket (for the push engine)', () => {
  it('tells account, scene and kind while the code lives, nothing after', async () => {
    const { emulator, clock, temp, tempStr, permanent } = await setup()
    const qrcodes = emulator.state.qrcodes
    const short = String((await temp(9, 120)).ticket)
    const named = String((await tempStr('promo')).ticket)
    const forever = String((await permanent(5)).ticket)
    expect(qrcodes.resolve(short, clock.now())).toEqual({
      appid: APPID,
      scene: 9,
      permanent: false,
    })
    expect(qrcodes.resolve(named, clock.now())).toEqual({
      appid: APPID,
      scene: 'promo',
      permanent: false,
    })
    clock.advance(60_000)
    expect(qrcodes.resolve(named, clock.now())).toBeUndefined() // 60 s default
    clock.advance(59_999)
    expect(qrcodes.resolve(short, clock.now())).toBeDefined()
    clock.advance(1)
    expect(qrcodes.resolve(short, clock.now())).toBeUndefined()
    clock.advance(365 * 86_400_000)
    expect(qrcodes.resolve(forever, clock.now())).toEqual({
      appid: APPID,
      scene: 5,
      permanent: true,
    })
    expect(qrcodes.resolve('no-such-ticket', clock.now())).toBeUndefined()
  })
})

describe('showqrcode (mp.weixin.qq.com)', () => {
  it('answers a live ticket with a JPEG of the QR code, sized to the symbol', async () => {
    const { temp, show } = await setup()
    const ticket = String((await temp(1)).ticket)
    const response = await show(new URLSearchParams({ ticket }).toString())
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('image/jpg')
    const jpeg = response.body as Buffer
    expect(Buffer.isBuffer(jpeg)).toBe(true)
    expect(response.headers['content-length']).toBe(String(jpeg.length))
    expect([...jpeg.subarray(0, 2)]).toEqual([0xff, 0xd8])
    expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9])
    // A ~45-character URL needs a version-4 symbol: 33 modules plus the quiet zone.
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]))
    expect(sof).toBeGreaterThan(0)
    const side = (33 + 2 * QUIET_ZONE) * MODULE_PIXELS
    expect(jpeg.readUInt16BE(sof + 5)).toBe(side) // height
    expect(jpeg.readUInt16BE(sof + 7)).toBe(side) // width
  })

  it('answers HTTP 404 for an unknown, missing or expired ticket', async () => {
    const { temp, show, clock } = await setup()
    expect((await show('ticket=nope')).status).toBe(404)
    expect((await show('')).status).toBe(404)
    const ticket = String((await temp(1, 100)).ticket)
    expect((await show(`ticket=${ticket}`)).status).toBe(200)
    clock.advance(100_000)
    const gone = await show(`ticket=${ticket}`)
    expect(gone.status).toBe(404)
    expect(gone.body).toBe('')
  })

  it('keeps serving a permanent code', async () => {
    const { permanent, show, clock } = await setup()
    const ticket = String((await permanent(3)).ticket)
    clock.advance(400 * 86_400_000)
    expect((await show(`ticket=${ticket}`)).status).toBe(200)
  })
})
