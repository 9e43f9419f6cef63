/**
 * Checks on a customer-service message's payload (§6.8), run after the table's schema has fixed
 * its shape: media ids that must exist, text and article limits, and the fields the schema can
 * only type as strings.
 */
import { ERRCODE } from '@wxmp/core'
import type { WireRequestOf } from '@wxmp/spec'
import type { MediaType } from '../media-store.js'
import { WechatError } from '../wechat-error.js'
import { bytes } from './fan-rules.js'
import { newsArticles } from './news-media.js'
import { callerOf } from './handler.js'
import type { HandlerContext } from './handler.js'

/** A `message/custom/send` body as the schema let it through. */
export type CustomMessage = WireRequestOf<'customService.send'>

/** Every msgtype of §6.8; anything else is 40008. */
export const CUSTOM_MSGTYPES = [
  'text',
  'image',
  'voice',
  'video',
  'music',
  'news',
  'mpnews',
  'mpnewsarticle',
  'msgmenu',
  'wxcard',
  'miniprogrampage',
] as const satisfies readonly CustomMessage['msgtype'][]

// Fails to compile when the table gains a msgtype the list above lacks.
const everyMsgtype: Exclude<
  CustomMessage['msgtype'],
  (typeof CUSTOM_MSGTYPES)[number]
> extends never
  ? true
  : never = true
void everyMsgtype

/**
 * A text message's content is at most this many UTF-8 bytes (45002 beyond). [inferred]: §6.8
 * gives no limit; 2048 bytes is the limit commonly reported for customer-service text.
 */
export const MAX_CUSTOM_TEXT_BYTES = 2048

/** News messages carry exactly one article (§3: 45008 beyond, 44003 for none [inferred]). */
export const MAX_CUSTOM_ARTICLES = 1

// Any media the account holds, temporary (within its 3 days) or permanent, of one of `types`.
function checkMedia(ctx: HandlerContext, mediaId: string, types: readonly MediaType[]): void {
  const appid = callerOf(ctx)
  const item =
    ctx.state.media.getTemporary(appid, mediaId) ?? ctx.state.media.getMaterial(appid, mediaId)
  if (!item || !types.includes(item.type)) throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
}

// A thumbnail may be a `thumb` upload or an image ([inferred]: mini-program cards ask for an
// image, music and video for a thumb; WeChat does not say it refuses the other).
const THUMB_TYPES: readonly MediaType[] = ['thumb', 'image']

// 40035 for a field the schema lets through empty ([inferred]: the reference gives no code).
function nonEmpty(value: string): void {
  if (value.trim() === '') throw new WechatError(ERRCODE.INVALID_PARAMETER)
}

const MINI_PROGRAM_APPID = /^wx[0-9a-f]{16}$/i

/**
 * Checks `message`'s payload and its `customservice.kf_account`; throws the errcode WeChat
 * answers. Spends nothing: the window is charged by the caller once this passed.
 */
export function checkCustomMessage(ctx: HandlerContext, message: CustomMessage): void {
  switch (message.msgtype) {
    case 'text':
      if (message.text.content === '') throw new WechatError(ERRCODE.EMPTY_TEXT_CONTENT)
      if (bytes(message.text.content) > MAX_CUSTOM_TEXT_BYTES)
        throw new WechatError(ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT)
      break
    case 'image':
      checkMedia(ctx, message.image.media_id, ['image'])
      break
    case 'voice':
      checkMedia(ctx, message.voice.media_id, ['voice'])
      break
    case 'video':
      checkMedia(ctx, message.video.media_id, ['video'])
      checkMedia(ctx, message.video.thumb_media_id, THUMB_TYPES)
      break
    case 'music':
      checkMedia(ctx, message.music.thumb_media_id, THUMB_TYPES)
      break
    case 'news':
      if (message.news.articles.length === 0) throw new WechatError(ERRCODE.EMPTY_NEWS_DATA)
      if (message.news.articles.length > MAX_CUSTOM_ARTICLES)
        throw new WechatError(ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT)
      break
    case 'mpnews': {
      // News the account holds (uploadnews, a draft or news material), of 1 article (§3, §6.8).
      const articles = newsArticles(ctx.state, callerOf(ctx), message.mpnews.media_id)
      if (!articles) throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
      if (articles.length > 1) throw new WechatError(ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT)
      break
    }
    case 'mpnewsarticle':
      // A published article of the account ([inferred]: 40007 like an unknown media id).
      nonEmpty(message.mpnewsarticle.article_id)
      if (!ctx.state.publications.byArticleId(callerOf(ctx), message.mpnewsarticle.article_id))
        throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
      break
    case 'msgmenu':
      if (message.msgmenu.list.length === 0) throw new WechatError(ERRCODE.INVALID_PARAMETER)
      for (const item of message.msgmenu.list) {
        nonEmpty(item.id)
        nonEmpty(item.content)
      }
      break
    case 'wxcard':
      // No card store: any non-empty card_id is accepted [inferred].
      nonEmpty(message.wxcard.card_id)
      break
    case 'miniprogrampage':
      if (!MINI_PROGRAM_APPID.test(message.miniprogrampage.appid))
        throw new WechatError(ERRCODE.INVALID_APPID)
      checkMedia(ctx, message.miniprogrampage.thumb_media_id, THUMB_TYPES)
      break
  }
  const kfAccount = message.customservice?.kf_account
  // [inferred] Sending as a customer-service account needs one the account has (65401).
  if (kfAccount !== undefined && !ctx.state.kfAccounts.get(callerOf(ctx), kfAccount))
    throw new WechatError(ERRCODE.INVALID_KF_ACCOUNT)
}

/** The payload of `message`: the value under its msgtype's key, as received. */
export function payloadOf(message: CustomMessage): unknown {
  return (message as Record<string, unknown>)[message.msgtype]
}
