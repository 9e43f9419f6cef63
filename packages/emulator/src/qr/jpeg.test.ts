import { describe, expect, it } from 'vitest'
import { AC_BITS, AC_VALUES, DC_BITS, DC_VALUES, ZIGZAG, encodeJpeg } from './jpeg.js'

/** The markers of a JPEG up to SOS with their payloads, and where the entropy-coded data starts. */
function segments(jpeg: Uint8Array): Map<number, Uint8Array> & { dataStart: number } {
  const found = Object.assign(new Map<number, Uint8Array>(), { dataStart: 0 })
  let at = 2
  while (at < jpeg.length) {
    expect(jpeg[at]).toBe(0xff)
    const marker = jpeg[at + 1]!
    const length = (jpeg[at + 2]! << 8) | jpeg[at + 3]!
    found.set(marker, jpeg.subarray(at + 4, at + 2 + length))
    at += 2 + length
    if (marker === 0xda) break
  }
  found.dataStart = at
  return found
}

describe('encodeJpeg', () => {
  it('uses complete standard Huffman tables and the zigzag order', () => {
    expect([...DC_BITS].reduce<number>((a, b) => a + b, 0)).toBe(DC_VALUES.length)
    expect([...AC_BITS].reduce<number>((a, b) => a + b, 0)).toBe(AC_VALUES.length)
    // Every (run, size) symbol plus EOB and ZRL, each once.
    const symbols = [0x00, 0xf0]
    for (let run = 0; run < 16; run++)
      for (let size = 1; size <= 10; size++) symbols.push((run << 4) | size)
    expect([...AC_VALUES].sort((a, b) => a - b)).toEqual(symbols.sort((a, b) => a - b))
    expect(ZIGZAG.slice(0, 10)).toEqual([0, 1, 8, 16, 9, 2, 3, 10, 17, 24])
    expect([...ZIGZAG].sort((a, b) => a - b)).toEqual(Array.from({ length: 64 }, (_, i) => i))
  })

  it('writes a baseline JFIF file: SOI, DQT, SOF0 with the size, DHT, SOS, EOI', () => {
    const width = 20
    const height = 12
    const pixels = Uint8Array.from({ length: width * height }, (_, i) => (i * 37) % 256)
    const jpeg = encodeJpeg({ width, height, pixels })
    expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8])
    expect([jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd9])
    const found = segments(jpeg)
    expect([...found.keys()]).toEqual([0xe0, 0xdb, 0xc0, 0xc4, 0xda])
    const sof = found.get(0xc0)!
    expect(sof[0]).toBe(8) // sample precision
    expect((sof[1]! << 8) | sof[2]!).toBe(height)
    expect((sof[3]! << 8) | sof[4]!).toBe(width)
    expect(sof[5]).toBe(1) // one (grayscale) component
  })

  it('stuffs every 0xFF of the entropy-coded data', () => {
    const pixels = Uint8Array.from({ length: 64 * 64 }, (_, i) => ((i * 7919) >> 3) % 256)
    const jpeg = encodeJpeg({ width: 64, height: 64, pixels })
    const data = jpeg.subarray(segments(jpeg).dataStart, jpeg.length - 2)
    let stuffed = 0
    for (let i = 0; i < data.length; i++) {
      if (data[i] !== 0xff) continue
      expect(data[i + 1]).toBe(0)
      stuffed++
    }
    expect(stuffed).toBeGreaterThan(0)
  })

  it('refuses an empty image', () => {
    expect(() => encodeJpeg({ width: 0, height: 8, pixels: new Uint8Array() })).toThrow(RangeError)
  })
})
