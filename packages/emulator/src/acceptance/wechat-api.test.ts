/**
 * Acceptance: `wechat-api` (node-webot's client, written independently of wxmp, unpatched) works
 * against the emulator once its endpoint points there — token, menu, media, user info,
 * template and customer-service messages — over plain HTTP and over the emulator's TLS.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { VirtualClock } from '@wxmp/core'
import WechatAPI from 'wechat-api'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator } from '../emulator.js'
import type { Emulator } from '../emulator.js'
import { ACCOUNT, APPID, SECRET } from '../emulator.test.helpers.js'
import { serveEmulator } from '../serve.js'
import type { ServedEmulator } from '../serve.js'
import { createSelfSignedCertificate } from '../tls/self-signed.js'

let served: ServedEmulator | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

/** Node-style callback methods as promises, bound to the client. */
function client(api: WechatAPI) {
  return {
    token: promisify(api.getLatestToken.bind(api)),
    createMenu: promisify(api.createMenu.bind(api)),
    getMenu: promisify(api.getMenu.bind(api)),
    removeMenu: promisify(api.removeMenu.bind(api)),
    uploadMedia: promisify(api.uploadMedia.bind(api)),
    getMedia: promisify(api.getMedia.bind(api)),
    getUser: promisify(api.getUser.bind(api)),
    sendText: promisify(api.sendText.bind(api)),
    sendTemplate: promisify(api.sendTemplate.bind(api)),
  }
}

async function start(tls = false): Promise<{ emulator: Emulator; api: WechatAPI }> {
  const emulator = createEmulator({ accounts: [ACCOUNT], clock: new VirtualClock(), seed: 11 })
  const material = tls ? createSelfSignedCertificate() : undefined
  served = await serveEmulator(emulator, material ? { tls: material } : {})
  const api = new WechatAPI(APPID, SECRET)
  // Pointing the client at the emulator: its documented `endpoint` (setEndpoint forces https://).
  api.endpoint = served.url
  if (material) api.setOpts({ ca: material.cert })
  return { emulator, api }
}

describe('wechat-api against the emulator', () => {
  it('fetches a token and creates, reads and deletes a menu', async () => {
    const { emulator, api } = await start()
    const wx = client(api)
    const token = await wx.token()
    expect(token.accessToken).toMatch(/^[\w-]{64,}$/)

    const menu = { button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] }
    await wx.createMenu(menu)
    const got = await wx.getMenu()
    expect(got.menu.button).toEqual([{ ...menu.button[0], sub_button: [] }])
    await wx.removeMenu()
    await expect(wx.getMenu()).rejects.toMatchObject({ code: 46003 })
    expect(emulator.stats().calls['/cgi-bin/token']).toBe(1)
  })

  it('uploads media from a file and downloads the same bytes', async () => {
    const { api } = await start()
    const wx = client(api)
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-wechat-api-'))
    const file = join(dir, 'photo.jpg')
    const bytes = Buffer.alloc(4096, 0).map((_, i) => (i * 13) & 0xff)
    writeFileSync(file, bytes)
    const uploaded = await wx.uploadMedia(file, 'image')
    expect(uploaded.media_id).toMatch(/^[\w-]{64}$/)
    const downloaded = await wx.getMedia(uploaded.media_id)
    expect(Buffer.compare(downloaded, bytes)).toBe(0)
  })

  it('reads user info, and gets WeChat’s errcode for an unknown OpenID', async () => {
    const { emulator, api } = await start()
    const wx = client(api)
    const fan = emulator.fans.list(APPID).find((candidate) => candidate.subscribed)!
    const info = await wx.getUser(fan.openid)
    expect(info).toMatchObject({ subscribe: 1, openid: fan.openid })
    await expect(wx.getUser('oUnknownFan0000000000000000x')).rejects.toMatchObject({ code: 40003 })
  })

  it('sends a template message and a customer-service message a fan then has received', async () => {
    const { emulator, api } = await start()
    const wx = client(api)
    const fan = emulator.fans.list(APPID).find((candidate) => candidate.subscribed)!
    const [template] = emulator.state.templates.list(APPID)
    const data = {
      character_string1: { value: 'DD20260101000123' },
      thing2: { value: '巧克力礼盒' },
      amount3: { value: '39.80元' },
      time4: { value: '2026年1月1日 12:30' },
    }
    const sent = await wx.sendTemplate(
      fan.openid,
      template!.template_id,
      'https://example.com',
      data,
    )
    expect(String(sent.msgid)).toMatch(/^\d+$/)
    // No interaction yet: WeChat refuses a customer-service message outside any window.
    await expect(wx.sendText(fan.openid, '您好')).rejects.toMatchObject({ code: 45015 })
    emulator.state.windows.open(APPID, fan.openid, 'message', emulator.state.clock.now())
    await wx.sendText(fan.openid, '您好')
    const received = emulator.state.received.forFan(APPID, fan.openid)
    expect(received.map((message) => [message.channel, message.msgtype])).toEqual([
      ['template', 'template'],
      ['customService', 'text'],
    ])
    expect(received[1]?.payload).toEqual({ content: '您好' })
  })

  it('works over the emulator’s HTTPS when the client trusts its certificate', async () => {
    const { api } = await start(true)
    const wx = client(api)
    expect(api.endpoint).toMatch(/^https:/)
    expect((await wx.token()).accessToken).toMatch(/^[\w-]{64,}$/)
  })
})
