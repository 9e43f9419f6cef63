import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { AdjustableClock } from '../adjustable-clock.js'
import { createEmulator } from '../emulator.js'
import { ACCOUNT, expectError, harness } from '../emulator.test.helpers.js'

describe('/__emulator/clock', () => {
  it('reads the time and moves a virtual clock, expiring a token', async () => {
    const h = harness()
    const access_token = await h.token()
    const read = async (method: string, body = '') =>
      JSON.parse(
        String(
          (await h.emulator.handle({ method, path: '/__emulator/clock', query: '', body })).body,
        ),
      ) as { now: number; unix: number; iso: string }
    const before = await read('GET')
    expect(before.now).toBe(h.clock.now())
    expect(before.iso).toBe(new Date(before.now).toISOString())
    const after = await read('POST', JSON.stringify({ advanceSeconds: 7200 }))
    expect(after.now - before.now).toBe(7_200_000)
    expectError(
      await h.call('GET', '/cgi-bin/menu/get', { access_token }),
      ERRCODE.ACCESS_TOKEN_EXPIRED,
    )
  })

  it('moves the adjustable clock wxmp emulator runs on', async () => {
    const clock = new AdjustableClock()
    const emulator = createEmulator({ accounts: [ACCOUNT], clock, seed: 1 })
    const answer = await emulator.handle({
      method: 'POST',
      path: '/__emulator/clock',
      query: '',
      body: JSON.stringify({ advanceMs: 60_000 }),
    })
    expect(answer.status).toBe(200)
    expect(clock.offset).toBe(60_000)
  })

  it('refuses a clock it cannot move, and bad changes', async () => {
    const fixed = { now: () => 0, setTimeout: () => ({}), clearTimeout: () => undefined }
    const emulator = createEmulator({ accounts: [ACCOUNT], clock: fixed, seed: 1 })
    const post = async (body: unknown) =>
      emulator.handle({
        method: 'POST',
        path: '/__emulator/clock',
        query: '',
        body: JSON.stringify(body),
      })
    expect((await post({ advanceMs: 1 })).status).toBe(409)
    const h = harness()
    for (const body of [{}, { advanceMs: -5 }, { advanceSeconds: 1, advanceMs: 1 }, { back: 1 }]) {
      const answer = await h.emulator.handle({
        method: 'POST',
        path: '/__emulator/clock',
        query: '',
        body: JSON.stringify(body),
      })
      expect(answer.status, JSON.stringify(body)).toBe(400)
    }
    // The inspection API is not WeChat's: unknown routes are 404, wrong verbs 405.
    const unknown = await h.emulator.handle({
      method: 'GET',
      path: '/__emulator/nope',
      query: '',
      body: '',
    })
    expect(unknown.status).toBe(404)
    const verb = await h.emulator.handle({
      method: 'PUT',
      path: '/__emulator/clock',
      query: '',
      body: '',
    })
    expect(verb.status).toBe(405)
  })
})
