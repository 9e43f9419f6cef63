/**
 * Random bytes for the 16-byte message prefix, drawn from a refillable pool. A randomFillSync
 * call costs a few microseconds however small the request, which is most of an encrypt at
 * webhook rates; filling 4 KiB at once amortises it over 256 messages. Every byte still comes
 * from the CSPRNG and is used once.
 */
import { randomFillSync } from 'node:crypto'

const POOL_BYTES = 4096
const pool = Buffer.allocUnsafe(POOL_BYTES)
// Starts "used up" so the first call fills it, and importing the module costs nothing.
let offset = POOL_BYTES

/** Writes `count` (≤ 4096) fresh random bytes into `target` at `targetStart`. */
export function fillRandom(target: Buffer, targetStart: number, count: number): void {
  if (offset + count > POOL_BYTES) {
    randomFillSync(pool)
    offset = 0
  }
  pool.copy(target, targetStart, offset, offset + count)
  offset += count
}
