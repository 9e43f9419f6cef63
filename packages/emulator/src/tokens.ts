/**
 * access_token issuance and checking (§5): per account, a "classic" slot (`cgi-bin/token`) and a
 * "stable" slot (`stable_token`), fully independent; every issued token is remembered so a stale
 * one can be told apart from one that never existed.
 */
import { ERRCODE, beijingDay } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import { randomToken } from './random.js'
import type { Random } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'
import { WechatError } from './wechat-error.js'

/** Lifetime of a new token (§5.1: `expires_in` 7200). */
export const TOKEN_TTL_MS = 7200_000
/** How long a superseded classic token stays valid, and how early a stable token rotates (§5). */
export const OVERLAP_MS = 300_000
/** Force refreshes of the stable token allowed per day, and their minimum spacing (§5.2). */
export const FORCE_REFRESH_PER_DAY = 20
export const FORCE_REFRESH_SPACING_MS = 30_000

// WeChat's tokens are ~136–157 characters today; clients must reserve 512 (§5.1).
const TOKEN_LENGTH = 136

/** Which slot issued a token. */
export type TokenKind = 'classic' | 'stable'

/** One issued token, as remembered. */
export interface IssuedToken {
  readonly appid: string
  readonly kind: TokenKind
  readonly expiresAt: number
  /** When a newer token superseded it (classic: +300 s; stable force refresh: at once). */
  revokedAt?: number
}

/** An account's stable-token slot. */
export interface StableSlot {
  current?: { readonly token: string; readonly expiresAt: number }
  forceDay?: string
  forceCount: number
  lastForceAt?: number
}

/** Every token ever issued (a stale one must stay told apart from one never issued), and the slots. */
export interface TokenSnapshot {
  readonly tokens: readonly ({ readonly token: string } & IssuedToken)[]
  readonly classic: readonly { readonly appid: string; readonly token: string }[]
  readonly stable: readonly ({ readonly appid: string } & StableSlot)[]
}

/** A token as issued: the string and its remaining lifetime in whole seconds. */
export interface Issued {
  readonly access_token: string
  readonly expires_in: number
}

/** Every account's tokens, on one clock. */
export class TokenStore {
  readonly #clock: Clock
  readonly #random: Random
  readonly #tokens = new Map<string, IssuedToken>()
  readonly #classic = new Map<string, string>()
  readonly #stable = new Map<string, StableSlot>()

  /** Tokens are random from `random` and age on `clock`. */
  constructor(clock: Clock, random: Random) {
    this.#clock = clock
    this.#random = random
  }

  /** `cgi-bin/token`: always a new token; the previous classic one keeps 300 s of life. */
  issueClassic(appid: string): Issued {
    const now = this.#clock.now()
    const previous = this.#classic.get(appid)
    const record = previous === undefined ? undefined : this.#tokens.get(previous)
    if (record && record.revokedAt === undefined) record.revokedAt = now + OVERLAP_MS
    const token = this.#mint(appid, 'classic', now)
    this.#classic.set(appid, token)
    return { access_token: token, expires_in: TOKEN_TTL_MS / 1000 }
  }

  /**
   * `stable_token`: the current token while more than 300 s remain, else a new one (the old one
   * lives out its own term, [inferred] §5.2). `force` rotates at once and revokes the previous
   * token, unless 20 forces were used today or the last was < 30 s ago; then it is normal mode.
   */
  issueStable(appid: string, force: boolean): Issued {
    const now = this.#clock.now()
    const slot = this.#stableSlot(appid)
    const today = beijingDay(now)
    if (slot.forceDay !== today) {
      slot.forceDay = today
      slot.forceCount = 0
    }
    const forceAllowed =
      force &&
      slot.forceCount < FORCE_REFRESH_PER_DAY &&
      (slot.lastForceAt === undefined || now - slot.lastForceAt >= FORCE_REFRESH_SPACING_MS)
    const current = slot.current
    if (!forceAllowed && current && current.expiresAt - now > OVERLAP_MS) {
      return {
        access_token: current.token,
        expires_in: Math.floor((current.expiresAt - now) / 1000),
      }
    }
    if (forceAllowed) {
      slot.forceCount++
      slot.lastForceAt = now
      const record = current && this.#tokens.get(current.token)
      if (record) record.revokedAt = now
    }
    const token = this.#mint(appid, 'stable', now)
    slot.current = { token, expiresAt: now + TOKEN_TTL_MS }
    return { access_token: token, expires_in: TOKEN_TTL_MS / 1000 }
  }

  /**
   * The AppID a token belongs to, or a `WechatError`: 41001 missing, 40014 never issued, 40001
   * superseded ("not latest"), 42001 past its 7200 s. Whichever ended first decides between the
   * last two.
   */
  check(token: string | undefined): string {
    if (token === undefined || token === '') throw new WechatError(ERRCODE.ACCESS_TOKEN_MISSING)
    const record = this.#tokens.get(token)
    if (!record) throw new WechatError(ERRCODE.INVALID_ACCESS_TOKEN)
    const now = this.#clock.now()
    const revokedAt = record.revokedAt ?? Infinity
    if (revokedAt <= now && revokedAt < record.expiresAt) {
      throw new WechatError(ERRCODE.INVALID_CREDENTIAL)
    }
    if (record.expiresAt <= now) throw new WechatError(ERRCODE.ACCESS_TOKEN_EXPIRED)
    return record.appid
  }

  /** The store as plain data. */
  snapshot(): TokenSnapshot {
    return {
      tokens: [...this.#tokens].map(([token, record]) => ({ token, ...record })),
      classic: [...this.#classic].map(([appid, token]) => ({ appid, token })),
      stable: [...this.#stable].map(([appid, slot]) => ({ appid, ...slot })),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: TokenSnapshot, keep: KeepAccount): void {
    for (const { token, ...record } of data.tokens)
      if (keep(record.appid)) this.#tokens.set(token, { ...record })
    for (const { appid, token } of data.classic) if (keep(appid)) this.#classic.set(appid, token)
    for (const { appid, ...slot } of data.stable)
      if (keep(appid)) this.#stable.set(appid, { ...slot })
  }

  #mint(appid: string, kind: TokenKind, now: number): string {
    let token = randomToken(this.#random, TOKEN_LENGTH)
    // A collision is astronomically unlikely, but a reused string would revive a dead token.
    while (this.#tokens.has(token)) token = randomToken(this.#random, TOKEN_LENGTH)
    this.#tokens.set(token, { appid, kind, expiresAt: now + TOKEN_TTL_MS })
    return token
  }

  #stableSlot(appid: string): StableSlot {
    let slot = this.#stable.get(appid)
    if (!slot) {
      slot = { forceCount: 0 }
      this.#stable.set(appid, slot)
    }
    return slot
  }
}
