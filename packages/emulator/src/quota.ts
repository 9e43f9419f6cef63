/**
 * Daily call quotas (§7.2): one counter per account and endpoint, reset at Beijing midnight or by
 * `clear_quota`, which itself is allowed 10 times a calendar month (§6.13).
 */
import { ERRCODE, beijingDay, beijingMonth } from '@wxmp/core'
import type { Endpoint } from '@wxmp/spec'
import type { KeepAccount } from './snapshot/keep-account.js'
import { WechatError } from './wechat-error.js'

/** clear_quota resets allowed per account per month (§6.13). */
export const CLEAR_QUOTA_PER_MONTH = 10

interface AccountLedger {
  day: string
  readonly used: Map<string, number>
  month: string
  clears: number
}

/** The counters as plain data: per account, its day, month and calls per endpoint id. */
export interface QuotaSnapshot {
  readonly accounts: readonly {
    readonly appid: string
    readonly day: string
    readonly month: string
    readonly clears: number
    readonly used: readonly (readonly [id: string, calls: number])[]
  }[]
}

/** Every account's counters. */
export class QuotaLedger {
  readonly #accounts = new Map<string, AccountLedger>()

  /**
   * Counts one call of `entry` by `appid` at `now`, or throws 45009 when the table's daily limit
   * is already used. A refused call does not count: WeChat reports the limit, not a new use.
   */
  charge(appid: string, entry: Endpoint, now: number): void {
    const limit = entry.quota?.perDay
    if (limit === undefined) return
    const ledger = this.#ledger(appid, now)
    const used = ledger.used.get(entry.id) ?? 0
    if (used >= limit) throw new WechatError(ERRCODE.API_QUOTA_EXCEEDED)
    ledger.used.set(entry.id, used + 1)
  }

  /** Today's calls of endpoint `id` by `appid` that counted against its quota. */
  used(appid: string, id: string, now: number): number {
    return this.#ledger(appid, now).used.get(id) ?? 0
  }

  /** Resets every counter of `appid`, or throws 48006 once this month's 10 resets are spent. */
  clear(appid: string, now: number): void {
    const ledger = this.#ledger(appid, now)
    if (ledger.clears >= CLEAR_QUOTA_PER_MONTH) {
      throw new WechatError(ERRCODE.CLEAR_QUOTA_LIMIT_REACHED)
    }
    ledger.clears++
    ledger.used.clear()
  }

  /** The counters as plain data. */
  snapshot(): QuotaSnapshot {
    return {
      accounts: [...this.#accounts].map(([appid, ledger]) => ({
        appid,
        day: ledger.day,
        month: ledger.month,
        clears: ledger.clears,
        used: [...ledger.used],
      })),
    }
  }

  /** Loads a snapshot into this (fresh) ledger; the day and month rules apply on the next call. */
  restore(data: QuotaSnapshot, keep: KeepAccount): void {
    for (const { appid, day, month, clears, used } of data.accounts)
      if (keep(appid)) this.#accounts.set(appid, { day, month, clears, used: new Map(used) })
  }

  #ledger(appid: string, now: number): AccountLedger {
    const day = beijingDay(now)
    const month = beijingMonth(now)
    let ledger = this.#accounts.get(appid)
    if (!ledger) {
      ledger = { day, used: new Map(), month, clears: 0 }
      this.#accounts.set(appid, ledger)
    }
    if (ledger.day !== day) {
      ledger.day = day
      ledger.used.clear()
    }
    if (ledger.month !== month) {
      ledger.month = month
      ledger.clears = 0
    }
    return ledger
  }
}
