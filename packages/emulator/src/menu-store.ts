/**
 * Menu ids and conditional (个性化) menus per account (§6.1). The default menu's buttons stay in
 * `state.menus`; this store gives it a `menuid` and keeps the conditional menus beside it.
 */
import type { KeepAccount } from './snapshot/keep-account.js'
import type { MenuButtons } from './state.js'

/** The fields of a matchrule the emulator keeps: WeChat accepts no others today (§6.1). */
export interface MatchRule {
  readonly tag_id?: string
  readonly client_platform_type?: string
}

/** A conditional menu as stored. */
export interface ConditionalMenu {
  readonly menuid: number
  readonly button: MenuButtons
  readonly matchrule: MatchRule
}

/**
 * The first menuid an account gets. [inferred] WeChat's ids are 9-digit numbers (`208379533` in
 * the docs); the emulator counts up from a number of that size, per account, never reusing one.
 */
export const FIRST_MENU_ID = 208_000_001

/** Each account's menuid counter, default menu id and conditional menus (oldest first). */
export interface MenuStoreSnapshot {
  readonly accounts: readonly {
    readonly appid: string
    readonly nextId: number
    readonly defaultId?: number
    readonly conditional: readonly ConditionalMenu[]
  }[]
}

interface AccountMenus {
  nextId: number
  defaultId: number | undefined
  /** Oldest first; matching walks them newest first. */
  readonly conditional: ConditionalMenu[]
}

/** Every account's menu ids and conditional menus. */
export class MenuStore {
  readonly #accounts = new Map<string, AccountMenus>()

  /** The default menu's id, while it exists. */
  defaultId(appid: string): number | undefined {
    return this.#of(appid).defaultId
  }

  /** Gives a newly created default menu its id; conditional menus are kept. */
  replaceDefault(appid: string): number {
    const account = this.#of(appid)
    account.defaultId = account.nextId++
    return account.defaultId
  }

  /** Forgets the default menu's id and every conditional menu (`menu/delete`). */
  deleteAll(appid: string): void {
    const account = this.#of(appid)
    account.defaultId = undefined
    account.conditional.length = 0
  }

  /** The account's conditional menus, oldest first. */
  conditional(appid: string): readonly ConditionalMenu[] {
    return this.#of(appid).conditional
  }

  /** Adds a conditional menu; the caller has checked its buttons and rule. */
  addConditional(appid: string, button: MenuButtons, matchrule: MatchRule): ConditionalMenu {
    const account = this.#of(appid)
    const menu: ConditionalMenu = { menuid: account.nextId++, button, matchrule }
    account.conditional.push(menu)
    return menu
  }

  /** Removes the conditional menu with this id; whether there was one. */
  deleteConditional(appid: string, menuid: number): boolean {
    const list = this.#of(appid).conditional
    const index = list.findIndex((menu) => menu.menuid === menuid)
    if (index < 0) return false
    list.splice(index, 1)
    return true
  }

  /** The menu ids and conditional menus as plain data. */
  snapshot(): MenuStoreSnapshot {
    return {
      accounts: [...this.#accounts].map(([appid, account]) => ({
        appid,
        nextId: account.nextId,
        ...(account.defaultId === undefined ? {} : { defaultId: account.defaultId }),
        conditional: [...account.conditional],
      })),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: MenuStoreSnapshot, keep: KeepAccount): void {
    for (const { appid, nextId, defaultId, conditional } of data.accounts)
      if (keep(appid))
        this.#accounts.set(appid, { nextId, defaultId, conditional: [...conditional] })
  }

  #of(appid: string): AccountMenus {
    const key = appid.toLowerCase()
    let account = this.#accounts.get(key)
    if (!account) {
      account = { nextId: FIRST_MENU_ID, defaultId: undefined, conditional: [] }
      this.#accounts.set(key, account)
    }
    return account
  }
}
