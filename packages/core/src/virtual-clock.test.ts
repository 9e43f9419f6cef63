import { describe, expect, it } from 'vitest'
import { unixSeconds } from './clock.js'
import { VirtualClock } from './virtual-clock.js'

const START = Date.UTC(2026, 0, 1)

describe('VirtualClock', () => {
  it('starts at 2026-01-01T00:00:00Z unless told otherwise, and stands still', () => {
    const clock = new VirtualClock()
    expect(clock.now()).toBe(START)
    expect(new VirtualClock(1714036504000).now()).toBe(1714036504000)
    expect(unixSeconds(new VirtualClock(1714036504999))).toBe(1714036504)
    expect(clock.now()).toBe(START)
  })

  it('fires due timers in time order, with now() at each timer time', () => {
    const clock = new VirtualClock()
    const fired: [string, number][] = []
    clock.setTimeout(() => fired.push(['c', clock.now() - START]), 300)
    clock.setTimeout(() => fired.push(['a', clock.now() - START]), 100)
    clock.setTimeout(() => fired.push(['b', clock.now() - START]), 200)
    clock.advance(250)
    expect(fired).toEqual([
      ['a', 100],
      ['b', 200],
    ])
    expect(clock.now()).toBe(START + 250)
    expect(clock.pending()).toBe(1)
  })

  it('fires timers due at the same time in the order they were scheduled', () => {
    const clock = new VirtualClock()
    const fired: string[] = []
    for (const name of ['first', 'second', 'third']) clock.setTimeout(() => fired.push(name), 50)
    clock.advance(50)
    expect(fired).toEqual(['first', 'second', 'third'])
  })

  it('fires timers scheduled by a firing timer when they fall inside the window', () => {
    const clock = new VirtualClock()
    const fired: number[] = []
    const tick = () => {
      fired.push(clock.now() - START)
      clock.setTimeout(tick, 1000)
    }
    clock.setTimeout(tick, 1000)
    clock.advance(3500)
    expect(fired).toEqual([1000, 2000, 3000])
    expect(clock.pending()).toBe(1)
    clock.advance(500)
    expect(fired).toEqual([1000, 2000, 3000, 4000])
  })

  it('does not fire a cleared timer, and ignores clearing an unknown or fired one', () => {
    const clock = new VirtualClock()
    let fired = 0
    const handle = clock.setTimeout(() => fired++, 10)
    const other = clock.setTimeout(() => fired++, 20)
    clock.clearTimeout(handle)
    expect(clock.pending()).toBe(1)
    clock.advance(100)
    expect(fired).toBe(1)
    clock.clearTimeout(other)
    clock.clearTimeout({})
    expect(clock.pending()).toBe(0)
  })

  it('treats a negative delay as due now', () => {
    const clock = new VirtualClock()
    let fired = false
    clock.setTimeout(() => (fired = true), -5)
    clock.advance(0)
    expect(fired).toBe(true)
    expect(clock.now()).toBe(START)
  })

  it('lets async code react to one timer before the next one fires', async () => {
    const clock = new VirtualClock()
    const sleep = (ms: number) => new Promise<void>((resolve) => clock.setTimeout(resolve, ms))
    const attempts: number[] = []
    const retryLoop = async () => {
      for (let i = 0; i < 3; i++) {
        attempts.push(clock.now() - START)
        await sleep(1000 * 2 ** i)
      }
      attempts.push(clock.now() - START)
    }
    const done = retryLoop()
    await clock.advanceAsync(10_000)
    await done
    expect(attempts).toEqual([0, 1000, 3000, 7000])
    expect(clock.now()).toBe(START + 10_000)
  })

  it('with plain advance, leaves timers scheduled after an await for the next advance', async () => {
    const clock = new VirtualClock()
    const fired: number[] = []
    const chain = async () => {
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 100))
      clock.setTimeout(() => fired.push(clock.now() - START), 100)
    }
    const done = chain()
    clock.advance(500)
    await done
    expect(fired).toEqual([])
    clock.advance(100)
    expect(fired).toEqual([600])
  })

  it('set() moves the wall clock without firing or shifting timers', () => {
    const clock = new VirtualClock()
    let fired = 0
    clock.setTimeout(() => fired++, 5000)
    clock.set(Date.UTC(2030, 5, 1))
    expect(clock.now()).toBe(Date.UTC(2030, 5, 1))
    expect(fired).toBe(0)
    clock.advance(4999)
    expect(fired).toBe(0)
    clock.advance(1)
    expect(fired).toBe(1)
    expect(clock.now()).toBe(Date.UTC(2030, 5, 1) + 5000)
  })

  it('propagates an exception from a timer and keeps later timers pending', () => {
    const clock = new VirtualClock()
    let later = false
    clock.setTimeout(() => {
      throw new Error('boom')
    }, 10)
    clock.setTimeout(() => (later = true), 20)
    expect(() => clock.advance(100)).toThrow('boom')
    expect(clock.now()).toBe(START + 10)
    expect(later).toBe(false)
    clock.advance(90)
    expect(later).toBe(true)
  })
})
