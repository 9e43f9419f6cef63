import { VirtualClock } from '@wxmp/core'
import { afterEach, describe, expect, it } from 'vitest'
import { ACCOUNT, APPID, SECRET } from './emulator.test.helpers.js'
import { createEmulator } from './emulator.js'
import { serveEmulator } from './serve.js'
import { createSelfSignedCertificate } from './tls/self-signed.js'
import { get } from 'node:https'
import type { ServedEmulator } from './serve.js'

let served: ServedEmulator | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

describe('serveEmulator', () => {
  it('answers real HTTP on loopback: a token, then a menu round trip', async () => {
    const emulator = createEmulator({ accounts: [ACCOUNT], clock: new VirtualClock(), seed: 7 })
    served = await serveEmulator(emulator, { host: '127.0.0.1', port: 0 })
    const base = served.url

    const tokenResponse = await fetch(`${base}/cgi-bin/stable_token`, {
      method: 'POST',
      body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET }),
    })
    expect(tokenResponse.status).toBe(200)
    expect(tokenResponse.headers.get('content-type')).toMatch(/^application\/json/)
    const { access_token } = (await tokenResponse.json()) as { access_token: string }

    const create = await fetch(`${base}/cgi-bin/menu/create?access_token=${access_token}`, {
      method: 'POST',
      body: JSON.stringify({ button: [{ type: 'click', name: '歌曲', key: 'K' }] }),
    })
    expect(await create.json()).toEqual({ errcode: 0, errmsg: 'ok' })
    const menu = await fetch(`${base}/cgi-bin/menu/get?access_token=${access_token}`)
    expect(await menu.json()).toEqual({
      menu: { button: [{ type: 'click', name: '歌曲', key: 'K', sub_button: [] }] },
    })
    expect(emulator.stats().calls['/cgi-bin/menu/get']).toBe(1)
  })
})

describe('emulator.fetch', () => {
  it('answers a web-standard Request addressed to api.weixin.qq.com', async () => {
    const emulator = createEmulator({ accounts: [ACCOUNT], clock: new VirtualClock(), seed: 7 })
    const url = `https://api.weixin.qq.com/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`
    const response = await emulator.fetch(new Request(url))
    expect(response.status).toBe(200)
    expect(((await response.json()) as { expires_in: number }).expires_in).toBe(7200)
  })

  it('serves HTTPS with a self-signed certificate a client can trust explicitly', async () => {
    const emulator = createEmulator({ accounts: [ACCOUNT], clock: new VirtualClock(), seed: 7 })
    const tls = createSelfSignedCertificate()
    served = await serveEmulator(emulator, { tls })
    expect(served.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const url = `${served.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`
    const body = await new Promise<string>((resolve, reject) => {
      get(url, { ca: tls.cert }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve(text))
      }).on('error', reject)
    })
    expect(JSON.parse(body)).toMatchObject({ expires_in: 7200 })
    // Without trusting the certificate, a client refuses it: TLS is real, not a plain socket.
    await expect(fetch(url)).rejects.toThrow()
  })
})
