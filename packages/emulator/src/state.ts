/** Everything the emulated platform remembers, in memory (no persistence yet). */
import type { AccountConfig, Clock } from '@wxmp/core'
import type { RequestOf } from '@wxmp/spec'
import { FanStore } from './fans.js'
import { MediaStore } from './media-store.js'
import type { MediaFile } from './media-store.js'
import { QuotaLedger } from './quota.js'
import type { Random } from './random.js'
import { TagStore } from './tag-store.js'
import { TokenStore } from './tokens.js'

/** A default menu as `menu/create` accepted it. */
export type MenuButtons = RequestOf<'menu.create'>['button']

/** The platform's memory: accounts, tokens, quota counters, menus, fans and tags. */
export interface EmulatorState {
  readonly clock: Clock
  readonly random: Random
  /** Configured accounts by (lower-case) AppID. */
  readonly accounts: ReadonlyMap<string, AccountConfig>
  readonly tokens: TokenStore
  readonly quota: QuotaLedger
  /** Default menus by AppID; absent when none was created or it was deleted. */
  readonly menus: Map<string, MenuButtons>
  /** Followers and blacklists by AppID; each configured account starts with demo fans. */
  readonly fans: FanStore
  /** Follower tags by AppID. */
  readonly tags: TagStore
  /** Temporary media (3 days) and permanent material by AppID. */
  readonly media: MediaStore
  /**
   * Keeps a file as temporary media of `appid` (a fan's inbound image, voice, …) for 3 days on
   * the clock, as `media/upload` would; returns its media_id for `media/get`.
   */
  registerTemporaryMedia(appid: string, file: MediaFile): string
}

/**
 * A fresh state for `accounts`. `fanRandom` draws the demo fans and new OpenIDs, `mediaRandom`
 * media_ids and image URLs: streams of their own, so adding fans or uploading in a test does not
 * shift the tokens and rids a seed reproduces.
 */
export function createState(
  accounts: readonly AccountConfig[],
  clock: Clock,
  random: Random,
  fanRandom: Random,
  mediaRandom: Random,
): EmulatorState {
  const fans = new FanStore(clock, fanRandom)
  const media = new MediaStore(clock, mediaRandom)
  for (const account of accounts) fans.seed(account.appid)
  return {
    clock,
    random,
    accounts: new Map(accounts.map((account) => [account.appid.toLowerCase(), account])),
    tokens: new TokenStore(clock, random),
    quota: new QuotaLedger(),
    menus: new Map(),
    fans,
    tags: new TagStore(),
    media,
    registerTemporaryMedia: (appid, file) => media.addTemporary(appid, file).mediaId,
  }
}
