/**
 * Reed-Solomon error correction over GF(256) as QR codes use it (primitive polynomial 0x11D,
 * generator roots α^0 … α^(n-1)): the EC codewords appended to each data block.
 */

const EXP = new Uint8Array(512)
const LOG = new Uint8Array(256)
{
  let x = 1
  for (let i = 0; i < 255; i++) {
    EXP[i] = x
    LOG[x] = i
    x <<= 1
    if (x & 0x100) x ^= 0x11d
  }
  // Doubling the table lets `multiply` skip the modulo.
  for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255] ?? 0
}

/** The product of two field elements. */
export function gfMultiply(a: number, b: number): number {
  if (a === 0 || b === 0) return 0
  return EXP[(LOG[a] ?? 0) + (LOG[b] ?? 0)] ?? 0
}

/** The generator polynomial of degree `degree`, highest coefficient (always 1) first. */
function generator(degree: number): Uint8Array {
  let poly = Uint8Array.of(1)
  for (let i = 0; i < degree; i++) {
    // Multiply by (x - α^i); in GF(2^8) minus is plus.
    const next = new Uint8Array(poly.length + 1)
    const root = EXP[i] ?? 0
    for (let j = 0; j < poly.length; j++) {
      next[j] = (next[j] ?? 0) ^ (poly[j] ?? 0)
      next[j + 1] = (next[j + 1] ?? 0) ^ gfMultiply(poly[j] ?? 0, root)
    }
    poly = next
  }
  return poly
}

/** The `ecCount` error-correction codewords of one data block. */
export function reedSolomon(data: Uint8Array, ecCount: number): Uint8Array {
  const gen = generator(ecCount)
  // Long division of data·x^ecCount by the generator; the remainder is the EC codewords.
  const rest = new Uint8Array(ecCount)
  for (const byte of data) {
    const factor = byte ^ (rest[0] ?? 0)
    rest.copyWithin(0, 1)
    rest[ecCount - 1] = 0
    for (let i = 0; i < ecCount; i++) rest[i] = (rest[i] ?? 0) ^ gfMultiply(gen[i + 1] ?? 0, factor)
  }
  return rest
}
