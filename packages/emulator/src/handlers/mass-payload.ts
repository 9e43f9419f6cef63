/**
 * The message of a mass send or preview (§6.5): its media must exist for the caller, and its
 * msgtype must be one a mass send takes (40008 otherwise, before the schema's 47001).
 */
import { ERRCODE } from '@wxmp/core'
import type { WireRequestOf } from '@wxmp/spec'
import type { MediaType } from '../media-store.js'
import type { NewsArticle } from '../mass-store.js'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { HandlerContext, RawRequest } from './handler.js'
import { newsArticles } from './news-media.js'

/** A mass-send request of any of the three sending endpoints. */
export type MassRequest = WireRequestOf<'mass.send' | 'mass.sendAll' | 'mass.preview'>

/** The msgtypes a mass send takes. */
export const MASS_MSGTYPES: ReadonlySet<string> = new Set([
  'text',
  'voice',
  'images',
  'mpvideo',
  'mpnews',
  'wxcard',
])

/** What the checks learnt about the message: the articles of an `mpnews` send. */
export interface CheckedPayload {
  /** The payload object for the msgtype, as received (`{content}`, `{media_id}`, …). */
  readonly payload: unknown
  readonly articles?: readonly NewsArticle[]
}

/**
 * A precheck: a `msgtype` string a mass send does not know (`news`, `video`, …) → 40008, which
 * the schema would otherwise report as a format error.
 */
export function precheckMsgtype(raw: RawRequest): void {
  const body = raw.body as { msgtype?: unknown } | null
  if (typeof body !== 'object' || body === null) return
  if (typeof body.msgtype === 'string' && !MASS_MSGTYPES.has(body.msgtype))
    throw new WechatError(ERRCODE.INVALID_MESSAGE_TYPE)
}

/**
 * Whether `mediaId` is temporary media or material of the caller of one of `types` ([inferred]:
 * either kind is accepted; the docs name both over the years).
 */
function hasMedia(ctx: HandlerContext, mediaId: string, types: readonly MediaType[]): boolean {
  const appid = callerOf(ctx)
  const temporary = ctx.state.media.getTemporary(appid, mediaId)
  if (temporary && types.includes(temporary.type)) return true
  const material = ctx.state.media.getMaterial(appid, mediaId)
  return material !== undefined && types.includes(material.type)
}

/**
 * Checks the message's media: voice and images must be the caller's media of that type,
 * `mpvideo` an `uploadvideo` id, `mpnews` news (`isNewsMediaId`); 40007 otherwise. An empty text
 * → 44004 and an image post without images → 40007 [inferred]. `wxcard` is not checked (cards
 * are not emulated).
 */
export function checkPayload(ctx: HandlerContext, request: MassRequest): CheckedPayload {
  const appid = callerOf(ctx)
  const invalid = (): never => {
    throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
  }
  switch (request.msgtype) {
    case 'text':
      if (request.text.content.trim() === '') throw new WechatError(ERRCODE.EMPTY_TEXT_CONTENT)
      return { payload: request.text }
    case 'voice':
      if (!hasMedia(ctx, request.voice.media_id, ['voice'])) invalid()
      return { payload: request.voice }
    case 'images':
      if (request.images.media_ids.length === 0) invalid()
      for (const id of request.images.media_ids) if (!hasMedia(ctx, id, ['image'])) invalid()
      return { payload: request.images }
    case 'mpvideo':
      if (!ctx.state.mass.video(appid, request.mpvideo.media_id)) invalid()
      return { payload: request.mpvideo }
    case 'mpnews': {
      const articles = newsArticles(ctx.state, appid, request.mpnews.media_id) ?? invalid()
      return { payload: request.mpnews, articles }
    }
    case 'wxcard':
      return { payload: request.wxcard }
  }
}
