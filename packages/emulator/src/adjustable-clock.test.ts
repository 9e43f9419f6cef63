import { VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { AdjustableClock } from './adjustable-clock.js'

describe('AdjustableClock', () => {
  it('runs ahead of its base by every advance', () => {
    const base = new VirtualClock()
    const clock = new AdjustableClock(base)
    clock.advance(90_000)
    expect(clock.now() - base.now()).toBe(90_000)
    base.advance(1_000)
    expect(clock.now() - base.now()).toBe(90_000)
    expect(clock.offset).toBe(90_000)
  })

  it('fires the timers a jump passes, in due order, and leaves later ones to the base clock', () => {
    const base = new VirtualClock()
    const clock = new AdjustableClock(base)
    const fired: string[] = []
    clock.setTimeout(() => fired.push('b'), 2_000)
    clock.setTimeout(() => fired.push('a'), 1_000)
    clock.setTimeout(() => fired.push('c'), 10_000)
    clock.advance(5_000)
    expect(fired).toEqual(['a', 'b'])
    // The remaining timer is due 5 s later on the base clock, not 10 s.
    base.advance(4_999)
    expect(fired).toEqual(['a', 'b'])
    base.advance(1)
    expect(fired).toEqual(['a', 'b', 'c'])
    expect(base.pending()).toBe(0)
  })

  it('never fires a cleared timer and refuses to go back', () => {
    const base = new VirtualClock()
    const clock = new AdjustableClock(base)
    let fired = false
    const handle = clock.setTimeout(() => (fired = true), 1_000)
    clock.clearTimeout(handle)
    clock.advance(2_000)
    base.advance(2_000)
    expect(fired).toBe(false)
    expect(() => clock.advance(-1)).toThrow(RangeError)
  })
})
