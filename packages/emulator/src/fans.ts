/**
 * The followers (粉丝) of each account (§6.9): profiles in follow order, remarks, tags and the
 * blacklist. Accounts start with a few demo fans drawn from the emulator's seed; tests add more
 * through `emulator.fans`.
 */
import type { Clock } from '@wxmp/core'
import { randomToken } from './random.js'
import type { Random } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'

/** The `subscribe_scene` values §6.9 lists. */
export const SUBSCRIBE_SCENES = [
  'ADD_SCENE_SEARCH',
  'ADD_SCENE_ACCOUNT_MIGRATION',
  'ADD_SCENE_PROFILE_CARD',
  'ADD_SCENE_QR_CODE',
  'ADD_SCENE_PROFILE_LINK',
  'ADD_SCENE_PROFILE_ITEM',
  'ADD_SCENE_PAID',
  'ADD_SCENE_WECHAT_ADVERTISEMENT',
  'ADD_SCENE_REPRINT',
  'ADD_SCENE_LIVESTREAM',
  'ADD_SCENE_CHANNELS',
  'ADD_SCENE_OTHERS',
] as const

/** How a fan came to follow the account. */
export type SubscribeScene = (typeof SUBSCRIBE_SCENES)[number]

/** One user as an account knows them. Mutable: the handlers and helpers edit it in place. */
export interface Fan {
  /** `o` + 27 characters, unique per account. */
  readonly openid: string
  /** Only when the account is bound to an Open Platform account (§0). */
  unionid: string | undefined
  /** Following now; a former follower stays known (user/info answers `subscribe: 0`). */
  subscribed: boolean
  /** Last follow time, Unix seconds. */
  subscribeTime: number
  subscribeScene: SubscribeScene
  /** The user's own language (`language`), not the `lang` of the request. */
  language: string
  remark: string
  /** Tag ids in tagging order, at most 20 (§6.9). */
  tags: number[]
}

/** What a test may fix when it creates a fan; everything else gets a plausible default. */
export type FanInit = Partial<Omit<Fan, 'tags'>> & { readonly tags?: readonly number[] }

/** The helpers a test uses to arrange followers (`emulator.fans`). AppIDs are case-insensitive. */
export interface FanHelpers {
  /** Adds a fan (following, since now, unless `init` says otherwise) and returns it. */
  create(appid: string, init?: FanInit): Fan
  /** Makes a known fan follow again: `subscribe_time` becomes now. */
  subscribe(appid: string, openid: string, scene?: SubscribeScene): Fan
  /** Makes a known fan stop following; the profile stays, as WeChat still knows the OpenID. */
  unsubscribe(appid: string, openid: string): Fan
  /** A fan of the account, or `undefined`. */
  get(appid: string, openid: string): Fan | undefined
  /** Every fan the account knows, followers or not, in the order they were added. */
  list(appid: string): readonly Fan[]
}

/** How many demo fans each configured account starts with. */
export const DEMO_FANS = 5

const DAY_S = 86_400

// The languages `lang` can name; a fan's `language` is one of them in practice.
const DEMO_LANGUAGES = ['zh_CN', 'zh_TW', 'en'] as const

/** Fans (in follow order) and blacklists (in blacklisting order) as plain data. */
export interface FanSnapshot {
  readonly fans: readonly { readonly appid: string; readonly fans: readonly Fan[] }[]
  readonly blacklists: readonly { readonly appid: string; readonly openids: readonly string[] }[]
}

/** All accounts' fans and blacklists. */
export class FanStore implements FanHelpers {
  readonly #fans = new Map<string, Map<string, Fan>>()
  readonly #blacklists = new Map<string, Set<string>>()
  readonly #clock: Clock
  readonly #random: Random

  /** `random` draws OpenIDs and demo profiles; it should not be the token stream (see emulator). */
  constructor(clock: Clock, random: Random) {
    this.#clock = clock
    this.#random = random
  }

  /** Adds `DEMO_FANS` fans to `appid`: varied scenes, languages, one former follower. */
  seed(appid: string): void {
    const now = this.#nowSeconds()
    for (let i = 0; i < DEMO_FANS; i++) {
      this.create(appid, {
        unionid: this.#random() < 0.5 ? `o${randomToken(this.#random, 27)}` : undefined,
        // The last demo fan has left, so a fresh emulator already shows `subscribe: 0`.
        subscribed: i < DEMO_FANS - 1,
        subscribeTime: now - Math.floor(this.#random() * 365 * DAY_S),
        subscribeScene: this.#pick(SUBSCRIBE_SCENES),
        language: this.#pick(DEMO_LANGUAGES),
      })
    }
  }

  create(appid: string, init: FanInit = {}): Fan {
    const fans = this.#of(appid)
    const openid = init.openid ?? this.#freshOpenid(fans)
    if (fans.has(openid)) throw new Error(`fan ${openid} already exists in ${appid}`)
    const fan: Fan = {
      openid,
      unionid: init.unionid,
      subscribed: init.subscribed ?? true,
      subscribeTime: init.subscribeTime ?? this.#nowSeconds(),
      subscribeScene: init.subscribeScene ?? 'ADD_SCENE_OTHERS',
      language: init.language ?? 'zh_CN',
      remark: init.remark ?? '',
      tags: [...(init.tags ?? [])],
    }
    fans.set(openid, fan)
    return fan
  }

  subscribe(appid: string, openid: string, scene: SubscribeScene = 'ADD_SCENE_OTHERS'): Fan {
    const fan = this.#known(appid, openid)
    fan.subscribed = true
    fan.subscribeTime = this.#nowSeconds()
    fan.subscribeScene = scene
    return fan
  }

  unsubscribe(appid: string, openid: string): Fan {
    const fan = this.#known(appid, openid)
    fan.subscribed = false
    return fan
  }

  get(appid: string, openid: string): Fan | undefined {
    return this.#fans.get(appid.toLowerCase())?.get(openid)
  }

  list(appid: string): readonly Fan[] {
    return [...this.#of(appid).values()]
  }

  /** The account's followers (subscribed fans), in the order they were added. */
  followers(appid: string): Fan[] {
    return this.list(appid).filter((fan) => fan.subscribed)
  }

  /** The account's blacklist, in blacklisting order (the order `getblacklist` pages in). */
  blacklist(appid: string): Set<string> {
    const key = appid.toLowerCase()
    let set = this.#blacklists.get(key)
    if (!set) this.#blacklists.set(key, (set = new Set<string>()))
    return set
  }

  /** The fans and blacklists as plain data. */
  snapshot(): FanSnapshot {
    return {
      fans: [...this.#fans].map(([appid, fans]) => ({ appid, fans: [...fans.values()] })),
      blacklists: [...this.#blacklists].map(([appid, set]) => ({ appid, openids: [...set] })),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: FanSnapshot, keep: KeepAccount): void {
    for (const { appid, fans } of data.fans) {
      if (!keep(appid)) continue
      // Every field named: JSON drops an `undefined` unionid, which `Fan` keeps as a key.
      const restored = fans.map((fan): Fan => ({
        openid: fan.openid,
        unionid: fan.unionid,
        subscribed: fan.subscribed,
        subscribeTime: fan.subscribeTime,
        subscribeScene: fan.subscribeScene,
        language: fan.language,
        remark: fan.remark,
        tags: [...fan.tags],
      }))
      this.#fans.set(appid, new Map(restored.map((fan) => [fan.openid, fan])))
    }
    for (const { appid, openids } of data.blacklists)
      if (keep(appid)) this.#blacklists.set(appid, new Set(openids))
  }

  #of(appid: string): Map<string, Fan> {
    const key = appid.toLowerCase()
    let fans = this.#fans.get(key)
    if (!fans) this.#fans.set(key, (fans = new Map<string, Fan>()))
    return fans
  }

  #known(appid: string, openid: string): Fan {
    const fan = this.get(appid, openid)
    if (!fan) throw new Error(`no fan ${openid} in ${appid}`)
    return fan
  }

  #freshOpenid(fans: ReadonlyMap<string, Fan>): string {
    // 64^27 values: a collision is astronomically unlikely, but a loop costs nothing.
    for (;;) {
      const openid = `o${randomToken(this.#random, 27)}`
      if (!fans.has(openid)) return openid
    }
  }

  #pick<T>(choices: readonly [T, ...T[]]): T {
    return choices[Math.floor(this.#random() * choices.length)] ?? choices[0]
  }

  #nowSeconds(): number {
    return Math.floor(this.#clock.now() / 1000)
  }
}
