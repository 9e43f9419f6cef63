import { systemClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, rig } from './service.test-support.js'
import { useTestStores } from './store/test-stores.test-support.js'

// Real time: what is tested here is instances racing each other on a shared store.
describe.each(useTestStores())('refresh across instances (%s store)', (_name, backing) => {
  it('makes exactly one WeChat call for 1,000 concurrent cold requests over 3 instances', async () => {
    const r = rig(await backing(), { clock: systemClock, activeTimers: false })
    const instances = [r.service, r.another(), r.another()]
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        i % 7 === 0 ? instances[i % 3]!.jsapiTicket(APPID) : instances[i % 3]!.accessToken(APPID),
      ),
    )
    expect(r.tokenCalls()).toBe(1)
    expect(r.ticketCalls()).toBe(1)
    const tokens = new Set(answers.filter((_, i) => i % 7 !== 0).map((a) => a.value))
    const tickets = new Set(answers.filter((_, i) => i % 7 === 0).map((a) => a.value))
    expect(tokens.size).toBe(1)
    expect(tickets.size).toBe(1)
    const hits = instances.map((s) => s.metrics.total('wxmp_token_refreshes_total'))
    expect(hits.reduce((a, b) => a + b)).toBe(2) // one token and one ticket refresh in all
  })

  it('is delayed by a dead lock holder only until its lease runs out', async () => {
    const open = await backing()
    const r = rig(open, {
      clock: systemClock,
      activeTimers: false,
      lock: { ttlMs: 300 },
      upstreamTimeoutMs: 200,
      waitTimeoutMs: 2_000,
    })
    // A holder that took the lock and died: it never releases.
    expect(await open().acquire(APPID, 'access_token', 'dead', 300, Date.now())).toBeDefined()
    const started = Date.now()
    const token = await r.service.accessToken(APPID)
    const waited = Date.now() - started
    expect(token.value).toHaveLength(136)
    expect(waited).toBeGreaterThanOrEqual(250)
    expect(waited).toBeLessThan(1_500)
    expect(r.tokenCalls()).toBe(1)
    expect(r.service.metrics.total('wxmp_token_lock_waits_total')).toBeGreaterThan(0)
  })

  it('fails a caller with a timeout, not a hang, when the lock outlives its wait', async () => {
    const open = await backing()
    const r = rig(open, {
      clock: systemClock,
      activeTimers: false,
      lock: { ttlMs: 100 },
      upstreamTimeoutMs: 50,
      waitTimeoutMs: 300,
    })
    // Taken by something configured with a far longer lease than this instance's wait.
    await open().acquire(APPID, 'access_token', 'stuck', 5_000, Date.now())
    await expect(r.service.accessToken(APPID)).rejects.toMatchObject({
      code: 'WX_TOKEN_TIMEOUT',
      status: 503,
    })
    expect(r.tokenCalls()).toBe(0)
  })

  it('keeps the newer token when a holder whose lease ran out writes late', async () => {
    const open = await backing()
    const r = rig(open, {
      clock: systemClock,
      activeTimers: false,
      lock: { ttlMs: 200 },
      upstreamTimeoutMs: 100,
      waitTimeoutMs: 2_000,
    })
    const zombie = open()
    const fence = (await zombie.acquire(APPID, 'access_token', 'zombie', 200, Date.now()))!
    const fresh = await r.service.accessToken(APPID) // waits out the lease, then refreshes
    const late = {
      credential: {
        value: 'LATE-AND-STALE',
        expiresAt: Date.now() + 7_200_000,
        fetchedAt: Date.now(),
        source: 'stable' as const,
        rejected: false,
      },
    }
    expect(await zombie.write(APPID, 'access_token', late, fence)).toBe(false)
    expect(await r.service.accessToken(APPID)).toEqual(fresh)
  })
})
