import type { VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { TokenServiceError } from './errors.js'
import { ACCOUNT, APPID, SECRET, rig } from './service.test-support.js'
import { FORCE_REFRESH_PER_DAY } from './service.js'
import { useTestStores } from './store/test-stores.test-support.js'

const S = 1000
const vclock = (r: { clock: unknown }) => r.clock as VirtualClock

/** Moves the virtual clock and lets the service finish whatever the timers started. */
async function advance(r: ReturnType<typeof rig>, ms: number): Promise<void> {
  await vclock(r).advanceAsync(ms)
  await r.service.idle()
}

describe.each(useTestStores())('token policy (%s store)', (_name, backing) => {
  it('serves the same stable token without calling WeChat until its last 5 minutes', async () => {
    const r = rig(await backing())
    const first = await r.service.accessToken(APPID)
    expect(r.tokenCalls()).toBe(1)
    expect(first.expiresAt).toBe(vclock(r).now() + 7200 * S)
    await advance(r, 6899 * S)
    expect(await r.service.accessToken(APPID)).toEqual(first)
    expect(r.tokenCalls()).toBe(1)
    // The timer fires at expiry - 300 s (jitter 0 here): normal mode now rotates the token.
    await advance(r, 1 * S)
    expect(r.tokenCalls()).toBe(2)
    const second = await r.service.accessToken(APPID)
    expect(second.value).not.toBe(first.value)
    expect(second.expiresAt).toBe(vclock(r).now() + 7200 * S)
    expect(await r.errcodeFor(second.value)).toBe(0)
    await r.service.close()
  })

  it('refreshes ahead of expiry on demand when timers are off, and jitter delays the start', async () => {
    const r = rig(await backing(), { activeTimers: false, random: () => 0.5, jitterMs: 60 * S })
    const first = await r.service.accessToken(APPID)
    await vclock(r).advanceAsync(6929 * S) // due at 7200 - 300 + 30 s of jitter
    expect((await r.service.accessToken(APPID)).value).toBe(first.value)
    await r.service.idle()
    expect(r.tokenCalls()).toBe(1)
    await vclock(r).advanceAsync(1 * S)
    // This caller still gets the current token; the refresh runs behind it.
    expect((await r.service.accessToken(APPID)).value).toBe(first.value)
    await r.service.idle()
    expect(r.tokenCalls()).toBe(2)
    expect((await r.service.accessToken(APPID)).value).not.toBe(first.value)
  })

  it('ignores a rejected-token report for a token that is no longer current', async () => {
    const r = rig(await backing())
    const current = await r.service.accessToken(APPID)
    const result = await r.service.invalidate(APPID, 'SOME-OLDER-TOKEN')
    expect(result).toEqual({ invalidated: false, current })
    expect(r.tokenCalls()).toBe(1)
  })

  it('force-refreshes only when WeChat hands back the very token reported rejected', async () => {
    const r = rig(await backing())
    const t1 = await r.service.accessToken(APPID)
    const forced = await r.service.invalidate(APPID, t1.value)
    expect(forced.invalidated).toBe(true)
    expect(forced.current.value).not.toBe(t1.value)
    // Normal mode answered t1 again, then force_refresh rotated it (and WeChat revoked t1).
    expect(r.tokenCalls()).toBe(3)
    expect(await r.errcodeFor(t1.value)).toBe(40001)
    expect(await r.errcodeFor(forced.current.value)).toBe(0)
    let status = await r.service.status(APPID)
    expect(status.forceRefresh.used).toBe(1)
    expect(status.refreshes[0]).toMatchObject({ trigger: 'rejected', outcome: 'forced' })

    // Someone else rotated the token meanwhile: normal mode already answers a new one.
    await vclock(r).advanceAsync(60 * S)
    const elsewhere = await r.emulator.fetch(
      new Request('https://api.weixin.qq.com/cgi-bin/stable_token', {
        method: 'POST',
        body: JSON.stringify({ appid: APPID, secret: SECRET, force_refresh: true }),
      }),
    )
    const t3 = ((await elsewhere.json()) as { access_token: string }).access_token
    const before = r.tokenCalls()
    const plain = await r.service.invalidate(APPID, forced.current.value)
    expect(plain).toEqual({ invalidated: true, current: expect.objectContaining({ value: t3 }) })
    expect(r.tokenCalls()).toBe(before + 1)
    status = await r.service.status(APPID)
    expect(status.forceRefresh.used).toBe(1)
    expect(status.refreshes[0]).toMatchObject({ trigger: 'rejected', outcome: 'ok' })
  })

  it('refreshes once when 50 callers on 3 instances report the same stale token', async () => {
    const r = rig(await backing())
    const instances = [r.service, r.another(), r.another()]
    const stale = (await r.service.accessToken(APPID)).value
    const before = r.tokenCalls()
    let settled = false
    const reporting = Promise.all(
      Array.from({ length: 50 }, (_, i) => instances[i % 3]!.invalidate(APPID, stale)),
    ).finally(() => (settled = true))
    // Instances that lose the lock wait on the (virtual) clock for the winner's result.
    for (let step = 0; !settled && step < 1000; step++) await vclock(r).advanceAsync(10)
    const reports = await reporting
    // One refresh for all of them: normal mode (WeChat hands back the same token), then one force.
    expect(r.tokenCalls() - before).toBe(2)
    const fresh = new Set(reports.map((report) => report.current.value))
    expect(fresh.size).toBe(1)
    expect(fresh.has(stale)).toBe(false)
    expect((await r.service.status(APPID)).forceRefresh.used).toBe(1)
    for (const instance of instances)
      expect((await instance.accessToken(APPID)).value).toBe([...fresh][0])
  })

  it('counts force refreshes in the store: 30 s apart and 20 a Beijing day across instances', async () => {
    const r = rig(await backing())
    const b = r.another()
    let token = (await r.service.accessToken(APPID)).value
    token = (await r.service.invalidate(APPID, token)).current.value // force 1
    await vclock(r).advanceAsync(10 * S)
    // Instance b is 10 s after a's force: WeChat's answer (the same token) is served again.
    const refused = await b.invalidate(APPID, token)
    expect(refused).toMatchObject({ invalidated: true, current: { value: token } })
    expect((await b.status(APPID)).refreshes[0]).toMatchObject({ outcome: 'force-refused' })
    expect(await r.service.accessToken(APPID)).toEqual(refused.current)
    for (let used = 2; used <= FORCE_REFRESH_PER_DAY; used++) {
      await vclock(r).advanceAsync(30 * S)
      const next = await (used % 2 ? r.service : b).invalidate(APPID, token)
      expect(next.current.value).not.toBe(token)
      token = next.current.value
    }
    expect((await r.service.status(APPID)).forceRefresh.used).toBe(20)
    await vclock(r).advanceAsync(30 * S)
    expect((await b.invalidate(APPID, token)).current.value).toBe(token)
    const calls = r.tokenCalls()
    // Beijing midnight (16:00 UTC on the default start day) resets the allowance.
    vclock(r).set(Date.UTC(2026, 0, 1, 16, 0, 0))
    token = (await r.service.accessToken(APPID)).value
    const tomorrow = await r.service.invalidate(APPID, token)
    expect(tomorrow.current.value).not.toBe(token)
    expect((await r.service.status(APPID)).forceRefresh).toMatchObject({
      day: '2026-01-02',
      used: 1,
    })
    // The old token had expired: one normal call for a new one, then normal + force.
    expect(r.tokenCalls()).toBe(calls + 3)
  })

  it('reports a wrong secret as a config error after exactly one WeChat call', async () => {
    const wrong = { ...ACCOUNT, secret: 'WrongWrongWrongWrongWrongWrong12' }
    const r = rig(await backing(), { accounts: [wrong] })
    const attempts = [
      r.service.accessToken(APPID),
      r.service.accessToken(APPID),
      r.service.jsapiTicket(APPID),
    ]
    for (const attempt of attempts) {
      await expect(attempt).rejects.toMatchObject({
        code: 'WX_TOKEN_CONFIG',
        status: 502,
        errcode: 40001,
      })
    }
    await expect(r.service.accessToken(APPID)).rejects.toBeInstanceOf(TokenServiceError)
    expect(r.tokenCalls()).toBe(1)
    expect(r.ticketCalls()).toBe(0)
    const status = await r.service.status(APPID)
    expect(status.credentials.access_token.failure).toMatchObject({
      kind: 'config',
      errcode: 40001,
    })

    // A corrected secret on another instance is used at once, not after the retry delay.
    const fixed = r.another({ accounts: [ACCOUNT] })
    expect((await fixed.accessToken(APPID)).value).toHaveLength(136)
    expect(r.tokenCalls()).toBe(2)
    for (const line of [...r.logs.map((l) => JSON.stringify(l)), JSON.stringify(status)]) {
      expect(line).not.toContain(SECRET)
      expect(line).not.toContain(wrong.secret)
    }
  })

  it('answers a malformed secret (40125) and a missing one as config errors too', async () => {
    const r = rig(await backing(), { accounts: [{ ...ACCOUNT, secret: 'short' }] })
    await expect(r.service.accessToken(APPID)).rejects.toMatchObject({ errcode: 40125 })
    const none = r.another({ accounts: [{ appid: APPID }] })
    await expect(none.jsapiTicket(APPID)).rejects.toMatchObject({ code: 'WX_TOKEN_CONFIG' })
    expect(r.tokenCalls()).toBe(1)
    await expect(r.service.accessToken('wx00000000000000ff')).rejects.toMatchObject({
      code: 'WX_TOKEN_UNKNOWN_ACCOUNT',
      status: 404,
    })
  })

  it('keeps serving a valid token while WeChat is down, retrying with doubling pauses', async () => {
    const r = rig(await backing())
    const t1 = await r.service.accessToken(APPID)
    r.emulator.state.faults.add('/cgi-bin/stable_token', 1000, { drop: true })
    await advance(r, 6900 * S) // due: the first try fails
    expect(r.tokenCalls()).toBe(2)
    const seen: number[] = []
    for (let i = 0; i < 6; i++) {
      expect(await r.service.accessToken(APPID)).toEqual(t1)
      seen.push(r.tokenCalls())
      await advance(r, 1 * S)
    }
    // Retries 1 s, 2 s, 4 s after each failure: at +1, +3 (and +7, after this loop).
    expect(seen).toEqual([2, 3, 3, 4, 4, 4])
    const status = await r.service.status(APPID)
    expect(status.credentials.access_token.failure).toMatchObject({ kind: 'upstream', attempts: 3 })
    r.emulator.state.faults.clear()
    await advance(r, 2 * S)
    const t2 = await r.service.accessToken(APPID)
    expect(t2.value).not.toBe(t1.value)
    expect((await r.service.status(APPID)).credentials.access_token.failure).toBeUndefined()
  })

  it('fails a caller with no usable token fast while WeChat errs, then recovers', async () => {
    const r = rig(await backing(), { activeTimers: false })
    r.emulator.state.faults.add('/cgi-bin/stable_token', 1, { errcode: -1 })
    await expect(r.service.accessToken(APPID)).rejects.toMatchObject({
      code: 'WX_TOKEN_UPSTREAM',
      status: 503,
      errcode: -1,
    })
    // Within the backoff nobody calls WeChat again.
    await expect(r.service.accessToken(APPID)).rejects.toMatchObject({ code: 'WX_TOKEN_UPSTREAM' })
    expect(r.tokenCalls()).toBe(1)
    await vclock(r).advanceAsync(1 * S)
    expect((await r.service.accessToken(APPID)).value).toHaveLength(136)
    expect(r.tokenCalls()).toBe(2)
    expect(r.service.metrics.total('wxmp_token_upstream_errors_total')).toBe(1)
  })

  it('fetches the jsapi_ticket with the token, caches it, and asks again only once it expires', async () => {
    const r = rig(await backing())
    const ticket = await r.service.jsapiTicket(APPID)
    expect(ticket.value).toHaveLength(86)
    expect(r.ticketCalls()).toBe(1)
    expect(await r.service.jsapiTicket(APPID)).toEqual(ticket)
    expect(r.ticketCalls()).toBe(1)
    // In its window WeChat hands back the cached ticket: one try, then nothing until it expires.
    await advance(r, 6900 * S)
    expect(r.ticketCalls()).toBe(2)
    await advance(r, 299 * S)
    expect(r.ticketCalls()).toBe(2)
    expect(await r.service.jsapiTicket(APPID)).toEqual(ticket)
    await advance(r, 1 * S)
    expect(r.ticketCalls()).toBe(3)
    expect((await r.service.jsapiTicket(APPID)).value).not.toBe(ticket.value)
    await r.service.close()
  })

  it('retires the access_token when getticket rejects it, and still answers a ticket', async () => {
    const r = rig(await backing())
    const t1 = await r.service.accessToken(APPID)
    r.emulator.state.faults.add('/cgi-bin/ticket/getticket', 1, { errcode: 40001 })
    const ticket = await r.service.jsapiTicket(APPID)
    expect(ticket.value).toHaveLength(86)
    expect(r.ticketCalls()).toBe(2)
    expect((await r.service.accessToken(APPID)).value).not.toBe(t1.value)
  })
})
