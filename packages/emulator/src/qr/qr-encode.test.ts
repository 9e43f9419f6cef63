import { describe, expect, it } from 'vitest'
import {
  MAX_VERSION,
  blockLayout,
  encodeQr,
  formatBits,
  totalCodewords,
  versionBits,
} from './qr-encode.js'
import type { EcLevel } from './qr-encode.js'
import { reedSolomon } from './reed-solomon.js'

const bin = (value: number, width: number) => value.toString(2).padStart(width, '0')

describe('QR building blocks against the standard', () => {
  it('computes the published Reed-Solomon codewords of "HELLO WORLD" (1-M)', () => {
    // The data codewords of the well-known worked example and its 10 EC codewords.
    const data = [32, 91, 11, 120, 209, 114, 220, 77, 67, 64, 236, 17, 236, 17, 236, 17]
    expect([...reedSolomon(Uint8Array.from(data), 10)]).toEqual([
      196, 35, 39, 119, 235, 215, 231, 226, 93, 23,
    ])
  })

  it('derives the format information strings of the standard table', () => {
    const table: Record<EcLevel, string[]> = {
      L: [
        '111011111000100',
        '111001011110011',
        '111110110101010',
        '111100010011101',
        '110011000101111',
        '110001100011000',
        '110110001000001',
        '110100101110110',
      ],
      M: [
        '101010000010010',
        '101000100100101',
        '101111001111100',
        '101101101001011',
        '100010111111001',
        '100000011001110',
        '100111110010111',
        '100101010100000',
      ],
    }
    for (const level of ['L', 'M'] as const)
      for (let mask = 0; mask < 8; mask++)
        expect(bin(formatBits(level, mask), 15)).toBe(table[level][mask])
  })

  it('derives the version information strings of versions 7–10', () => {
    expect(bin(versionBits(7), 18)).toBe('000111110010010100')
    expect(bin(versionBits(8), 18)).toBe('001000010110111100')
    expect(bin(versionBits(9), 18)).toBe('001001101010011001')
    expect(bin(versionBits(10), 18)).toBe('001010010011010011')
  })

  it('has block tables that fill exactly the codewords each version holds', () => {
    // Versions 1, 5 and 10 hold 26, 134 and 346 codewords (the standard's capacity table).
    expect([1, 5, 10].map(totalCodewords)).toEqual([26, 134, 346])
    for (let version = 1; version <= MAX_VERSION; version++) {
      for (const level of ['L', 'M'] as const) {
        const { ec, data } = blockLayout(version, level)
        const sum = data.reduce((a, b) => a + b, 0) + ec * data.length
        expect(sum, `${version}-${level}`).toBe(totalCodewords(version))
      }
    }
  })
})

describe('encodeQr', () => {
  it('draws the ticket URL as a version-4 M symbol, module for module', () => {
    // Regression vector: this exact matrix, rendered by qr-image.ts, was read back as the URL
    // by the ZBar decoder (zbarimg 0.23.92) when the encoder was written.
    const matrix = encodeQr('http://weixin.qq.com/q/02wPFKBmPJfu21QQPIxycG')
    expect([matrix.version, matrix.size, matrix.ecLevel, matrix.mask]).toEqual([4, 33, 'M', 2])
    const rows: string[] = []
    for (let y = 0; y < matrix.size; y++) {
      let row = ''
      for (let x = 0; x < matrix.size; x++) row += matrix.dark(x, y) ? '#' : '.'
      rows.push(row)
    }
    expect(rows).toEqual([
      '#######.....#..##..###.##.#######',
      '#.....#..#..#..##.#.#.#.#.#.....#',
      '#.###.#.#..##.#....#####..#.###.#',
      '#.###.#.##.#......##.#.##.#.###.#',
      '#.###.#.#.#...###...#.....#.###.#',
      '#.....#.#.#..#....##..#...#.....#',
      '#######.#.#.#.#.#.#.#.#.#.#######',
      '........##..#...#..###.##........',
      '#.#####..#..###..###..#.#.#####..',
      '..##...#....##.#####..##.##..##.#',
      '.##..####.#..###.#..#.#.....#.##.',
      '..##...#..#.##..###.#...##..###.#',
      '.#....##.###..###..#######...#..#',
      '.#####...#..##.#.##..#.#.#...####',
      '#..#.#####..#..###..##...#.....#.',
      '.#.......##...##.....##.####.##..',
      '#.#...#####...##.##...####.###..#',
      '....##..#.#######..#####..##.##..',
      '#...#.#....##.##..#.##..#...#.##.',
      '#.#.#....#.#.###...####.#...###..',
      '.###.###.#..#..#..##.#.#.#...#...',
      '#.##...##...#####...####.....##.#',
      '#.....##..#..##...##.#..##...###.',
      '#.##.#..#.#..##.#.#####.##.#..##.',
      '#..##.###.....#.####...#######.##',
      '........#.####.###.##..##...#.##.',
      '#######...#...####..#.###.#.#.##.',
      '#.....#.###..#..####...##...#.##.',
      '#.###.#.#.###.###...###.######.##',
      '#.###.#.#.##.###..#....###.##.#.#',
      '#.###.#.#.#########.#.#...##.....',
      '#.....#..##...##..#..#.#..###.#..',
      '#######.##..#.####....####.###.#.',
    ])
  })

  it('has finder patterns, timing lines and the dark module where the standard puts them', () => {
    for (const text of ['a', 'x'.repeat(100), 'y'.repeat(200)]) {
      const m = encodeQr(text, 'L')
      const n = m.size
      for (const [ox, oy] of [
        [0, 0],
        [n - 7, 0],
        [0, n - 7],
      ] as const) {
        for (let d = 0; d < 7; d++) {
          expect(m.dark(ox + d, oy)).toBe(true)
          expect(m.dark(ox, oy + d)).toBe(true)
        }
        expect(m.dark(ox + 1, oy + 1)).toBe(false)
        expect(m.dark(ox + 3, oy + 3)).toBe(true)
      }
      for (let i = 8; i < n - 8; i++) {
        expect(m.dark(i, 6)).toBe(i % 2 === 0)
        expect(m.dark(6, i)).toBe(i % 2 === 0)
      }
      expect(m.dark(8, n - 8)).toBe(true)
    }
  })

  it('picks the smallest version that fits and refuses what exceeds version 10', () => {
    expect(encodeQr('x'.repeat(14)).version).toBe(1) // 1-M holds 14 bytes
    expect(encodeQr('x'.repeat(15)).version).toBe(2)
    expect(encodeQr('x'.repeat(271), 'L').version).toBe(10)
    expect(() => encodeQr('x'.repeat(272), 'L')).toThrow(RangeError)
  })
})
