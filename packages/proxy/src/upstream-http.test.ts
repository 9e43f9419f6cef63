/**
 * The proxy's own road to WeChat (node:http, used when no `fetch` is given) against a scripted
 * WeChat: the timeout ends the connection, encoded bodies arrive decoded with their errcode seen,
 * headers pass as fetch would pass them, a broken answer is a 502.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gzipSync } from 'node:zlib'
import { VirtualClock } from '@wxmp/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createProxy } from './proxy.js'
import type { Proxy } from './proxy.js'
import { APPID, MENU_KEY, SECRET } from './proxy.test-support.js'

const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

interface Scripted {
  readonly proxy: Proxy
  readonly clock: VirtualClock
  readonly seen: IncomingMessage[]
  readonly closed: Promise<void>
  readonly tokens: { invalidated: string[] }
}

// A WeChat answering with `script`, and a proxy in front of it with a constant token.
async function scripted(
  script: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<Scripted> {
  const seen: IncomingMessage[] = []
  let socketClosed: () => void = () => {}
  const closed = new Promise<void>((resolve) => (socketClosed = resolve))
  const server = createServer((request, response) => {
    seen.push(request)
    request.socket.once('close', socketClosed)
    script(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  const clock = new VirtualClock(Date.UTC(2026, 2, 10, 2, 0, 0))
  const tokens = { invalidated: [] as string[] }
  const proxy = createProxy({
    config: {
      accounts: [{ appid: APPID, secret: SECRET }],
      clients: [{ name: 'menu', key: MENU_KEY, accounts: [APPID], allow: ['menu.*'] }],
    },
    tokens: {
      accessToken: async () => ({ value: 'TOKEN', expiresAt: clock.now() + 7_200_000 }),
      invalidate: async (_appid, stale) => {
        tokens.invalidated.push(stale)
        return {
          invalidated: true,
          current: { value: 'TOKEN', expiresAt: clock.now() + 7_200_000 },
        }
      },
    },
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    clock,
    upstreamTimeoutMs: 5000,
  })
  closers.push(() => proxy.close())
  return { proxy, clock, seen, closed, tokens }
}

const menuGet = (proxy: Proxy) =>
  proxy.handle(
    new Request('http://proxy.local/cgi-bin/menu/get', {
      headers: { authorization: `Bearer ${MENU_KEY}` },
    }),
  )

describe('node:http road to WeChat', () => {
  it('answers 502 once WeChat is silent past the timeout, and closes the connection', async () => {
    const r = await scripted(() => {
      // Never answers.
    })
    const pending = menuGet(r.proxy)
    while (r.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(r.seen[0]!.url).toBe('/cgi-bin/menu/get?access_token=TOKEN')
    r.clock.advance(5000)
    const response = await pending
    expect(response.status).toBe(502)
    expect(((await response.json()) as { wxmp_error: { message: string } }).wxmp_error).toEqual({
      code: 'WX_PROXY_UPSTREAM',
      message: 'WeChat did not answer within 5000 ms',
    })
    await r.closed
  })

  it('decodes a gzip answer, sees its errcode and retries a rejected token once', async () => {
    const body = gzipSync(JSON.stringify({ errcode: 40001, errmsg: 'invalid credential' }))
    const r = await scripted((_request, response) => {
      response.writeHead(200, {
        'content-type': 'application/json; encoding=utf-8',
        'content-encoding': 'gzip',
        'content-length': body.byteLength,
        'set-cookie': ['a=1', 'b=2'],
      })
      response.end(body)
    })
    const response = await menuGet(r.proxy)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ errcode: 40001, errmsg: 'invalid credential' })
    expect(response.headers.get('content-encoding')).toBeNull()
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2'])
    expect(r.tokens.invalidated).toEqual(['TOKEN'])
    expect(r.seen).toHaveLength(2)
    expect(r.seen[0]!.headers['accept-encoding']).toBe('identity')
  })

  it('answers 502 when WeChat breaks off mid-answer', async () => {
    const r = await scripted((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': 100 })
      response.write('{"menu":')
      setTimeout(() => response.socket?.destroy(), 10)
    })
    const response = await menuGet(r.proxy)
    expect(response.status).toBe(502)
    expect(
      ((await response.json()) as { wxmp_error: { message: string } }).wxmp_error.message,
    ).toMatch(/^WeChat's answer broke off/)
  })
})
