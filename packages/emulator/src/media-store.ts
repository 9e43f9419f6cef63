/**
 * Media the platform keeps per account (§6.2, §6.3): temporary media for 3 days on the clock,
 * and the permanent material library. Bytes are stored as received.
 */
import type { Clock } from '@wxmp/core'
import { TEMPORARY_MEDIA_TTL_SECONDS } from '@wxmp/spec'
import type { Random } from './random.js'
import { randomToken } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'

/** The kinds of temporary media and of non-news material. */
export type MediaType = 'image' | 'voice' | 'video' | 'thumb'

/** A file to keep: what `registerTemporaryMedia` takes. */
export interface MediaFile {
  readonly type: MediaType
  readonly bytes: Uint8Array
  readonly contentType: string
  readonly filename: string
}

/** A temporary media item. */
export interface TemporaryMedia extends MediaFile {
  readonly mediaId: string
  /** Unix seconds. */
  readonly createdAt: number
}

/** A permanent material item (not news). */
export interface Material extends MediaFile {
  readonly mediaId: string
  /** Unix seconds. */
  readonly updateTime: number
  /** Images only: the picture's CDN address. */
  readonly url?: string
  /** Videos only: the `description` form field's title and introduction. */
  readonly title?: string
  readonly introduction?: string
}

/** How long temporary media lives: 3 days (§6.2), the spec's constant. */
export const TEMPORARY_TTL_SECONDS = TEMPORARY_MEDIA_TTL_SECONDS

// Observed lengths: temporary media_ids are 64 characters, permanent ones 43.
const TEMPORARY_ID_LENGTH = 64
const PERMANENT_ID_LENGTH = 43

/**
 * Temporary media and material as plain data, in upload order. The files' bytes stay bytes: the
 * snapshot file keeps them as BLOBs beside the JSON.
 */
export interface MediaSnapshot {
  readonly temporary: readonly {
    readonly appid: string
    readonly items: readonly TemporaryMedia[]
  }[]
  readonly permanent: readonly { readonly appid: string; readonly items: readonly Material[] }[]
}

/** Temporary media and material, by (lower-case) AppID. */
export class MediaStore {
  private readonly temporary = new Map<string, Map<string, TemporaryMedia>>()
  private readonly permanent = new Map<string, Map<string, Material>>()

  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  private seconds(): number {
    return Math.floor(this.clock.now() / 1000)
  }

  private temporaryOf(appid: string): Map<string, TemporaryMedia> {
    const key = appid.toLowerCase()
    let items = this.temporary.get(key)
    if (!items) this.temporary.set(key, (items = new Map<string, TemporaryMedia>()))
    return items
  }

  private permanentOf(appid: string): Map<string, Material> {
    const key = appid.toLowerCase()
    let items = this.permanent.get(key)
    if (!items) this.permanent.set(key, (items = new Map<string, Material>()))
    return items
  }

  /** Keeps `file` as temporary media of `appid` for 3 days; returns it with its new media_id. */
  addTemporary(appid: string, file: MediaFile): TemporaryMedia {
    const item: TemporaryMedia = {
      ...file,
      bytes: new Uint8Array(file.bytes),
      mediaId: randomToken(this.random, TEMPORARY_ID_LENGTH),
      createdAt: this.seconds(),
    }
    this.temporaryOf(appid).set(item.mediaId, item)
    return item
  }

  /** A temporary media item still within its 3 days; an expired one is forgotten. */
  getTemporary(appid: string, mediaId: string): TemporaryMedia | undefined {
    const items = this.temporaryOf(appid)
    const item = items.get(mediaId)
    if (item && this.seconds() >= item.createdAt + TEMPORARY_TTL_SECONDS) {
      items.delete(mediaId)
      return undefined
    }
    return item
  }

  /** A CDN-style address for an image (`uploadimg`, image material). */
  imageUrl(file: MediaFile): string {
    const format = file.filename.toLowerCase().endsWith('.png') ? 'png' : 'jpg'
    return `http://mmbiz.qpic.cn/mmbiz_${format}/${randomToken(this.random, 32)}/0?wx_fmt=${format}`
  }

  /** Adds a material item; images get a `url`. */
  addMaterial(
    appid: string,
    file: MediaFile,
    video?: { readonly title: string; readonly introduction: string },
  ): Material {
    const item: Material = {
      ...file,
      ...video,
      bytes: new Uint8Array(file.bytes),
      mediaId: randomToken(this.random, PERMANENT_ID_LENGTH),
      updateTime: this.seconds(),
      ...(file.type === 'image' ? { url: this.imageUrl(file) } : {}),
    }
    this.permanentOf(appid).set(item.mediaId, item)
    return item
  }

  getMaterial(appid: string, mediaId: string): Material | undefined {
    return this.permanentOf(appid).get(mediaId)
  }

  /** Whether it existed. */
  deleteMaterial(appid: string, mediaId: string): boolean {
    return this.permanentOf(appid).delete(mediaId)
  }

  /** The media as plain data (expired temporary media is left out). */
  snapshot(): MediaSnapshot {
    const now = this.seconds()
    return {
      temporary: [...this.temporary].map(([appid, items]) => ({
        appid,
        items: [...items.values()].filter((item) => now < item.createdAt + TEMPORARY_TTL_SECONDS),
      })),
      permanent: [...this.permanent].map(([appid, items]) => ({
        appid,
        items: [...items.values()],
      })),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: MediaSnapshot, keep: KeepAccount): void {
    for (const { appid, items } of data.temporary)
      if (keep(appid)) this.temporary.set(appid, new Map(items.map((item) => [item.mediaId, item])))
    for (const { appid, items } of data.permanent)
      if (keep(appid)) this.permanent.set(appid, new Map(items.map((item) => [item.mediaId, item])))
  }

  /** The account's material, oldest first. */
  materials(appid: string): Material[] {
    return [...this.permanentOf(appid).values()]
  }
}
