/**
 * A minimal baseline JPEG encoder (ITU T.81): one grayscale component, the standard luminance
 * quantization table and the standard (Annex K) Huffman tables, no subsampling, no restart
 * markers. Enough for `showqrcode` to answer a real JPEG without a dependency.
 */

/** A grayscale image: `width × height` bytes, row-major, 0 black … 255 white. */
export interface GrayImage {
  readonly width: number
  readonly height: number
  readonly pixels: Uint8Array
}

// Annex K.1, luminance, in natural (row-major) order.
const QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56,
  14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113,
  92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
] as const

/** Code counts per length 1–16 and the symbols, Annex K.3 (DC and AC luminance). */
export const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0] as const
export const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const
export const AC_BITS = [0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7d] as const
// prettier-ignore
export const AC_VALUES = [
  0x01, 0x02, 0x03, 0x00, 0x04, 0x11, 0x05, 0x12, 0x21, 0x31, 0x41, 0x06, 0x13, 0x51, 0x61, 0x07,
  0x22, 0x71, 0x14, 0x32, 0x81, 0x91, 0xa1, 0x08, 0x23, 0x42, 0xb1, 0xc1, 0x15, 0x52, 0xd1, 0xf0,
  0x24, 0x33, 0x62, 0x72, 0x82, 0x09, 0x0a, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x28,
  0x29, 0x2a, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3a, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
  0x4a, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69,
  0x6a, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89,
  0x8a, 0x92, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98, 0x99, 0x9a, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7,
  0xa8, 0xa9, 0xaa, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8, 0xb9, 0xba, 0xc2, 0xc3, 0xc4, 0xc5,
  0xc6, 0xc7, 0xc8, 0xc9, 0xca, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0xda, 0xe1, 0xe2,
  0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0xea, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8,
  0xf9, 0xfa,
] as const

/** The zigzag scan: ZIGZAG[k] is the natural index of the k-th coefficient sent. */
export const ZIGZAG: readonly number[] = (() => {
  const order: number[] = []
  for (let sum = 0; sum < 15; sum++) {
    const cells: number[] = []
    for (let row = Math.max(0, sum - 7); row <= Math.min(7, sum); row++)
      cells.push(row * 8 + sum - row)
    // Even diagonals run up and to the right (row falling), odd ones down and to the left.
    order.push(...(sum % 2 === 0 ? cells.reverse() : cells))
  }
  return order
})()

interface Code {
  readonly code: number
  readonly length: number
}

/** Canonical Huffman codes from the counts per length (T.81 Annex C). */
function huffmanCodes(bits: readonly number[], values: readonly number[]): Map<number, Code> {
  const codes = new Map<number, Code>()
  let code = 0
  let k = 0
  for (let length = 1; length <= 16; length++) {
    for (let i = 0; i < (bits[length - 1] ?? 0); i++) {
      codes.set(values[k++] ?? 0, { code: code++, length })
    }
    code <<= 1
  }
  return codes
}

const DC_CODES = huffmanCodes(DC_BITS, DC_VALUES)
const AC_CODES = huffmanCodes(AC_BITS, AC_VALUES)

// cos((2x + 1)uπ / 16), scaled by C(u)/2, for the separable forward DCT.
const COS: readonly number[] = Array.from({ length: 64 }, (_, i) => {
  const u = i >> 3
  const x = i & 7
  return ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16)
})

/** The bytes of the entropy-coded segment, with 0xFF stuffing. */
class BitWriter {
  readonly bytes: number[] = []
  #buffer = 0
  #count = 0

  write(value: number, length: number): void {
    for (let i = length - 1; i >= 0; i--) {
      this.#buffer = (this.#buffer << 1) | ((value >> i) & 1)
      if (++this.#count === 8) this.#flushByte()
    }
  }

  /** Pads the last byte with 1 bits, as T.81 asks. */
  finish(): void {
    while (this.#count !== 0) this.write(1, 1)
  }

  #flushByte(): void {
    this.bytes.push(this.#buffer)
    if (this.#buffer === 0xff) this.bytes.push(0)
    this.#buffer = 0
    this.#count = 0
  }
}

/** Magnitude category: the number of bits of |value|. */
function category(value: number): number {
  let size = 0
  for (let v = Math.abs(value); v > 0; v >>= 1) size++
  return size
}

/** The bits after a Huffman code: the value itself, or its one's complement when negative. */
function amplitude(value: number, size: number): number {
  return value >= 0 ? value : value + (1 << size) - 1
}

function emit(writer: BitWriter, codes: Map<number, Code>, symbol: number): void {
  const entry = codes.get(symbol)
  if (!entry) throw new Error(`no Huffman code for symbol ${symbol}`)
  writer.write(entry.code, entry.length)
}

/** The quantized coefficients of the 8×8 block at (bx, by), edges replicated. */
function quantizedBlock(image: GrayImage, bx: number, by: number): Int32Array {
  const block = new Float64Array(64)
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      const px = Math.min(image.width - 1, bx + x)
      const py = Math.min(image.height - 1, by + y)
      block[y * 8 + x] = (image.pixels[py * image.width + px] ?? 0) - 128
    }
  }
  // Rows, then columns.
  const rows = new Float64Array(64)
  for (let y = 0; y < 8; y++)
    for (let u = 0; u < 8; u++) {
      let sum = 0
      for (let x = 0; x < 8; x++) sum += (block[y * 8 + x] ?? 0) * (COS[u * 8 + x] ?? 0)
      rows[y * 8 + u] = sum
    }
  const out = new Int32Array(64)
  for (let u = 0; u < 8; u++)
    for (let v = 0; v < 8; v++) {
      let sum = 0
      for (let y = 0; y < 8; y++) sum += (rows[y * 8 + u] ?? 0) * (COS[v * 8 + y] ?? 0)
      out[v * 8 + u] = Math.round(sum / (QUANT[v * 8 + u] ?? 1))
    }
  return out
}

function segment(marker: number, payload: readonly number[]): number[] {
  const length = payload.length + 2
  return [0xff, marker, length >> 8, length & 0xff, ...payload]
}

/** Encodes a grayscale image as a baseline JPEG (JFIF). */
export function encodeJpeg(image: GrayImage): Uint8Array {
  const { width, height } = image
  if (width < 1 || height < 1 || width > 0xffff || height > 0xffff)
    throw new RangeError(`bad JPEG size ${width}×${height}`)
  const writer = new BitWriter()
  let previousDc = 0
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      const coef = quantizedBlock(image, bx, by)
      const dc = coef[0] ?? 0
      const diff = dc - previousDc
      previousDc = dc
      const dcSize = category(diff)
      emit(writer, DC_CODES, dcSize)
      writer.write(amplitude(diff, dcSize), dcSize)
      let run = 0
      for (let k = 1; k < 64; k++) {
        const value = coef[ZIGZAG[k] ?? 0] ?? 0
        if (value === 0) {
          run++
          continue
        }
        for (; run > 15; run -= 16) emit(writer, AC_CODES, 0xf0)
        const size = category(value)
        emit(writer, AC_CODES, (run << 4) | size)
        writer.write(amplitude(value, size), size)
        run = 0
      }
      if (run > 0) emit(writer, AC_CODES, 0x00) // end of block
    }
  }
  writer.finish()

  const jfif = [0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
  const dqt = [0x00, ...ZIGZAG.map((i) => QUANT[i] ?? 1)]
  const sof = [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]
  const dht = [0x00, ...DC_BITS, ...DC_VALUES, 0x10, ...AC_BITS, ...AC_VALUES]
  const sos = [1, 1, 0x00, 0, 63, 0]
  return Uint8Array.from([
    0xff,
    0xd8,
    ...segment(0xe0, jfif),
    ...segment(0xdb, dqt),
    ...segment(0xc0, sof),
    ...segment(0xc4, dht),
    ...segment(0xda, sos),
    ...writer.bytes,
    0xff,
    0xd9,
  ])
}
