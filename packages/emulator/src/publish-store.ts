/**
 * Publications (发布能力, §6.4): what `freepublish/submit` made of a draft. Publishing takes
 * `PUBLISH_DELAY_MS` on the clock; until then the publication is "publishing" (status 1), then a
 * success (0) with its article_id, or "deleted" (5) once the account deleted every article.
 */
import type { Clock } from '@wxmp/core'
import type { Article } from './news-box.js'
import { articleUrl, randomMid } from './news-box.js'
import type { Random } from './random.js'
import { randomToken } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'

/** How long publishing takes on the clock, in ms: 3 s [inferred: WeChat gives no figure]. */
export const PUBLISH_DELAY_MS = 3000

/** The first publish_id handed out; later ones count up, platform-wide [inferred]. */
export const FIRST_PUBLISH_ID = 2247483649n

/** `publish_status` values the emulator produces (§2.4). */
export const PUBLISH_STATUS = Object.freeze({ SUCCESS: 0, PUBLISHING: 1, ALL_DELETED: 5 })

// The shape of the reference's sample article_id (`b5O2OUs25HBxRceL7hfReg-U9QGeq9zQjiDvy`).
const ARTICLE_ID_LENGTH = 37

/** One publication of one account. */
export interface Publication {
  /** A decimal string: publish_ids are 64-bit (§0). */
  readonly publishId: string
  readonly articleId: string
  /** The published articles, with their public addresses. */
  readonly articles: readonly Article[]
  /** Per article: deleted with `freepublish/delete`. */
  readonly deleted: boolean[]
  /** When the submit came, and when publishing finishes, in clock milliseconds. */
  readonly submittedAt: number
  readonly finishesAt: number
}

/** Publications per account in submit order, and the next publish_id (a decimal string). */
export interface PublishSnapshot {
  readonly nextId: string
  readonly accounts: readonly {
    readonly appid: string
    readonly publications: readonly Publication[]
  }[]
}

/** Publications by (lower-case) AppID, by publish_id and by article_id. */
export class PublishStore {
  private readonly byAccount = new Map<string, Publication[]>()
  private nextId = FIRST_PUBLISH_ID

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  private of(appid: string): Publication[] {
    const key = appid.toLowerCase()
    let list = this.byAccount.get(key)
    if (!list) this.byAccount.set(key, (list = []))
    return list
  }

  /** Starts publishing `articles` (a draft's) for `appid`; they get fresh public addresses. */
  submit(appid: string, articles: readonly Article[]): Publication {
    const now = this.clock.now()
    const mid = randomMid(this.random)
    const publication: Publication = {
      publishId: String(this.nextId++),
      articleId: randomToken(this.random, ARTICLE_ID_LENGTH),
      articles: articles.map((article, i) => ({
        ...article,
        url: articleUrl(this.random, appid, mid, i + 1),
      })),
      deleted: articles.map(() => false),
      submittedAt: now,
      finishesAt: now + PUBLISH_DELAY_MS,
    }
    this.of(appid).push(publication)
    return publication
  }

  /** The publications as plain data. */
  snapshot(): PublishSnapshot {
    return {
      nextId: String(this.nextId),
      accounts: [...this.byAccount].map(([appid, publications]) => ({ appid, publications })),
    }
  }

  /**
   * Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. publish_ids
   * are platform-wide, so the counter goes on from the saved one whichever accounts remain.
   */
  restore(data: PublishSnapshot, keep: KeepAccount): void {
    this.nextId = BigInt(data.nextId)
    for (const { appid, publications } of data.accounts) {
      if (!keep(appid)) continue
      const list = publications.map((each) => ({ ...each, deleted: [...each.deleted] }))
      this.byAccount.set(appid, list)
    }
  }

  /** The account's publication with this publish_id. */
  byPublishId(appid: string, publishId: string): Publication | undefined {
    return this.of(appid).find((each) => each.publishId === publishId)
  }

  /** The account's finished publication with this article_id (it has none while publishing). */
  byArticleId(appid: string, articleId: string): Publication | undefined {
    return this.of(appid).find((each) => each.articleId === articleId && this.isDone(each))
  }

  /** Whether publishing has finished by the clock. */
  isDone(publication: Publication): boolean {
    return this.clock.now() >= publication.finishesAt
  }

  /** Its `publish_status` now. */
  status(publication: Publication): number {
    if (!this.isDone(publication)) return PUBLISH_STATUS.PUBLISHING
    return publication.deleted.every(Boolean) ? PUBLISH_STATUS.ALL_DELETED : PUBLISH_STATUS.SUCCESS
  }

  /** The account's finished publications, most recent first. */
  finishedNewestFirst(appid: string): Publication[] {
    return this.of(appid)
      .filter((each) => this.isDone(each))
      .reverse()
  }
}
