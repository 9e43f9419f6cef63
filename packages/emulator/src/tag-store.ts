/**
 * Each account's follower tags (§6.9). Ids 0, 1 and 2 are WeChat's own; 2 (星标组, "starred") is
 * listed by `tags/get` like a created tag, 0 and 1 are not. Created tags get ids from 100 up,
 * never reused, so a deleted id stays invalid.
 */

/** A tag as `tags/get` lists it, minus the follower count (derived from the fans). */
export interface Tag {
  readonly id: number
  name: string
}

/** Ids WeChat keeps for itself: never edited or deleted (45058). */
export const RESERVED_TAG_IDS: ReadonlySet<number> = new Set([0, 1, 2])

/** The starred group every account has; [inferred] it does not count towards the 100. */
export const STARRED_TAG: Readonly<Tag> = Object.freeze({ id: 2, name: '星标组' })

/** At most this many created tags per account (45056). */
export const MAX_TAGS = 100

/** The first id a created tag gets ([obs] ids in the docs' examples are 100 and above). */
export const FIRST_TAG_ID = 100

import type { KeepAccount } from './snapshot/keep-account.js'

/** Each account's tags (the starred group included) and the next id it hands out. */
export interface TagSnapshot {
  readonly accounts: readonly {
    readonly appid: string
    readonly nextId: number
    readonly tags: readonly Tag[]
  }[]
}

interface AccountTags {
  readonly tags: Map<number, Tag>
  nextId: number
}

/** All accounts' tags. */
export class TagStore {
  readonly #accounts = new Map<string, AccountTags>()

  /** The account's tags in id order, the starred group first. */
  list(appid: string): Tag[] {
    return [...this.#of(appid).tags.values()]
  }

  /** The tag with this id, or `undefined`. */
  get(appid: string, id: number): Tag | undefined {
    return this.#of(appid).tags.get(id)
  }

  /** Tags the account created (the starred group excluded). */
  createdCount(appid: string): number {
    return this.list(appid).filter((tag) => !RESERVED_TAG_IDS.has(tag.id)).length
  }

  /** Adds a tag; the caller has checked the name and the count. */
  add(appid: string, name: string): Tag {
    const account = this.#of(appid)
    const tag: Tag = { id: account.nextId++, name }
    account.tags.set(tag.id, tag)
    return tag
  }

  /** Removes a tag; the caller removes it from the fans. */
  remove(appid: string, id: number): void {
    this.#of(appid).tags.delete(id)
  }

  /** The tags as plain data. */
  snapshot(): TagSnapshot {
    return {
      accounts: [...this.#accounts].map(([appid, account]) => ({
        appid,
        nextId: account.nextId,
        tags: [...account.tags.values()],
      })),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: TagSnapshot, keep: KeepAccount): void {
    for (const { appid, nextId, tags } of data.accounts) {
      if (!keep(appid)) continue
      const map = new Map(
        tags.map((tag): [number, Tag] => [tag.id, { id: tag.id, name: tag.name }]),
      )
      this.#accounts.set(appid, { tags: map, nextId })
    }
  }

  #of(appid: string): AccountTags {
    const key = appid.toLowerCase()
    let account = this.#accounts.get(key)
    if (!account) {
      account = { tags: new Map([[STARRED_TAG.id, { ...STARRED_TAG }]]), nextId: FIRST_TAG_ID }
      this.#accounts.set(key, account)
    }
    return account
  }
}
