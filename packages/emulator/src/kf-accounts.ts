/**
 * Each account's customer-service accounts (客服账号): `prefix@wechat-id` names with a nickname,
 * an optional head image, the WeChat user bound to work as it and a pending invitation. Tests
 * play the invited worker and the web console through `acceptInvite`, `rejectInvite` and
 * `setOnline`, which WeChat's API has no calls for.
 */
import type { Clock } from '@wxmp/core'
import type { KeepAccount } from './snapshot/keep-account.js'

/** At most this many customer-service accounts per account (65405 beyond; the docs' limit). */
export const MAX_KF_ACCOUNTS = 100

/** The first `kf_id` an account's customer-service accounts get ([obs] ids in examples: 1001…). */
export const FIRST_KF_ID = 1001

/** How long an invitation waits for the worker, in seconds ([inferred]: 7 days). */
export const KF_INVITE_TTL_SECONDS = 7 * 86_400

/** An invitation's state as `getkflist` shows it. */
export type KfInviteStatus = 'waiting' | 'rejected' | 'expired'

/** An invitation sent to a WeChat user. */
export interface KfInvite {
  /** The invited WeChat id (`invite_wx`). */
  readonly wx: string
  /** Unix seconds (`invite_expire_time`). */
  readonly expiresAt: number
  /** `rejected` once the invitee declined; `expired` is derived from the clock. */
  rejected: boolean
}

/** One customer-service account. Mutable: the handlers and helpers edit it in place. */
export interface KfAccount {
  /** The full `prefix@wechat-id` name (`kf_account`). */
  readonly account: string
  /** `kf_id`, unique per account and never reused. */
  readonly id: number
  nickname: string
  /** Set by `uploadheadimg`. */
  headImgUrl: string | undefined
  /** The WeChat id of the user working as this account (`kf_wx`), once bound. */
  worker: string | undefined
  /** The latest invitation, until the invitee accepts it. */
  invite: KfInvite | undefined
  /** Logged in to the web console; only a bound account can be. */
  online: boolean
  /** Sessions the worker is handling (`accepted_case`). */
  acceptedCases: number
}

interface AccountKf {
  readonly accounts: Map<string, KfAccount>
  nextId: number
}

/** Each account's customer-service accounts in creation order, and its next `kf_id`. */
export interface KfAccountSnapshot {
  readonly accounts: readonly {
    readonly appid: string
    readonly nextId: number
    readonly kfAccounts: readonly KfAccount[]
  }[]
}

/** All accounts' customer-service accounts. AppIDs are case-insensitive. */
export class KfAccountStore {
  readonly #byAccount = new Map<string, AccountKf>()
  readonly #clock: Clock

  /** `clock` dates invitations and expires them. */
  constructor(clock: Clock) {
    this.#clock = clock
  }

  /** The account's customer-service accounts, in creation order. */
  list(appid: string): KfAccount[] {
    return [...this.#of(appid).accounts.values()]
  }

  /** The customer-service account named `account` (exact name), or `undefined`. */
  get(appid: string, account: string): KfAccount | undefined {
    return this.#of(appid).accounts.get(account)
  }

  /** Adds a customer-service account with the next `kf_id`; the caller checked name and count. */
  add(appid: string, account: string, nickname: string): KfAccount {
    const kf = this.#of(appid)
    if (kf.accounts.has(account)) throw new Error(`kf account ${account} already exists`)
    const created: KfAccount = {
      account,
      id: kf.nextId++,
      nickname,
      headImgUrl: undefined,
      worker: undefined,
      invite: undefined,
      online: false,
      acceptedCases: 0,
    }
    kf.accounts.set(account, created)
    return created
  }

  /** Deletes a customer-service account; whether it existed. Its `kf_id` is not reused. */
  remove(appid: string, account: string): boolean {
    return this.#of(appid).accounts.delete(account)
  }

  /** Records an invitation of `wx` to work as `account`, valid `KF_INVITE_TTL_SECONDS`. */
  invite(appid: string, account: string, wx: string): KfInvite {
    const kf = this.#known(appid, account)
    kf.invite = { wx, expiresAt: this.#seconds() + KF_INVITE_TTL_SECONDS, rejected: false }
    return kf.invite
  }

  /** The state of `kf`'s invitation now, or `undefined` when it has none. */
  inviteStatus(kf: KfAccount): KfInviteStatus | undefined {
    if (!kf.invite) return undefined
    if (kf.invite.rejected) return 'rejected'
    return this.#seconds() >= kf.invite.expiresAt ? 'expired' : 'waiting'
  }

  /** How many customer-service accounts, of every account, the WeChat user `wx` works as. */
  bindings(wx: string): number {
    let count = 0
    for (const kf of this.#byAccount.values())
      for (const account of kf.accounts.values()) if (account.worker === wx) count++
    return count
  }

  /** Test helper: the invitee accepts a waiting invitation and becomes the account's worker. */
  acceptInvite(appid: string, account: string): KfAccount {
    const kf = this.#known(appid, account)
    if (!kf.invite || this.inviteStatus(kf) !== 'waiting')
      throw new Error(`kf account ${account} has no waiting invitation`)
    kf.worker = kf.invite.wx
    kf.invite = undefined
    return kf
  }

  /** Test helper: the invitee declines a waiting invitation (`invite_status: rejected`). */
  rejectInvite(appid: string, account: string): KfAccount {
    const kf = this.#known(appid, account)
    if (!kf.invite || this.inviteStatus(kf) !== 'waiting')
      throw new Error(`kf account ${account} has no waiting invitation`)
    kf.invite.rejected = true
    return kf
  }

  /**
   * Test helper: the worker logs in to (or out of) the web console, handling `acceptedCases`
   * sessions. Only a bound account can be online ([inferred]: nobody else could log in).
   */
  setOnline(appid: string, account: string, online: boolean, acceptedCases = 0): KfAccount {
    const kf = this.#known(appid, account)
    if (online && kf.worker === undefined) throw new Error(`kf account ${account} has no worker`)
    kf.online = online
    kf.acceptedCases = online ? acceptedCases : 0
    return kf
  }

  /** The customer-service accounts as plain data. */
  snapshot(): KfAccountSnapshot {
    return {
      accounts: [...this.#byAccount].map(([appid, kf]) => ({
        appid,
        nextId: kf.nextId,
        kfAccounts: [...kf.accounts.values()],
      })),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: KfAccountSnapshot, keep: KeepAccount): void {
    for (const { appid, nextId, kfAccounts } of data.accounts) {
      if (!keep(appid)) continue
      // Every field named: JSON drops the `undefined` ones, which `KfAccount` keeps as keys.
      const accounts = kfAccounts.map((kf): [string, KfAccount] => [
        kf.account,
        {
          account: kf.account,
          id: kf.id,
          nickname: kf.nickname,
          headImgUrl: kf.headImgUrl,
          worker: kf.worker,
          invite: kf.invite && { ...kf.invite },
          online: kf.online,
          acceptedCases: kf.acceptedCases,
        },
      ])
      this.#byAccount.set(appid, { accounts: new Map(accounts), nextId })
    }
  }

  #known(appid: string, account: string): KfAccount {
    const kf = this.get(appid, account)
    if (!kf) throw new Error(`no kf account ${account} in ${appid}`)
    return kf
  }

  #of(appid: string): AccountKf {
    const key = appid.toLowerCase()
    let kf = this.#byAccount.get(key)
    if (!kf) this.#byAccount.set(key, (kf = { accounts: new Map(), nextId: FIRST_KF_ID }))
    return kf
  }

  #seconds(): number {
    return Math.floor(this.#clock.now() / 1000)
  }
}
