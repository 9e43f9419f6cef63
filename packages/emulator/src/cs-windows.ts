/**
 * Customer-service sending windows (§6.8): a fan's interaction lets the account send them
 * customer-service messages for a while, a quota per trigger. A fan's message opens 5 messages
 * in 48 h; a menu click (click / scancode_push / scancode_waitmsg), a follow or a QR scan opens 3
 * in 1 minute; a payment opens an unlimited 48 h window. Outside every window, or when the fan
 * no longer follows, a send is refused with 45015; inside a window whose quota is spent, 45047.
 */
import { ERRCODE } from '@wxmp/core'
import type { KeepAccount } from './snapshot/keep-account.js'
import { WechatError } from './wechat-error.js'

/** What opened a window. */
export type WindowTrigger = 'message' | 'click' | 'subscribe' | 'scan' | 'payment'

/** A trigger's window: how long it lasts and how many messages it allows. */
export interface WindowRule {
  readonly durationMs: number
  /** `Infinity` for the payment window. */
  readonly quota: number
}

const MINUTE_MS = 60_000
const HOURS_48_MS = 48 * 60 * MINUTE_MS

const rule = (durationMs: number, quota: number): WindowRule => Object.freeze({ durationMs, quota })

/**
 * The reference's rules per trigger (§6.8, the rules announced for 2023-06: 5 per 48 h after a
 * message, where the 2021 rules said 20). A window is open from its trigger up to, not
 * including, `durationMs` later.
 */
export const WINDOW_RULES: Readonly<Record<WindowTrigger, WindowRule>> = Object.freeze({
  message: rule(HOURS_48_MS, 5),
  click: rule(MINUTE_MS, 3),
  subscribe: rule(MINUTE_MS, 3),
  scan: rule(MINUTE_MS, 3),
  payment: rule(HOURS_48_MS, Infinity),
})

/** One open window of a fan. */
export interface CsWindow {
  readonly trigger: WindowTrigger
  /** Clock milliseconds. */
  readonly openedAt: number
  /** The first clock millisecond at which the window is closed. */
  readonly closesAt: number
  readonly quota: number
  /** Messages sent through this window so far. */
  used: number
}

/**
 * The open windows per account and fan. A window's quota is not stored: it is its trigger's
 * (`WINDOW_RULES`), and the payment window's `Infinity` has no JSON form.
 */
export interface CsWindowSnapshot {
  readonly fans: readonly {
    readonly appid: string
    readonly openid: string
    readonly windows: readonly Omit<CsWindow, 'quota'>[]
  }[]
}

/**
 * Windows per account and fan. Each trigger keeps its latest window: a new message restarts the
 * 48 h window with a fresh quota of 5 ([inferred]: the reference counts "within 48 h after a
 * message", so each message is a new start), a new click its 1-minute window with a fresh 3. The
 * windows of different triggers are independent: a click does not refill the message quota. A
 * send uses the window that closes first among those with quota left, so short windows are spent
 * before long ones ([inferred]).
 *
 * Following is the caller's check (45015 too), but `since` lets it void the windows of an earlier
 * follow: a fan who unfollows and follows again starts with only the windows opened since.
 */
export class CsWindows {
  readonly #windows = new Map<string, Map<WindowTrigger, CsWindow>>()

  /** Opens (or restarts) the `trigger` window of `openid` at `now` (clock ms). */
  open(appid: string, openid: string, trigger: WindowTrigger, now: number): CsWindow {
    const { durationMs, quota } = WINDOW_RULES[trigger]
    const window: CsWindow = { trigger, openedAt: now, closesAt: now + durationMs, quota, used: 0 }
    this.#fan(appid, openid).set(trigger, window)
    return window
  }

  /**
   * The window a message to `openid` would use at `now`, without spending it: 45015 when no
   * window is open, 45047 when every open window's quota is spent. Windows opened before `since`
   * (clock ms, the fan's latest follow) do not count.
   */
  usable(appid: string, openid: string, now: number, since = -Infinity): CsWindow {
    const open = this.openWindows(appid, openid, now, since)
    if (open.length === 0) throw new WechatError(ERRCODE.REPLY_WINDOW_CLOSED)
    const usable = open.filter((window) => window.used < window.quota)
    if (usable.length === 0) throw new WechatError(ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
    return usable.reduce((a, b) => (b.closesAt < a.closesAt ? b : a))
  }

  /** Charges one message to `openid`'s windows at `now`: `usable`'s window, one more used. */
  charge(appid: string, openid: string, now: number, since = -Infinity): CsWindow {
    const window = this.usable(appid, openid, now, since)
    window.used++
    return window
  }

  /** The windows of `openid` still open at `now` and opened at or after `since`. */
  openWindows(appid: string, openid: string, now: number, since = -Infinity): CsWindow[] {
    const windows = this.#windows.get(keyOf(appid, openid))
    if (!windows) return []
    return [...windows.values()].filter(
      (window) => now < window.closesAt && window.openedAt >= since,
    )
  }

  /** Closes every window of `openid` (the fan unfollowed). */
  close(appid: string, openid: string): void {
    this.#windows.delete(keyOf(appid, openid))
  }

  /** The windows as plain data. */
  snapshot(): CsWindowSnapshot {
    return {
      fans: [...this.#windows].map(([key, windows]) => {
        const space = key.indexOf(' ')
        return {
          appid: key.slice(0, space),
          openid: key.slice(space + 1),
          windows: [...windows.values()].map(({ trigger, openedAt, closesAt, used }) => ({
            trigger,
            openedAt,
            closesAt,
            used,
          })),
        }
      }),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: CsWindowSnapshot, keep: KeepAccount): void {
    for (const { appid, openid, windows } of data.fans) {
      if (!keep(appid)) continue
      const fan = this.#fan(appid, openid)
      for (const window of windows)
        fan.set(window.trigger, { ...window, quota: WINDOW_RULES[window.trigger].quota })
    }
  }

  #fan(appid: string, openid: string): Map<WindowTrigger, CsWindow> {
    const key = keyOf(appid, openid)
    let windows = this.#windows.get(key)
    if (!windows) this.#windows.set(key, (windows = new Map<WindowTrigger, CsWindow>()))
    return windows
  }
}

// AppIDs are case-insensitive across the emulator; OpenIDs are not.
const keyOf = (appid: string, openid: string): string => `${appid.toLowerCase()} ${openid}`
