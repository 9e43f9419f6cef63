/** QR codes against the emulator: the action by scene type, §6.10's limits, the image. */
import { describe, expect, it } from 'vitest'
import { APPID, setup } from '../sdk.test.helpers.js'
import { createQrCode, qrCodeRequest, qrImageUrl } from './qrcode.js'
import type { QrCodeOptions } from './qrcode.js'

describe('qrImageUrl', () => {
  it('URL-encodes the ticket on mp.weixin.qq.com', () => {
    expect(qrImageUrl('gQH47joAAA+/x==')).toBe(
      'https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH47joAAA%2B%2Fx%3D%3D',
    )
  })
})

describe('createQrCode', () => {
  it('picks the action from the scene type and permanence', () => {
    expect(qrCodeRequest({ scene: 123, expireSeconds: 604800 })).toEqual({
      action_name: 'QR_SCENE',
      expire_seconds: 604800,
      action_info: { scene: { scene_id: 123 } },
    })
    expect(qrCodeRequest({ scene: 'test' })).toEqual({
      action_name: 'QR_STR_SCENE',
      action_info: { scene: { scene_str: 'test' } },
    })
    expect(qrCodeRequest({ scene: 123, permanent: true })).toEqual({
      action_name: 'QR_LIMIT_SCENE',
      action_info: { scene: { scene_id: 123 } },
    })
    expect(qrCodeRequest({ scene: 'test', permanent: true })).toEqual({
      action_name: 'QR_LIMIT_STR_SCENE',
      action_info: { scene: { scene_str: 'test' } },
    })
  })

  it('creates a temporary code whose image downloads, and which a scan brings back', async () => {
    const { client, emulator, clock } = setup()
    const code = await createQrCode(client, { scene: 'invite42', expireSeconds: 3600 })
    expect(code.expire_seconds).toBe(3600)
    expect(code.imageUrl).toBe(qrImageUrl(code.ticket))
    const image = await client.qrcode.show({ ticket: code.ticket })
    expect(image.contentType).toMatch(/^image\/jpe?g/)
    expect([...image.data.subarray(0, 2)]).toEqual([0xff, 0xd8])
    // The image URL's ticket is the one WeChat knows: the emulator serves it under that path.
    const url = new URL(code.imageUrl)
    const served = await emulator.fetch(
      new Request(`http://emulator${url.pathname}${url.search}`, {
        headers: { 'x-wxmp-host': 'mp' },
      }),
    )
    expect(served.status).toBe(200)
    clock.advance(3600_000)
    await expect(client.qrcode.show({ ticket: code.ticket })).rejects.toMatchObject({ status: 404 })
  })

  it('creates permanent codes without a life', async () => {
    const { client, emulator } = setup()
    const byId = await createQrCode(client, { scene: 100_000, permanent: true })
    const byName = await createQrCode(client, { scene: 'shop-entrance', permanent: true })
    expect(byId.expire_seconds).toBeUndefined()
    expect(byName.ticket).not.toBe(byId.ticket)
    expect(emulator.state.qrcodes.resolve(byName.ticket)).toMatchObject({
      appid: APPID.toLowerCase(),
      scene: 'shop-entrance',
      permanent: true,
    })
  })

  const BAD: [string, QrCodeOptions, RegExp][] = [
    [
      'a permanent scene_id of 0',
      { scene: 0, permanent: true },
      /permanent scene_id is 1 … 100000/,
    ],
    ['a permanent scene_id over 100,000', { scene: 100_001, permanent: true }, /1 … 100000/],
    ['a temporary scene_id of 0', { scene: 0 }, /non-zero 32-bit/],
    ['a temporary scene_id over 32 bits', { scene: 2 ** 32 }, /non-zero 32-bit/],
    ['a fractional scene_id', { scene: 1.5 }, /not an integer/],
    ['an empty scene_str', { scene: '' }, /0 characters/],
    [
      'a scene_str of 65 characters',
      { scene: '码'.repeat(65) },
      /65 characters, a scene_str is 1 … 64/,
    ],
    ['a life over 30 days', { scene: 1, expireSeconds: 2_592_001 }, /2592001, must be 1 … 2592000/],
    ['a life of 0', { scene: 1, expireSeconds: 0 }, /expireSeconds/],
    [
      'a life on a permanent code',
      { scene: 1, permanent: true, expireSeconds: 60 } as unknown as QrCodeOptions,
      /does not expire/,
    ],
  ]
  for (const [label, options, message] of BAD) {
    it(`refuses ${label} before sending`, async () => {
      const { client, calls } = setup()
      await expect(createQrCode(client, options)).rejects.toMatchObject({
        code: 'WX_ERR_REQUEST',
        endpoint: 'qrcode.create',
        message: expect.stringMatching(message),
      })
      expect(await calls('/cgi-bin/qrcode/create')).toBe(0)
    })
  }

  it('accepts the edges of each range, as the emulator does', async () => {
    const { client } = setup()
    for (const options of [
      { scene: 1, permanent: true },
      { scene: -(2 ** 31) },
      { scene: 2 ** 32 - 1, expireSeconds: 2_592_000 },
      { scene: '码'.repeat(64), expireSeconds: 1 },
    ] as QrCodeOptions[])
      expect((await createQrCode(client, options)).ticket).toBeTruthy()
  })
})
