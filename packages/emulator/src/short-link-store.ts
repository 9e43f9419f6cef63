/**
 * Short keys (短key托管) by account: the long data each key stands for, until it expires on the
 * clock. Keys are drawn from a random stream of their own kind (the QR stream), so making short
 * keys never shifts seeded tokens and rids.
 */
import type { Clock } from '@wxmp/core'
import type { Random } from './random.js'
import { randomToken } from './random.js'

/** Short keys are 15 characters, like the doc's example `iTVBSC7n7D2uj4Y` [inferred]. */
export const SHORT_KEY_LENGTH = 15

/** What a key stands for. */
export interface ShortLink {
  readonly longData: string
  /** Clock milliseconds when it was made. */
  readonly createdAt: number
  /** Clock milliseconds from which it is gone. */
  readonly expiresAt: number
}

/** All accounts' short keys. */
export class ShortLinkStore {
  readonly #byAccount = new Map<string, Map<string, ShortLink>>()
  readonly #clock: Clock
  readonly #random: Random

  /** `random` draws the keys. */
  constructor(clock: Clock, random: Random) {
    this.#clock = clock
    this.#random = random
  }

  /** Keeps `longData` for `expireSeconds` under a new key, unique within the account; returns it. */
  add(appid: string, longData: string, expireSeconds: number): string {
    const links = this.#of(appid)
    let key = randomToken(this.#random, SHORT_KEY_LENGTH)
    while (links.has(key)) key = randomToken(this.#random, SHORT_KEY_LENGTH)
    const now = this.#clock.now()
    links.set(key, { longData, createdAt: now, expiresAt: now + expireSeconds * 1000 })
    return key
  }

  /** The live link of `key`, or `undefined` when unknown or expired (an expired one is dropped). */
  get(appid: string, key: string): ShortLink | undefined {
    const links = this.#of(appid)
    const link = links.get(key)
    if (link && link.expiresAt <= this.#clock.now()) {
      links.delete(key)
      return undefined
    }
    return link
  }

  #of(appid: string): Map<string, ShortLink> {
    const key = appid.toLowerCase()
    let links = this.#byAccount.get(key)
    if (!links) this.#byAccount.set(key, (links = new Map<string, ShortLink>()))
    return links
  }
}
