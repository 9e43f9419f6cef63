/**
 * Mass sends (群发, §6.5) per account: submitted jobs and their status, `clientmsgid`s, the send
 * speed, and the news and videos uploaded for mass sends (`media/uploadnews`, `uploadvideo`).
 */
import type { Clock } from '@wxmp/core'
import { TEMPORARY_TTL_SECONDS } from './media-store.js'
import { ridAt } from './message-ids.js'
import type { Random } from './random.js'
import { randomToken } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'

/** `msg_status` of a job, as `mass/get` answers it. */
export type MassStatus = 'SENDING' | 'SEND_SUCCESS' | 'DELETE'

/** One submitted mass send. */
export interface MassJob {
  readonly msgId: string
  /** Article sends only (`mpnews`). */
  readonly msgDataId?: string
  readonly msgtype: string
  /** The followers it was delivered to. */
  readonly recipients: readonly string[]
  /** Clock milliseconds. */
  readonly createdAt: number
  /** When the job finishes (MASSSENDJOBFINISH is due), clock milliseconds. */
  readonly finishesAt: number
  /** The sent articles' addresses, in article order (`mpnews` only). */
  readonly articleUrls: readonly string[]
  /** 1-based indexes of the articles deleted one by one. */
  readonly deletedArticles: Set<number>
  deleted: boolean
}

/** An article of `media/uploadnews`, as kept for sends (its title is all a send needs). */
export interface NewsArticle {
  readonly title: string
}

/** A `media/uploadnews` item. */
export interface UploadedNews {
  readonly mediaId: string
  readonly articles: readonly NewsArticle[]
  /** Unix seconds. */
  readonly createdAt: number
}

/** A `media/uploadvideo` item: the `mpvideo` media_id of a temporary video. */
export interface UploadedVideo {
  readonly mediaId: string
  readonly sourceMediaId: string
  readonly title: string
  readonly description: string
  /** Unix seconds. */
  readonly createdAt: number
}

/** Speeds 0–4 and what each sends, in ten-thousands of users a minute (§6.5). */
export const MASS_REALSPEEDS: readonly number[] = [80, 60, 45, 30, 10]

/**
 * The speed a fresh account has: 0, the fastest ([inferred]: the reference gives none; its
 * `speed/get` example shows 3).
 */
export const DEFAULT_MASS_SPEED = 0

/** The first `msg_id` ([inferred]: 10 digits, like the docs' `1000001625`). */
export const FIRST_MASS_MSG_ID = 1_000_000_001

/** The first `msg_data_id` ([inferred]: the scale of the docs' article ids). */
export const FIRST_MSG_DATA_ID = 2_247_483_649

// uploadnews / uploadvideo media_ids look like temporary media's: 64 characters.
const UPLOAD_ID_LENGTH = 64

interface AccountMass {
  readonly jobs: Map<string, MassJob>
  /** clientmsgid (or the content digest standing in for it) → the job and its first attempt. */
  readonly clientMsgIds: Map<string, { readonly msgId: string; readonly at: number }>
  speed: number
  readonly news: Map<string, UploadedNews>
  readonly videos: Map<string, UploadedVideo>
  /** WeChat ids (微信号) for `preview`'s `towxname`, → OpenID. */
  readonly wxnames: Map<string, string>
}

/** A job as plain data: the deleted article indexes as an array. */
export type MassJobSnapshot = Omit<MassJob, 'deletedArticles'> & {
  readonly deletedArticles: readonly number[]
}

/** The platform-wide id counters and each account's jobs, speed, uploads and WeChat ids. */
export interface MassSnapshot {
  readonly nextMsgId: number
  readonly nextMsgDataId: number
  readonly accounts: readonly {
    readonly appid: string
    readonly jobs: readonly MassJobSnapshot[]
    readonly clientMsgIds: readonly (readonly [
      key: string,
      first: { readonly msgId: string; readonly at: number },
    ])[]
    readonly speed: number
    readonly news: readonly UploadedNews[]
    readonly videos: readonly UploadedVideo[]
    readonly wxnames: readonly (readonly [wxname: string, openid: string])[]
  }[]
}

/** All accounts' mass sends. */
export class MassStore {
  readonly #accounts = new Map<string, AccountMass>()
  readonly #clock: Clock
  readonly #random: Random
  #nextMsgId = FIRST_MASS_MSG_ID
  #nextMsgDataId = FIRST_MSG_DATA_ID

  /** `random` draws media_ids, article URLs and rids; a stream of its own (see emulator). */
  constructor(clock: Clock, random: Random) {
    this.#clock = clock
    this.#random = random
  }

  /** A new mass or preview `msg_id` (unique across accounts). */
  nextMsgId(): string {
    return String(this.#nextMsgId++)
  }

  /** A new `msg_data_id`. */
  nextMsgDataId(): string {
    return String(this.#nextMsgDataId++)
  }

  /** Keeps a job. */
  addJob(appid: string, job: MassJob): void {
    this.#of(appid).jobs.set(job.msgId, job)
  }

  /** A job of the account, or `undefined`. */
  job(appid: string, msgId: string): MassJob | undefined {
    return this.#of(appid).jobs.get(msgId)
  }

  /** A job's status at `now`: deleted, else sending until it finishes. */
  statusOf(job: MassJob, now: number): MassStatus {
    if (job.deleted) return 'DELETE'
    return now < job.finishesAt ? 'SENDING' : 'SEND_SUCCESS'
  }

  /** The first send with this clientmsgid (or digest), or `undefined`. */
  clientMsgId(
    appid: string,
    key: string,
  ): { readonly msgId: string; readonly at: number } | undefined {
    return this.#of(appid).clientMsgIds.get(key)
  }

  /** Remembers the clientmsgid (or digest) of an accepted send. */
  rememberClientMsgId(appid: string, key: string, msgId: string, at: number): void {
    this.#of(appid).clientMsgIds.set(key, { msgId, at })
  }

  /** The account's speed, 0–4. */
  speed(appid: string): number {
    return this.#of(appid).speed
  }

  /** Sets the speed; the caller has checked the range. */
  setSpeed(appid: string, speed: number): void {
    this.#of(appid).speed = speed
  }

  /** Keeps uploaded news for 3 days (like temporary media); returns it with its media_id. */
  addNews(appid: string, articles: readonly NewsArticle[]): UploadedNews {
    const item: UploadedNews = {
      mediaId: randomToken(this.#random, UPLOAD_ID_LENGTH),
      articles,
      createdAt: this.#seconds(),
    }
    this.#of(appid).news.set(item.mediaId, item)
    return item
  }

  /** Uploaded news still within its 3 days, or `undefined`. */
  news(appid: string, mediaId: string): UploadedNews | undefined {
    return this.#live(this.#of(appid).news, mediaId)
  }

  /** Keeps an `mpvideo` item for 3 days; returns it. */
  addVideo(appid: string, video: Omit<UploadedVideo, 'mediaId' | 'createdAt'>): UploadedVideo {
    const item: UploadedVideo = {
      ...video,
      mediaId: randomToken(this.#random, UPLOAD_ID_LENGTH),
      createdAt: this.#seconds(),
    }
    this.#of(appid).videos.set(item.mediaId, item)
    return item
  }

  /** An `mpvideo` item still within its 3 days, or `undefined`. */
  video(appid: string, mediaId: string): UploadedVideo | undefined {
    return this.#live(this.#of(appid).videos, mediaId)
  }

  /** An article address for a sent article (`https://mp.weixin.qq.com/s/…`). */
  articleUrl(): string {
    return `https://mp.weixin.qq.com/s/${randomToken(this.#random, 22)}`
  }

  /** Lets `preview` reach `openid` by its WeChat id (`towxname`). For tests. */
  bindWxname(appid: string, wxname: string, openid: string): void {
    this.#of(appid).wxnames.set(wxname, openid)
  }

  /** The OpenID bound to a WeChat id, or `undefined`. */
  openidOfWxname(appid: string, wxname: string): string | undefined {
    return this.#of(appid).wxnames.get(wxname)
  }

  /** A rid for an error answer a handler renders itself (45065 carries the msg_id). */
  rid(): string {
    return ridAt(this.#clock.now(), this.#random)
  }

  /** The mass sends as plain data. */
  snapshot(): MassSnapshot {
    return {
      nextMsgId: this.#nextMsgId,
      nextMsgDataId: this.#nextMsgDataId,
      accounts: [...this.#accounts].map(([appid, account]) => ({
        appid,
        jobs: [...account.jobs.values()].map((job) => ({
          ...job,
          deletedArticles: [...job.deletedArticles],
        })),
        clientMsgIds: [...account.clientMsgIds],
        speed: account.speed,
        news: [...account.news.values()],
        videos: [...account.videos.values()],
        wxnames: [...account.wxnames],
      })),
    }
  }

  /**
   * Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. The msg_id
   * counters are platform-wide: they go on from the saved ones whichever accounts remain.
   */
  restore(data: MassSnapshot, keep: KeepAccount): void {
    this.#nextMsgId = data.nextMsgId
    this.#nextMsgDataId = data.nextMsgDataId
    for (const account of data.accounts) {
      if (!keep(account.appid)) continue
      this.#accounts.set(account.appid, {
        jobs: new Map(
          account.jobs.map((job): [string, MassJob] => [
            job.msgId,
            { ...job, deletedArticles: new Set(job.deletedArticles) },
          ]),
        ),
        clientMsgIds: new Map(account.clientMsgIds),
        speed: account.speed,
        news: new Map(account.news.map((item) => [item.mediaId, item])),
        videos: new Map(account.videos.map((item) => [item.mediaId, item])),
        wxnames: new Map(account.wxnames),
      })
    }
  }

  #live<T extends { readonly createdAt: number }>(
    items: Map<string, T>,
    id: string,
  ): T | undefined {
    const item = items.get(id)
    if (item && this.#seconds() >= item.createdAt + TEMPORARY_TTL_SECONDS) {
      items.delete(id)
      return undefined
    }
    return item
  }

  #seconds(): number {
    return Math.floor(this.#clock.now() / 1000)
  }

  #of(appid: string): AccountMass {
    const key = appid.toLowerCase()
    let account = this.#accounts.get(key)
    if (!account) {
      account = {
        jobs: new Map(),
        clientMsgIds: new Map(),
        speed: DEFAULT_MASS_SPEED,
        news: new Map(),
        videos: new Map(),
        wxnames: new Map(),
      }
      this.#accounts.set(key, account)
    }
    return account
  }
}
