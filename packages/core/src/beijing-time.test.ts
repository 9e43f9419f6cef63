import { describe, expect, it } from 'vitest'
import { beijingDay, beijingMonth, untilBeijingMidnight } from './beijing-time.js'

describe('Beijing calendar keys', () => {
  it('turn the day at 16:00 UTC, Beijing midnight, in both directions', () => {
    const midnight = Date.UTC(2026, 10, 21, 16) // 2026-11-22 00:00 in Beijing
    expect(beijingDay(midnight - 1)).toBe('2026-11-21')
    expect(beijingDay(midnight)).toBe('2026-11-22')
    // Asked out of order (the cache must not answer a later day for an earlier instant).
    expect(beijingDay(midnight - 1)).toBe('2026-11-21')
    expect(beijingMonth(Date.UTC(2026, 10, 30, 16))).toBe('2026-12')
    expect(untilBeijingMidnight(midnight - 1)).toBe(1)
    expect(untilBeijingMidnight(midnight)).toBe(24 * 3600_000)
  })
})
