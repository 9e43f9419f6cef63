/**
 * The header values WeChat fills in on every push (§2.2): the account's original id, a
 * CreateTime that never repeats for a fan, a unique 64-bit MsgId, and the query's nonce.
 */
import { createHash } from 'node:crypto'
import type { AccountConfig } from '@wxmp/core'
import type { Random } from '../random.js'

/**
 * The account's original id (`gh_` + 12 hex), used as `ToUserName`. An account configured without
 * `originalId` gets one derived from its AppID: `gh_` + the first 12 hex digits of SHA-1 of the
 * lower-case AppID ([inferred]: WeChat always has one; a hash keeps it stable across runs and
 * distinct between accounts). A webhook that checks it must be configured with the same value.
 */
export function originalIdOf(account: AccountConfig): string {
  if (account.originalId !== undefined) return account.originalId
  const digest = createHash('sha1').update(account.appid.toLowerCase(), 'utf8').digest('hex')
  return `gh_${digest.slice(0, 12)}`
}

/**
 * Hands out CreateTime values (Unix seconds) that never repeat for one sender of one account:
 * the clock's second, or one more than the sender's last when that second was already used
 * ([inferred]: webhooks dedupe events by FromUserName + CreateTime (§3), so two real events of one
 * fan in the same second would otherwise be taken for a retry). CreateTime may then run a few
 * seconds ahead of the clock during a burst.
 */
export class CreateTimes {
  readonly #last = new Map<string, number>()

  /** The CreateTime of the next push from `sender` to `appid` at `nowMs`. */
  next(appid: string, sender: string, nowMs: number): number {
    const key = `${appid.toLowerCase()} ${sender}`
    const last = this.#last.get(key)
    const now = Math.floor(nowMs / 1000)
    const value = last === undefined || now > last ? now : last + 1
    this.#last.set(key, value)
    return value
  }

  /** The last CreateTime per `${appid} ${sender}`, for the snapshot. */
  snapshot(): (readonly [key: string, last: number])[] {
    return [...this.#last]
  }

  /** Loads what `snapshot` gave. */
  restore(entries: readonly (readonly [key: string, last: number])[]): void {
    for (const [key, last] of entries) this.#last.set(key, last)
  }
}

// Real MsgIds are 19-digit integers above 2^53 and below 2^63 (§0): start somewhere in
// [2^62, 2^62 + 2^52) so a long run of increments stays far below 2^63.
const MSG_ID_FLOOR = 1n << 62n

/**
 * Unique `MsgId`s for the emulator's lifetime: a seeded random start, then +1..+16 per message, so
 * ids grow like WeChat's and a seed reproduces them. Decimal strings, never numbers (§0).
 */
export class MsgIds {
  readonly #random: Random
  #current: bigint

  constructor(random: Random) {
    this.#random = random
    const high = BigInt(Math.floor(random() * 2 ** 26))
    const low = BigInt(Math.floor(random() * 2 ** 26))
    this.#current = MSG_ID_FLOOR + (high << 26n) + low
  }

  /** The next id, as a decimal string. */
  next(): string {
    this.#current += BigInt(1 + Math.floor(this.#random() * 16))
    return this.#current.toString()
  }

  /** The last id handed out, as a decimal string (for the snapshot). */
  get current(): string {
    return this.#current.toString()
  }

  /** Goes on from `current`, the last id a previous run handed out. */
  restore(current: string): void {
    this.#current = BigInt(current)
  }
}

/** 9 or 10 digits without a leading zero, the shape of WeChat's nonces (§1). */
export function randomNonce(random: Random): string {
  return String(100_000_000 + Math.floor(random() * 9_900_000_000))
}
