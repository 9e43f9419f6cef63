/**
 * A box of news items (图文), per account: the draft box (§6.4) and the legacy permanent news
 * material (`material/add_news`, §6.3) are both one of these. An item is a media_id with its
 * articles; each article carries the address WeChat would show it at.
 */
import type { Clock } from '@wxmp/core'
import type { Random } from './random.js'
import { randomHex, randomToken } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'

/** An article as the platform keeps it and answers it (`news_item[]`). */
export interface Article {
  /** `news` or `newspic`; absent for legacy news material, which has no type. */
  readonly article_type?: 'news' | 'newspic'
  readonly title: string
  readonly author: string
  readonly digest: string
  readonly content: string
  readonly content_source_url: string
  /** The cover's permanent material id; absent for `newspic`. */
  readonly thumb_media_id?: string
  /** The cover's picture address; absent for `newspic`. */
  readonly thumb_url?: string
  readonly show_cover_pic: 0 | 1
  readonly need_open_comment: 0 | 1
  readonly only_fans_can_comment: 0 | 1
  readonly pic_crop_235_1?: string
  readonly pic_crop_1_1?: string
  /** `newspic` only: its pictures, the first one being the cover. */
  readonly image_info?: { readonly image_list: readonly { readonly image_media_id: string }[] }
  /** Where the article can be read (a preview address while it is a draft). */
  readonly url: string
}

/** An article before the box gives it its address. */
export type ArticleInput = Omit<Article, 'url'>

/** One item of the box. */
export interface NewsItem {
  readonly mediaId: string
  readonly articles: readonly Article[]
  /** Unix seconds. */
  readonly createTime: number
  /** Unix seconds; moves on `replaceArticle`. */
  readonly updateTime: number
}

// Observed: draft and permanent media_ids have the same 43-character shape.
const MEDIA_ID_LENGTH = 43

/**
 * An `mp.weixin.qq.com/s?…` address of article `idx` (1-based) of a message. `__biz` names the
 * account (base64 of a decimal number, as in real links), `mid` the message, `sn` is a random
 * signature, so two addresses never collide.
 */
export function articleUrl(random: Random, appid: string, mid: number, idx: number): string {
  return `http://mp.weixin.qq.com/s?__biz=${bizOf(appid)}&mid=${mid}&idx=${idx}&sn=${randomHex(random, 32)}#rd`
}

/** A message id like WeChat's (2^31 and up for the accounts' own articles). */
export function randomMid(random: Random): number {
  return 2 ** 31 + Math.floor(random() * 1e7)
}

/** The account's `__biz`: base64 of a 10-digit number derived from the AppID. */
function bizOf(appid: string): string {
  let hash = 0
  for (const char of appid.toLowerCase()) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) >>> 0
  return Buffer.from(String(3_000_000_000 + (hash % 1_000_000_000))).toString('base64')
}

/** A box's items per account, oldest written first. */
export interface NewsBoxSnapshot {
  readonly accounts: readonly { readonly appid: string; readonly items: readonly NewsItem[] }[]
}

/** News items by (lower-case) AppID, in the order they were last written. */
export class NewsBox {
  private readonly items = new Map<string, Map<string, NewsItem>>()

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  private seconds(): number {
    return Math.floor(this.clock.now() / 1000)
  }

  private itemsOf(appid: string): Map<string, NewsItem> {
    const key = appid.toLowerCase()
    let items = this.items.get(key)
    if (!items) this.items.set(key, (items = new Map<string, NewsItem>()))
    return items
  }

  /** Keeps `articles` as a new item of `appid`; each gets its address. */
  add(appid: string, articles: readonly ArticleInput[]): NewsItem {
    const mid = randomMid(this.random)
    const now = this.seconds()
    const item: NewsItem = {
      mediaId: randomToken(this.random, MEDIA_ID_LENGTH),
      articles: articles.map((article, i) => ({
        ...article,
        url: articleUrl(this.random, appid, mid, i + 1),
      })),
      createTime: now,
      updateTime: now,
    }
    this.itemsOf(appid).set(item.mediaId, item)
    return item
  }

  /** Whether `mediaId` is an item of `appid` (for mass `mpnews` sends, which take a draft). */
  has(appid: string, mediaId: string): boolean {
    return this.itemsOf(appid).has(mediaId)
  }

  /** The item, when `appid` has it. */
  get(appid: string, mediaId: string): NewsItem | undefined {
    return this.itemsOf(appid).get(mediaId)
  }

  /**
   * Takes the item out of the box (deleted, published or mass-sent); returns it, or `undefined`
   * when it was not there.
   */
  remove(appid: string, mediaId: string): NewsItem | undefined {
    const items = this.itemsOf(appid)
    const item = items.get(mediaId)
    items.delete(mediaId)
    return item
  }

  /**
   * Replaces article `index` (0-based) of an item, which keeps the article's address; the item
   * becomes the most recently written. Returns the updated item, `undefined` when either is absent.
   */
  replaceArticle(
    appid: string,
    mediaId: string,
    index: number,
    article: ArticleInput,
  ): NewsItem | undefined {
    const items = this.itemsOf(appid)
    const item = items.get(mediaId)
    const old = item?.articles[index]
    if (!item || !old) return undefined
    const articles = item.articles.map((each, i) =>
      i === index ? { ...article, url: old.url } : each,
    )
    const updated: NewsItem = { ...item, articles, updateTime: this.seconds() }
    // Re-inserting moves it to the end: the list order is "last written".
    items.delete(mediaId)
    items.set(mediaId, updated)
    return updated
  }

  /** The account's items, most recently written first. */
  newestFirst(appid: string): NewsItem[] {
    return [...this.itemsOf(appid).values()].reverse()
  }

  /** The box as plain data. */
  snapshot(): NewsBoxSnapshot {
    return {
      accounts: [...this.items].map(([appid, items]) => ({ appid, items: [...items.values()] })),
    }
  }

  /** Loads a snapshot into this (fresh) box, the accounts `keep` refuses left out. */
  restore(data: NewsBoxSnapshot, keep: KeepAccount): void {
    for (const { appid, items } of data.accounts)
      if (keep(appid)) this.items.set(appid, new Map(items.map((item) => [item.mediaId, item])))
  }

  /** How many items `appid` has. */
  count(appid: string): number {
    return this.itemsOf(appid).size
  }
}
