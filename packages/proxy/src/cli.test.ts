/**
 * `wxmp proxy` as users run it (the built CLI, a config file, WXMP_API_BASE at the emulator):
 * node-webot's `wechat-api`, configured only with the proxy's host and a client key as its secret,
 * runs menu, media, user and template calls; a client not allowed `menu.create` gets 403 / 48001.
 * Issue 5, acceptance 3.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { createEmulator, serveEmulator } from '@wxmp/emulator'
import type { ServedEmulator } from '@wxmp/emulator'
import WechatAPI from 'wechat-api'
import { afterEach, describe, expect, it } from 'vitest'

const WXMP_BIN = fileURLToPath(new URL('../../cli/bin/wxmp.js', import.meta.url))
const APPID = 'wx0123456789abcdef'
const SECRET = 'S3cretS3cretS3cretS3cretS3cret12'
const FULL_KEY = 'full-client-key-000001'
const READ_KEY = 'read-client-key-000001'

const children: ChildProcess[] = []
let upstream: ServedEmulator | undefined
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  await upstream?.close()
  upstream = undefined
})

async function startProxy(env: Record<string, string>, args: string[]) {
  const child = spawn(process.execPath, [WXMP_BIN, 'proxy', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const limit = Date.now() + 15_000
  for (;;) {
    const match = /listening on (http:\/\/\S+)/.exec(out)
    if (match) return { child, url: match[1]!, output: () => out }
    if (Date.now() > limit || child.exitCode !== null)
      throw new Error(`proxy did not start:\n${out}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('wxmp proxy with an unmodified wechat-api client', () => {
  it('runs menu, media, user and template calls; a client without menu.create gets 403 / 48001', async () => {
    const emulator = createEmulator({
      accounts: [{ appid: APPID, secret: SECRET, token: 'wxmptoken', encryptMode: 'plain' }],
      seed: 21,
    })
    upstream = await serveEmulator(emulator)
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-proxy-cli-'))
    const config = join(dir, 'wxmp.json')
    writeFileSync(
      config,
      JSON.stringify({
        accounts: [{ appid: APPID, secret: SECRET, token: 'wxmptoken' }],
        clients: [
          { name: 'backend', key: FULL_KEY, accounts: [APPID], allow: ['*'] },
          { name: 'reader', key: READ_KEY, accounts: [APPID], allow: ['menu.get', 'user.*'] },
        ],
        dataDir: join(dir, 'data'),
      }),
    )
    const proxy = await startProxy({ WXMP_API_BASE: upstream.url }, [
      '--port',
      '0',
      '--config',
      config,
    ])

    // The client knows only the proxy's host and its key, given as the AppSecret.
    const api = new WechatAPI(APPID, FULL_KEY)
    api.endpoint = proxy.url
    const wx = {
      createMenu: promisify(api.createMenu.bind(api)),
      getMenu: promisify(api.getMenu.bind(api)),
      uploadMedia: promisify(api.uploadMedia.bind(api)),
      getMedia: promisify(api.getMedia.bind(api)),
      getUser: promisify(api.getUser.bind(api)),
      sendTemplate: promisify(api.sendTemplate.bind(api)),
    }
    await wx.createMenu({ button: [{ type: 'click', name: '今日', key: 'TODAY' }] })
    expect((await wx.getMenu()).menu.button).toHaveLength(1)

    const file = join(dir, 'photo.jpg')
    const bytes = Buffer.alloc(3000).map((_, i) => (i * 7) & 0xff)
    writeFileSync(file, bytes)
    const { media_id } = await wx.uploadMedia(file, 'image')
    expect(Buffer.compare(await wx.getMedia(media_id), bytes)).toBe(0)

    const fan = emulator.fans.list(APPID).find((candidate) => candidate.subscribed)!
    expect(await wx.getUser(fan.openid)).toMatchObject({ subscribe: 1, openid: fan.openid })
    const [template] = emulator.state.templates.list(APPID)
    await wx.sendTemplate(fan.openid, template!.template_id, 'https://example.com', {
      character_string1: { value: 'DD1' },
      thing2: { value: '礼盒' },
      amount3: { value: '9.90元' },
      time4: { value: '2026年1月1日 12:30' },
    })
    expect(emulator.state.received.forFan(APPID, fan.openid).map((m) => m.channel)).toEqual([
      'template',
    ])
    // Only the proxy ever fetched a WeChat token, once.
    expect(emulator.stats().calls['/cgi-bin/stable_token']).toBe(1)

    const reader = new WechatAPI(APPID, READ_KEY)
    reader.endpoint = proxy.url
    const refused: unknown = await promisify(reader.createMenu.bind(reader))({
      button: [{ type: 'click', name: 'x', key: 'x' }],
    }).catch((error: unknown) => error)
    expect(refused).toMatchObject({ code: 48001 })

    const audit = readFileSync(join(dir, 'data', 'proxy-audit.jsonl'), 'utf8')
    expect(audit).toContain('"menu.create"')
    for (const secret of [SECRET, FULL_KEY, READ_KEY]) {
      expect(audit).not.toContain(secret)
      expect(proxy.output()).not.toContain(secret)
    }
    proxy.child.kill('SIGTERM')
    await new Promise((resolve) => proxy.child.once('exit', resolve))
    expect(proxy.child.exitCode).toBe(0)
  }, 30_000)
})
