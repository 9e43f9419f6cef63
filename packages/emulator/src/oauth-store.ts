/**
 * OAuth2 web authorization state (§6.11): single-use codes (5 minutes), web access_tokens
 * (7200 s) and refresh_tokens (30 days), each bound to an account, a fan and a scope. Web tokens
 * have nothing to do with the account's access_token and no daily quota.
 */
import { ERRCODE } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import { randomToken } from './random.js'
import type { Random } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'
import { WechatError } from './wechat-error.js'

/** The two scopes an Official Account can ask for. */
export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo'

/** Who authorized whom, for what. */
export interface OAuthGrant {
  /** Lower-case AppID. */
  readonly appid: string
  readonly openid: string
  readonly scope: OAuthScope
}

/** How long a code lives (§6.11). */
export const OAUTH_CODE_TTL_MS = 5 * 60_000
/** How long a web access_token lives (§6.11: `expires_in` 7200). */
export const WEB_TOKEN_TTL_MS = 7200_000
/** How long a refresh_token lives (§6.11). */
export const REFRESH_TOKEN_TTL_MS = 30 * 86_400_000

/** A web token pair as `sns/oauth2/access_token` and `refresh_token` answer it. */
export interface IssuedWebToken {
  readonly access_token: string
  readonly expires_in: number
  readonly refresh_token: string
  readonly openid: string
  readonly scope: OAuthScope
}

/** Codes (spent ones too), web tokens and refresh_tokens, each with its grant and expiry. */
export interface OAuthSnapshot {
  readonly codes: readonly ({ readonly code: string } & CodeEntry)[]
  readonly tokens: readonly ({ readonly token: string } & Expiring)[]
  readonly refresh: readonly ({ readonly token: string } & Expiring)[]
}

/** A grant with its end, in clock milliseconds. */
export interface Expiring extends OAuthGrant {
  readonly expiresAt: number
}

/** A code: a grant that can be spent once. */
export interface CodeEntry extends Expiring {
  used: boolean
}

// Observed codes are 32 characters; token lengths are ours ([inferred]: WeChat's vary, ~90–110).
const CODE_LENGTH = 32
const WEB_TOKEN_LENGTH = 107
const REFRESH_TOKEN_LENGTH = 107
const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Codes and web tokens of every account, on one clock. */
export class OAuthStore {
  readonly #clock: Clock
  readonly #random: Random
  readonly #codes = new Map<string, CodeEntry>()
  readonly #tokens = new Map<string, Expiring>()
  readonly #refresh = new Map<string, Expiring>()

  /** `random` is a stream of its own, so OAuth flows never shift the seeded access_tokens. */
  constructor(clock: Clock, random: Random) {
    this.#clock = clock
    this.#random = random
  }

  /** A fresh code for `grant`, valid 5 minutes, once. */
  issueCode(grant: OAuthGrant): string {
    let code = ''
    for (let i = 0; i < CODE_LENGTH; i++)
      code += CODE_ALPHABET[Math.floor(this.#random() * CODE_ALPHABET.length)]
    this.#codes.set(code, {
      ...grant,
      appid: grant.appid.toLowerCase(),
      expiresAt: this.#now() + OAUTH_CODE_TTL_MS,
      used: false,
    })
    return code
  }

  /**
   * Spends `code` for `appid`: 40029 unknown (or another account's, [inferred]), 40163 already
   * spent, 42003 past its 5 minutes. A spent code stays known so reuse is told from a typo.
   */
  redeemCode(appid: string, code: string): IssuedWebToken {
    const entry = this.#codes.get(code)
    if (!entry || entry.appid !== appid.toLowerCase())
      throw new WechatError(ERRCODE.INVALID_OAUTH_CODE)
    if (entry.used) throw new WechatError(ERRCODE.OAUTH_CODE_USED)
    if (this.#now() >= entry.expiresAt) throw new WechatError(ERRCODE.OAUTH_CODE_EXPIRED)
    entry.used = true
    const refreshToken = randomToken(this.#random, REFRESH_TOKEN_LENGTH)
    this.#refresh.set(refreshToken, {
      ...grantOf(entry),
      expiresAt: this.#now() + REFRESH_TOKEN_TTL_MS,
    })
    return this.#issue(entry, refreshToken)
  }

  /**
   * A new web token from a refresh_token: 40030 unknown (or another account's), 42002 past its
   * 30 days. The refresh_token itself is answered again and keeps its expiry ([inferred]); the
   * previous web token stays valid until its own end ([inferred]).
   */
  refresh(appid: string, refreshToken: string): IssuedWebToken {
    const entry = this.#refresh.get(refreshToken)
    if (!entry || entry.appid !== appid.toLowerCase())
      throw new WechatError(ERRCODE.INVALID_REFRESH_TOKEN)
    if (this.#now() >= entry.expiresAt) throw new WechatError(ERRCODE.REFRESH_TOKEN_EXPIRED)
    return this.#issue(entry, refreshToken)
  }

  /**
   * The grant behind a web access_token: 41001 missing, 40014 never issued ([inferred], as for
   * the account's tokens), 42001 past its 7200 s.
   */
  checkToken(token: string | undefined): OAuthGrant {
    if (!token) throw new WechatError(ERRCODE.ACCESS_TOKEN_MISSING)
    const entry = this.#tokens.get(token)
    if (!entry) throw new WechatError(ERRCODE.INVALID_ACCESS_TOKEN)
    if (this.#now() >= entry.expiresAt) throw new WechatError(ERRCODE.ACCESS_TOKEN_EXPIRED)
    return grantOf(entry)
  }

  /** The codes and tokens as plain data. */
  snapshot(): OAuthSnapshot {
    return {
      codes: [...this.#codes].map(([code, entry]) => ({ code, ...entry })),
      tokens: [...this.#tokens].map(([token, entry]) => ({ token, ...entry })),
      refresh: [...this.#refresh].map(([token, entry]) => ({ token, ...entry })),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: OAuthSnapshot, keep: KeepAccount): void {
    for (const { code, ...entry } of data.codes)
      if (keep(entry.appid)) this.#codes.set(code, { ...entry })
    for (const { token, ...entry } of data.tokens)
      if (keep(entry.appid)) this.#tokens.set(token, { ...entry })
    for (const { token, ...entry } of data.refresh)
      if (keep(entry.appid)) this.#refresh.set(token, { ...entry })
  }

  #issue(grant: OAuthGrant, refreshToken: string): IssuedWebToken {
    const token = randomToken(this.#random, WEB_TOKEN_LENGTH)
    this.#tokens.set(token, { ...grantOf(grant), expiresAt: this.#now() + WEB_TOKEN_TTL_MS })
    return {
      access_token: token,
      expires_in: WEB_TOKEN_TTL_MS / 1000,
      refresh_token: refreshToken,
      openid: grant.openid,
      scope: grant.scope,
    }
  }

  #now(): number {
    return this.#clock.now()
  }
}

function grantOf(entry: OAuthGrant): OAuthGrant {
  return { appid: entry.appid, openid: entry.openid, scope: entry.scope }
}
