import { describe, expect, it } from 'vitest'
import { SKEW_FAIL_MS, SKEW_WARN_MS, checkClock } from './check-clock.js'
import type { Probe } from './probe.js'

const NOW = Date.UTC(2026, 2, 1, 8, 0, 0)
const probe = (skewMs: number, date?: string): Probe => ({
  reachable: true,
  url: 'x',
  status: 200,
  date: date ?? new Date(NOW - skewMs).toUTCString(),
  localMs: NOW,
  elapsedMs: 20,
})

describe('checkClock', () => {
  it('passes a clock within a minute of the host', () => {
    expect(checkClock(probe(2_000), 'api').status).toBe('ok')
    expect(checkClock(probe(-SKEW_WARN_MS), 'api').status).toBe('ok')
  })

  it('warns above 60 s and says which way the clock is off', () => {
    const f = checkClock(probe(90_000), 'api')
    expect(f).toMatchObject({ check: 'clock', status: 'warn' })
    expect(f.message).toContain('90 s ahead of')
    expect(checkClock(probe(-90_000), 'api').message).toContain('90 s behind')
    expect(f.fix).toContain('NTP')
  })

  it('fails beyond the 300 s push window', () => {
    const f = checkClock(probe(SKEW_FAIL_MS + 5_000), 'api')
    expect(f.status).toBe('fail')
    expect(f.message).toContain('300 s')
  })

  it('skips when the host did not answer or sent no usable Date', () => {
    expect(
      checkClock({ reachable: false, url: 'x', error: 'timeout', elapsedMs: 1 }, 'api').status,
    ).toBe('skip')
    expect(checkClock(probe(0, 'yesterday'), 'api').status).toBe('skip')
  })
})
