/**
 * Parametric QR codes (§6.10) per account: each ticket with its scene and, for temporary codes,
 * its expiry on the clock. The push engine asks `resolve(ticket, now)` to turn "a fan scans
 * ticket X" into a `subscribe` / `SCAN` event with the scene.
 */
import type { Clock } from '@wxmp/core'
import type { Random } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'

/** A code's scene: `scene_id` (a number) or `scene_str`. */
export type QrScene = number | string

/** What a live ticket stands for. */
export interface ResolvedQrCode {
  /** The account (lower-case AppID) that created it. */
  readonly appid: string
  readonly scene: QrScene
  readonly permanent: boolean
}

/** One created code. */
export interface QrCode extends ResolvedQrCode {
  readonly ticket: string
  /** The QR content: `http://weixin.qq.com/q/<id>`. */
  readonly url: string
  /** Unix seconds. */
  readonly createdAt: number
  /** Temporary codes only: their lifetime in seconds. */
  readonly expireSeconds?: number
}

/** Permanent codes an account may hold (§6.10). */
export const MAX_PERMANENT_QRCODES = 100_000

const URL_PREFIX = 'http://weixin.qq.com/q/'
const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

/** Every code created (expired ones too: their tickets stay known), and the next serial. */
export interface QrCodeSnapshot {
  readonly serial: number
  readonly codes: readonly QrCode[]
}

/** Every account's codes, by ticket. */
export class QrCodeStore {
  readonly #clock: Clock
  readonly #random: Random
  readonly #byTicket = new Map<string, QrCode>()
  // Permanent codes by account and scene, so asking twice for one scene answers the same code.
  readonly #permanent = new Map<string, Map<string, QrCode>>()
  // Observed tickets carry an increasing serial number; ours starts at an arbitrary value.
  #serial = 1_000_000

  /** `random` draws the URL ids: a stream of its own, so codes never shift seeded tokens. */
  constructor(clock: Clock, random: Random) {
    this.#clock = clock
    this.#random = random
  }

  /** A new temporary code living `expireSeconds` from now. */
  createTemporary(appid: string, scene: QrScene, expireSeconds: number): QrCode {
    return this.#add(appid.toLowerCase(), scene, expireSeconds)
  }

  /**
   * The account's permanent code for `scene`: the existing one when the scene already has one
   * ([inferred]), else a new one, or `undefined` when the account already holds the maximum.
   */
  permanent(appid: string, scene: QrScene): QrCode | undefined {
    const key = appid.toLowerCase()
    let codes = this.#permanent.get(key)
    if (!codes) this.#permanent.set(key, (codes = new Map<string, QrCode>()))
    const sceneKey = `${typeof scene}:${scene}`
    const existing = codes.get(sceneKey)
    if (existing) return existing
    if (codes.size >= MAX_PERMANENT_QRCODES) return undefined
    const code = this.#add(key, scene, undefined)
    codes.set(sceneKey, code)
    return code
  }

  /** How many permanent codes the account holds. */
  permanentCount(appid: string): number {
    return this.#permanent.get(appid.toLowerCase())?.size ?? 0
  }

  /** The code behind a live ticket at `now` (ms); `undefined` when unknown or expired. */
  get(ticket: string, now: number = this.#clock.now()): QrCode | undefined {
    const code = this.#byTicket.get(ticket)
    if (!code || code.expireSeconds === undefined) return code
    return now < (code.createdAt + code.expireSeconds) * 1000 ? code : undefined
  }

  /** What a scanned ticket means at `now` (ms): account and scene, or `undefined` if not live. */
  resolve(ticket: string, now: number = this.#clock.now()): ResolvedQrCode | undefined {
    const code = this.get(ticket, now)
    return code && { appid: code.appid, scene: code.scene, permanent: code.permanent }
  }

  /** The codes as plain data. */
  snapshot(): QrCodeSnapshot {
    return { serial: this.#serial, codes: [...this.#byTicket.values()] }
  }

  /**
   * Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out; the
   * permanent codes by scene are rebuilt from the codes. The serial is platform-wide.
   */
  restore(data: QrCodeSnapshot, keep: KeepAccount): void {
    this.#serial = data.serial
    for (const code of data.codes) {
      if (!keep(code.appid)) continue
      this.#byTicket.set(code.ticket, code)
      if (!code.permanent) continue
      let codes = this.#permanent.get(code.appid)
      if (!codes) this.#permanent.set(code.appid, (codes = new Map<string, QrCode>()))
      codes.set(`${typeof code.scene}:${code.scene}`, code)
    }
  }

  #add(appid: string, scene: QrScene, expireSeconds: number | undefined): QrCode {
    const createdAt = Math.floor(this.#clock.now() / 1000)
    // Current short URLs are `02` + 20 letters and digits (observed).
    let id = '02'
    for (let i = 0; i < 20; i++) id += ID_ALPHABET[Math.floor(this.#random() * ID_ALPHABET.length)]
    const url = URL_PREFIX + id
    const ticket = encodeTicket(this.#serial++, url, createdAt, expireSeconds ?? 0)
    const code: QrCode = {
      appid,
      scene,
      permanent: expireSeconds === undefined,
      ticket,
      url,
      createdAt,
      ...(expireSeconds === undefined ? {} : { expireSeconds }),
    }
    this.#byTicket.set(ticket, code)
    return code
  }
}

/**
 * A ticket shaped like WeChat's: base64url (no padding) of a small binary record — a marker,
 * a varint serial, the URL NUL-terminated, then creation time and lifetime as little-endian
 * 32-bit fields. Layout read off observed tickets; clients must treat it as opaque anyway.
 */
export function encodeTicket(
  serial: number,
  url: string,
  createdAt: number,
  expireSeconds: number,
): string {
  const bytes: number[] = [0x81, 0x01]
  for (let rest = serial; ;) {
    const low = rest & 0x7f
    rest = Math.floor(rest / 128)
    bytes.push(rest > 0 ? low | 0x80 : low)
    if (rest === 0) break
  }
  bytes.push(0, 0, 0, 0, 0, 0, 0, 0x01)
  const text = Buffer.from(`${url}\0`, 'latin1')
  bytes.push(text.length, ...text)
  const le32 = (value: number) => [
    value & 0xff,
    (value >>> 8) & 0xff,
    (value >>> 16) & 0xff,
    value >>> 24,
  ]
  bytes.push(0x02, 0x04, ...le32(createdAt >>> 0), 0x03, 0x04, ...le32(expireSeconds >>> 0))
  return Buffer.from(bytes).toString('base64url')
}
