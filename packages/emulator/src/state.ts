/** Everything the emulated platform remembers, in memory (no persistence yet). */
import type { AccountConfig, Clock } from '@wxmp/core'
import type { RequestOf } from '@wxmp/spec'
import { QuotaLedger } from './quota.js'
import type { Random } from './random.js'
import { TokenStore } from './tokens.js'

/** A default menu as `menu/create` accepted it. */
export type MenuButtons = RequestOf<'menu.create'>['button']

/** The platform's memory: accounts, tokens, quota counters and menus. */
export interface EmulatorState {
  readonly clock: Clock
  readonly random: Random
  /** Configured accounts by (lower-case) AppID. */
  readonly accounts: ReadonlyMap<string, AccountConfig>
  readonly tokens: TokenStore
  readonly quota: QuotaLedger
  /** Default menus by AppID; absent when none was created or it was deleted. */
  readonly menus: Map<string, MenuButtons>
}

/** A fresh state for `accounts`. */
export function createState(
  accounts: readonly AccountConfig[],
  clock: Clock,
  random: Random,
): EmulatorState {
  return {
    clock,
    random,
    accounts: new Map(accounts.map((account) => [account.appid.toLowerCase(), account])),
    tokens: new TokenStore(clock, random),
    quota: new QuotaLedger(),
    menus: new Map(),
  }
}
