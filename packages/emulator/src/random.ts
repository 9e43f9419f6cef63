/**
 * Seeded randomness for the emulator: tokens and rids. A seed makes a run reproducible, so a
 * failing test prints the same token twice; without one, each emulator differs.
 */

/** A source of pseudo-random numbers in [0, 1). */
export type Random = () => number

/**
 * A seeded stream that can tell where it is and be put back there, so a restored emulator goes on
 * drawing where the saved one stopped (and never repeats an id it already handed out). Still a
 * plain `Random` to everything that only draws.
 */
export interface SeededRandom extends Random {
  /** The stream's position: a 32-bit unsigned integer. */
  state(): number
  /** Moves the stream to a position `state()` returned. */
  restore(state: number): void
}

/**
 * mulberry32: tiny, fast and good enough for ids. Not cryptographic, which is fine: the emulator
 * only has to look like WeChat, not resist an attacker. Its whole state is one 32-bit number.
 */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return Object.assign(next, {
    state: () => state,
    restore: (position: number) => {
      if (!Number.isInteger(position) || position < 0 || position > 0xffffffff)
        throw new RangeError(
          `a random stream's state is a 32-bit unsigned integer, got ${position}`,
        )
      state = position
    },
  })
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

/** A string of `length` characters from WeChat's token alphabet (letters, digits, `_`, `-`). */
export function randomToken(random: Random, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += TOKEN_ALPHABET[Math.floor(random() * 64)]
  return out
}

/** `length` lower-case hex digits. */
export function randomHex(random: Random, length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16)
  return out
}
