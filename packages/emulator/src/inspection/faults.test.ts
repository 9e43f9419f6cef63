import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { expectError, harness } from '../emulator.test.helpers.js'
import type { Harness } from '../emulator.test.helpers.js'
import { serveEmulator } from '../serve.js'

async function inspect(h: Harness, method: string, path: string, body?: unknown) {
  const response = await h.emulator.handle({
    method,
    path,
    query: '',
    body: body === undefined ? '' : JSON.stringify(body),
  })
  return {
    status: response.status,
    json: JSON.parse(String(response.body)) as Record<string, unknown>,
  }
}

describe('/__emulator/faults', () => {
  it('makes the next N calls of a path answer an errcode, then lets calls through', async () => {
    const h = harness()
    const access_token = await h.token()
    const planned = await inspect(h, 'POST', '/__emulator/faults', {
      endpoint: 'menu.get',
      count: 2,
      errcode: ERRCODE.SYSTEM_BUSY,
    })
    expect(planned.status).toBe(200)
    expect(planned.json.fault).toMatchObject({ path: '/cgi-bin/menu/get', remaining: 2 })
    for (let i = 0; i < 2; i++)
      expectError(await h.call('GET', '/cgi-bin/menu/get', { access_token }), ERRCODE.SYSTEM_BUSY)
    // The fault is spent: the real answer (no menu yet) comes back.
    expectError(await h.call('GET', '/cgi-bin/menu/get', { access_token }), ERRCODE.MENU_NOT_FOUND)
    // Faulty calls still count as calls, as a client's retries would.
    expect(h.emulator.stats().calls['/cgi-bin/menu/get']).toBe(3)
  })

  it('delays an answer on the emulator clock', async () => {
    const h = harness()
    await inspect(h, 'POST', '/__emulator/faults', { path: '/cgi-bin/token', delayMs: 3_000 })
    let settled = false
    const pending = h.token().then((token) => {
      settled = true
      return token
    })
    await h.clock.advanceAsync(2_999)
    expect(settled).toBe(false)
    await h.clock.advanceAsync(1)
    expect(await pending).toMatch(/^[\w-]+$/)
  })

  it('drops the connection: fetch rejects like a network error and a real socket closes', async () => {
    const h = harness()
    await inspect(h, 'POST', '/__emulator/faults', {
      path: '/cgi-bin/getcallbackip',
      drop: true,
      count: 2,
    })
    await expect(
      h.emulator.fetch(new Request('https://api.weixin.qq.com/cgi-bin/getcallbackip')),
    ).rejects.toThrow('fetch failed')
    const served = await serveEmulator(h.emulator)
    try {
      await expect(fetch(`${served.url}/cgi-bin/getcallbackip`)).rejects.toThrow()
    } finally {
      await served.close()
    }
  })

  it('lists and clears planned faults', async () => {
    const h = harness()
    await inspect(h, 'POST', '/__emulator/faults', { path: '/cgi-bin/menu/create', errcode: 45009 })
    expect((await inspect(h, 'GET', '/__emulator/faults')).json.faults).toEqual([
      { path: '/cgi-bin/menu/create', remaining: 1, errcode: 45009 },
    ])
    expect((await inspect(h, 'DELETE', '/__emulator/faults')).json).toEqual({ cleared: 1 })
    expect((await inspect(h, 'GET', '/__emulator/faults')).json.faults).toEqual([])
  })

  it('answers 400 with a reason for a fault it cannot plan', async () => {
    const h = harness()
    const cases: [unknown, RegExp][] = [
      [{ path: '/cgi-bin/token' }, /needs "errcode", "delayMs" or "drop"/],
      [{ endpoint: 'menu.nope', errcode: 1 }, /unknown endpoint id/],
      [{ errcode: 1 }, /exactly one of "path" or "endpoint"/],
      [{ path: '/x', endpoint: 'menu.get', errcode: 1 }, /exactly one/],
      [{ path: '/x', errcode: 1, count: 0 }, /bad fault/],
      [{ path: '/x', errcode: 1, surprise: true }, /bad fault/],
      [[1, 2], /bad fault/],
    ]
    for (const [body, reason] of cases) {
      const answer = await inspect(h, 'POST', '/__emulator/faults', body)
      expect(answer.status).toBe(400)
      expect(String(answer.json.error)).toMatch(reason)
    }
    const notJson = await h.emulator.handle({
      method: 'POST',
      path: '/__emulator/faults',
      query: '',
      body: '{nope',
    })
    expect(notJson.status).toBe(400)
  })
})
