/**
 * A small QR Code encoder (ISO/IEC 18004 model 2), enough for `showqrcode` to draw the ticket's
 * `url`: byte mode only, error-correction level L or M, versions 1–10 (up to 271 bytes at L).
 * Written for the emulator from the standard's rules; the smallest version that fits is chosen
 * and the mask with the lowest penalty score, as the standard asks.
 */
import { reedSolomon } from './reed-solomon.js'

/** The error-correction levels supported here (L recovers ~7 %, M ~15 %). */
export type EcLevel = 'L' | 'M'

/** A square of modules, row-major; `true` is dark. */
export interface QrMatrix {
  readonly version: number
  readonly size: number
  readonly mask: number
  readonly ecLevel: EcLevel
  /** Whether the module in row `y`, column `x` is dark. */
  dark(x: number, y: number): boolean
}

/** The highest version this encoder draws. */
export const MAX_VERSION = 10

// Per version 1–10: EC codewords per block, then [block count, data codewords] groups.
type Blocks = readonly [ecPerBlock: number, groups: readonly (readonly [number, number])[]]
const BLOCKS: Readonly<Record<EcLevel, readonly Blocks[]>> = {
  L: [
    [7, [[1, 19]]],
    [10, [[1, 34]]],
    [15, [[1, 55]]],
    [20, [[1, 80]]],
    [26, [[1, 108]]],
    [18, [[2, 68]]],
    [20, [[2, 78]]],
    [24, [[2, 97]]],
    [30, [[2, 116]]],
    [
      18,
      [
        [2, 68],
        [2, 69],
      ],
    ],
  ],
  M: [
    [10, [[1, 16]]],
    [16, [[1, 28]]],
    [26, [[1, 44]]],
    [18, [[2, 32]]],
    [24, [[2, 43]]],
    [16, [[4, 27]]],
    [18, [[4, 31]]],
    [
      22,
      [
        [2, 38],
        [2, 39],
      ],
    ],
    [
      22,
      [
        [3, 36],
        [2, 37],
      ],
    ],
    [
      26,
      [
        [4, 43],
        [1, 44],
      ],
    ],
  ],
}

// Centre coordinates of the alignment patterns, versions 2–10 (version 1 has none).
const ALIGNMENT: readonly (readonly number[])[] = [
  [],
  [6, 18],
  [6, 22],
  [6, 26],
  [6, 30],
  [6, 34],
  [6, 22, 38],
  [6, 24, 42],
  [6, 26, 46],
  [6, 28, 50],
]

// The two format bits of each level (the standard's odd order: L=01, M=00).
const LEVEL_BITS: Readonly<Record<EcLevel, number>> = { L: 1, M: 0 }

/** The data blocks of `version` at `level`: EC codewords per block and each block's data size. */
export function blockLayout(version: number, level: EcLevel): { ec: number; data: number[] } {
  const entry = BLOCKS[level][version - 1]
  if (!entry) throw new RangeError(`QR version ${version} is not supported`)
  const [ec, groups] = entry
  return { ec, data: groups.flatMap(([count, size]) => Array<number>(count).fill(size)) }
}

/** Codewords a version holds in all (data + EC), from its module count. */
export function totalCodewords(version: number): number {
  let modules = (16 * version + 128) * version + 64
  if (version >= 2) {
    const align = Math.floor(version / 7) + 2
    modules -= (25 * align - 10) * align - 55
    if (version >= 7) modules -= 36
  }
  return Math.floor(modules / 8)
}

/** The 15 format bits for a level and mask: BCH(15,5) then the fixed XOR 0x5412. */
export function formatBits(level: EcLevel, mask: number): number {
  const data = (LEVEL_BITS[level] << 3) | mask
  let rest = data << 10
  for (let bit = 14; bit >= 10; bit--) if ((rest >> bit) & 1) rest ^= 0x537 << (bit - 10)
  return ((data << 10) | rest) ^ 0x5412
}

/** The 18 version bits (versions 7+): BCH(18,6) with generator 0x1F25. */
export function versionBits(version: number): number {
  let rest = version << 12
  for (let bit = 17; bit >= 12; bit--) if ((rest >> bit) & 1) rest ^= 0x1f25 << (bit - 12)
  return (version << 12) | rest
}

/** Byte-mode payload of `version`, terminated and padded to the data capacity. */
function dataCodewords(bytes: Uint8Array, version: number, capacity: number): Uint8Array {
  const bits: number[] = []
  const push = (value: number, length: number): void => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1)
  }
  push(0b0100, 4)
  push(bytes.length, version <= 9 ? 8 : 16)
  for (const byte of bytes) push(byte, 8)
  push(0, Math.min(4, capacity * 8 - bits.length))
  while (bits.length % 8 !== 0) bits.push(0)
  const out = new Uint8Array(capacity)
  for (let i = 0; i < bits.length / 8; i++) {
    let byte = 0
    for (let j = 0; j < 8; j++) byte = (byte << 1) | (bits[i * 8 + j] ?? 0)
    out[i] = byte
  }
  // Pad bytes alternate 0xEC, 0x11.
  for (let i = bits.length / 8, pad = 0; i < capacity; i++, pad ^= 1) out[i] = pad ? 0x11 : 0xec
  return out
}

/** Splits data into blocks, adds each block's EC, and interleaves them as the standard orders. */
export function interleave(data: Uint8Array, version: number, level: EcLevel): Uint8Array {
  const { ec, data: sizes } = blockLayout(version, level)
  const blocks: Uint8Array[] = []
  let offset = 0
  for (const size of sizes) {
    blocks.push(data.subarray(offset, offset + size))
    offset += size
  }
  const ecBlocks = blocks.map((block) => reedSolomon(block, ec))
  const out: number[] = []
  const longest = Math.max(...sizes)
  for (let i = 0; i < longest; i++)
    for (const block of blocks) if (i < block.length) out.push(block[i] ?? 0)
  for (let i = 0; i < ec; i++) for (const block of ecBlocks) out.push(block[i] ?? 0)
  return Uint8Array.from(out)
}

/** Modules being drawn: values plus which ones belong to function patterns. */
class Grid {
  readonly size: number
  readonly value: Uint8Array
  readonly reserved: Uint8Array

  constructor(size: number) {
    this.size = size
    this.value = new Uint8Array(size * size)
    this.reserved = new Uint8Array(size * size)
  }

  get(x: number, y: number): number {
    return this.value[y * this.size + x] ?? 0
  }

  /** Sets a function module (never masked, never holds data). */
  fix(x: number, y: number, dark: boolean): void {
    this.value[y * this.size + x] = dark ? 1 : 0
    this.reserved[y * this.size + x] = 1
  }

  isReserved(x: number, y: number): boolean {
    return this.reserved[y * this.size + x] === 1
  }
}

function drawFinder(grid: Grid, cx: number, cy: number): void {
  // 7×7 rings plus the light separator around them; clipped at the symbol's edge.
  for (let dy = -4; dy <= 4; dy++) {
    for (let dx = -4; dx <= 4; dx++) {
      const x = cx + dx
      const y = cy + dy
      if (x < 0 || y < 0 || x >= grid.size || y >= grid.size) continue
      const ring = Math.max(Math.abs(dx), Math.abs(dy))
      grid.fix(x, y, ring !== 2 && ring !== 4)
    }
  }
}

function drawAlignment(grid: Grid, cx: number, cy: number): void {
  for (let dy = -2; dy <= 2; dy++) {
    for (let dx = -2; dx <= 2; dx++)
      grid.fix(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1)
  }
}

/** Writes the format bits (both copies) for `level` and `mask`. */
function drawFormat(grid: Grid, level: EcLevel, mask: number): void {
  const bits = formatBits(level, mask)
  const bit = (i: number): boolean => ((bits >> i) & 1) === 1
  const n = grid.size
  // Around the top-left finder: down column 8, then left along row 8 (skipping the timing line).
  for (let i = 0; i <= 5; i++) grid.fix(8, i, bit(i))
  grid.fix(8, 7, bit(6))
  grid.fix(8, 8, bit(7))
  grid.fix(7, 8, bit(8))
  for (let i = 9; i < 15; i++) grid.fix(14 - i, 8, bit(i))
  // Second copy: along row 8 at the right, then down column 8 at the bottom.
  for (let i = 0; i < 8; i++) grid.fix(n - 1 - i, 8, bit(i))
  for (let i = 8; i < 15; i++) grid.fix(8, n - 15 + i, bit(i))
  grid.fix(8, n - 8, true) // the dark module
}

function drawVersion(grid: Grid, version: number): void {
  if (version < 7) return
  const bits = versionBits(version)
  for (let i = 0; i < 18; i++) {
    const dark = ((bits >> i) & 1) === 1
    const a = grid.size - 11 + (i % 3)
    const b = Math.floor(i / 3)
    grid.fix(a, b, dark)
    grid.fix(b, a, dark)
  }
}

function drawFunctionPatterns(grid: Grid, version: number): void {
  const n = grid.size
  for (let i = 0; i < n; i++) {
    grid.fix(6, i, i % 2 === 0)
    grid.fix(i, 6, i % 2 === 0)
  }
  drawFinder(grid, 3, 3)
  drawFinder(grid, n - 4, 3)
  drawFinder(grid, 3, n - 4)
  const centres = ALIGNMENT[version - 1] ?? []
  const last = centres.length - 1
  centres.forEach((cy, i) =>
    centres.forEach((cx, j) => {
      // Skip the three corners the finders occupy.
      if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return
      drawAlignment(grid, cx, cy)
    }),
  )
  // Reserve the format areas now (real bits come with the mask) and draw the version blocks.
  drawFormat(grid, 'L', 0)
  drawVersion(grid, version)
}

/** Places the codewords' bits in the zigzag order, two columns at a time, right to left. */
function drawCodewords(grid: Grid, codewords: Uint8Array): void {
  const n = grid.size
  let index = 0
  for (let right = n - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5 // the vertical timing line is skipped whole
    const upward = ((right + 1) & 2) === 0
    for (let step = 0; step < n; step++) {
      const y = upward ? n - 1 - step : step
      for (let j = 0; j < 2; j++) {
        const x = right - j
        if (grid.isReserved(x, y)) continue
        const byte = codewords[index >> 3] ?? 0
        // Past the last codeword (remainder bits) the module stays light.
        grid.value[y * n + x] = index < codewords.length * 8 ? (byte >> (7 - (index & 7))) & 1 : 0
        index++
      }
    }
  }
}

/** Whether mask `mask` inverts the module at column x, row y. */
export function maskHits(mask: number, x: number, y: number): boolean {
  switch (mask) {
    case 0:
      return (x + y) % 2 === 0
    case 1:
      return y % 2 === 0
    case 2:
      return x % 3 === 0
    case 3:
      return (x + y) % 3 === 0
    case 4:
      return (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0
    case 5:
      return ((x * y) % 2) + ((x * y) % 3) === 0
    case 6:
      return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0
    default:
      return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0
  }
}

function applyMask(grid: Grid, mask: number): void {
  for (let y = 0; y < grid.size; y++) {
    for (let x = 0; x < grid.size; x++) {
      if (!grid.isReserved(x, y) && maskHits(mask, x, y))
        grid.value[y * grid.size + x] = grid.get(x, y) ^ 1
    }
  }
}

const FINDER_LIKE = [
  [1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0],
  [0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1],
] as const

/** The standard's penalty score (rules N1–N4); the mask with the lowest one is used. */
export function penalty(size: number, get: (x: number, y: number) => number): number {
  let score = 0
  for (const transpose of [false, true]) {
    const at = transpose ? (a: number, b: number) => get(b, a) : get
    for (let b = 0; b < size; b++) {
      // N1: runs of five or more of one colour.
      let run = 1
      for (let a = 1; a <= size; a++) {
        if (a < size && at(a, b) === at(a - 1, b)) run++
        else {
          if (run >= 5) score += run - 2
          run = 1
        }
      }
      // N3: a finder-like 1:1:3:1:1 pattern with four light modules on one side.
      for (let a = 0; a + 11 <= size; a++) {
        for (const pattern of FINDER_LIKE) {
          if (pattern.every((value, k) => at(a + k, b) === value)) score += 40
        }
      }
    }
  }
  let dark = 0
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const v = get(x, y)
      dark += v
      // N2: 2×2 blocks of one colour.
      if (
        x + 1 < size &&
        y + 1 < size &&
        v === get(x + 1, y) &&
        v === get(x, y + 1) &&
        v === get(x + 1, y + 1)
      )
        score += 3
    }
  }
  // N4: 10 points per 5 % the dark share strays from 50 %.
  score += Math.floor(Math.abs((dark * 100) / (size * size) - 50) / 5) * 10
  return score
}

/** The smallest version (and level, M preferred) whose data capacity holds `length` bytes. */
function chooseVersion(length: number, level: EcLevel): number {
  for (let version = 1; version <= MAX_VERSION; version++) {
    const capacity = blockLayout(version, level).data.reduce((a, b) => a + b, 0)
    const headerBits = 4 + (version <= 9 ? 8 : 16)
    if (headerBits + length * 8 <= capacity * 8) return version
  }
  throw new RangeError(`${length} bytes do not fit a version-${MAX_VERSION} QR code`)
}

/** Encodes `text` (UTF-8, byte mode) as a QR matrix at `level` (M unless told). */
export function encodeQr(text: string, level: EcLevel = 'M', forceMask?: number): QrMatrix {
  const bytes = new TextEncoder().encode(text)
  const version = chooseVersion(bytes.length, level)
  const capacity = blockLayout(version, level).data.reduce((a, b) => a + b, 0)
  const codewords = interleave(dataCodewords(bytes, version, capacity), version, level)
  const size = 17 + 4 * version
  const base = new Grid(size)
  drawFunctionPatterns(base, version)
  drawCodewords(base, codewords)

  let best: { grid: Grid; mask: number; score: number } | undefined
  for (let mask = 0; mask < 8; mask++) {
    if (forceMask !== undefined && mask !== forceMask) continue
    const grid = new Grid(size)
    grid.value.set(base.value)
    grid.reserved.set(base.reserved)
    applyMask(grid, mask)
    drawFormat(grid, level, mask)
    const score = penalty(size, (x, y) => grid.get(x, y))
    if (!best || score < best.score) best = { grid, mask, score }
  }
  if (!best) throw new RangeError(`mask ${forceMask} does not exist`)
  const { grid, mask } = best
  return { version, size, mask, ecLevel: level, dark: (x, y) => grid.get(x, y) === 1 }
}
