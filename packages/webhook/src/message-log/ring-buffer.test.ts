import { describe, expect, it } from 'vitest'
import { RingBuffer } from './ring-buffer.js'

function contents<T>(ring: RingBuffer<T>): T[] {
  const out: T[] = []
  for (let i = 0; i < ring.size; i++) out.push(ring.peek(i)!)
  return out
}

describe('RingBuffer', () => {
  it('hands items back oldest first', () => {
    const ring = new RingBuffer<number>(4)
    for (const n of [1, 2, 3]) expect(ring.push(n)).toBe(false)
    expect(contents(ring)).toEqual([1, 2, 3])
    expect(ring.peek(3)).toBeUndefined()
    expect(ring.peek(-1)).toBeUndefined()
  })

  it('evicts the oldest item when pushed while full, and says so', () => {
    const ring = new RingBuffer<number>(3)
    for (const n of [1, 2, 3]) ring.push(n)
    expect(ring.push(4)).toBe(true)
    expect(ring.push(5)).toBe(true)
    expect(contents(ring)).toEqual([3, 4, 5])
  })

  it('discards the oldest items, and everything when asked for more than it holds', () => {
    const ring = new RingBuffer<number>(4)
    for (const n of [1, 2, 3, 4]) ring.push(n)
    ring.discard(2)
    ring.push(5)
    ring.push(6)
    expect(contents(ring)).toEqual([3, 4, 5, 6])
    ring.discard(10)
    expect(ring.size).toBe(0)
    ring.push(7)
    expect(contents(ring)).toEqual([7])
  })

  it('grows its storage up to capacity without losing order across the wrap point', () => {
    const ring = new RingBuffer<number>(5000)
    for (let n = 0; n < 1000; n++) ring.push(n)
    ring.discard(500) // head is now mid-array, so the next pushes wrap before growing
    for (let n = 1000; n < 5500; n++) ring.push(n)
    expect(ring.size).toBe(5000)
    expect(contents(ring)).toEqual(Array.from({ length: 5000 }, (_, i) => i + 500))
  })

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new RingBuffer(0)).toThrow(RangeError)
    expect(() => new RingBuffer(1.5)).toThrow(RangeError)
  })
})
