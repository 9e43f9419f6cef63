/**
 * WeChat's checks on articles (§6.3, §6.4), shared by drafts and legacy news material: field
 * lengths, the content size, and media ids that must be the account's permanent material.
 * Lengths count characters (Unicode code points), as the reference words them.
 */
import { ERRCODE } from '@wxmp/core'
import type { WireRequestOf } from '@wxmp/spec'
import type { ArticleInput } from '../news-box.js'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { HandlerContext } from './handler.js'

/** `title` ≤ 32 characters (45003). */
export const MAX_TITLE_CHARS = 32
/** `author` ≤ 16 characters (45110). */
export const MAX_AUTHOR_CHARS = 16
/** `digest` ≤ 128 characters (45004). */
export const MAX_DIGEST_CHARS = 128
/** `content`: fewer than 20,000 characters of text… (45002) */
export const MAX_CONTENT_CHARS = 20_000
/** …and fewer than 1 MB of HTML (45002). */
export const MAX_CONTENT_BYTES = 1024 * 1024
/** Articles per draft or news material: 8 [inferred], 45008 beyond; none is 44003 [inferred]. */
export const MAX_ARTICLES = 8
/** Pictures of a `newspic` post: 20 [inferred from the docs' 最多20张], 40035 beyond. */
export const MAX_NEWSPIC_IMAGES = 20
/** A single article without a digest gets the first 54 characters of its text (§6.4). */
export const DEFAULT_DIGEST_CHARS = 54

/** An article of `draft/add` / `draft/update`. */
export type DraftArticleIn = WireRequestOf<'draft.add'>['articles'][number]
/** An article of the legacy `material/add_news`. */
export type LegacyArticleIn = WireRequestOf<'material.addNews'>['articles'][number]

const chars = (text: string): number => [...text].length

const SCRIPT = /<script\b[\s\S]*?<\/script\s*>/gi

/** The article's readable text: scripts and tags removed, whitespace runs collapsed. */
function textOf(html: string): string {
  return html
    .replace(SCRIPT, '')
    .replace(/<[^>]*>/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * 45002 when the content is too big. The reference gives two limits, "< 20,000 characters and
 * < 1 MB"; read literally both would count the same string and the first would always win, so the
 * characters are those of the text without tags and the bytes those of the HTML [inferred].
 */
function checkContent(content: string): void {
  if (
    Buffer.byteLength(content, 'utf8') >= MAX_CONTENT_BYTES ||
    chars(textOf(content)) >= MAX_CONTENT_CHARS
  )
    throw new WechatError(ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT)
}

/**
 * A permanent material image (or thumb, when `thumbs` allows it) of the caller; 40007 for an
 * absent, unknown, temporary or other-type id (an absent id is an invalid one [inferred]).
 */
function permanentPicture(ctx: HandlerContext, mediaId: string | undefined, thumbs: boolean) {
  const item =
    mediaId === undefined ? undefined : ctx.state.media.getMaterial(callerOf(ctx), mediaId)
  if (!item || !(item.type === 'image' || (thumbs && item.type === 'thumb')))
    throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
  return item
}

/** The cover of a `news` article: `thumb_media_id` and its picture address. */
function cover(ctx: HandlerContext, mediaId: string | undefined) {
  const item = permanentPicture(ctx, mediaId, true)
  // Thumbs have no address of their own in the library; one is made up for the article.
  return { thumb_media_id: item.mediaId, thumb_url: item.url ?? ctx.state.media.imageUrl(item) }
}

/** The pictures of a `newspic` post: 1–20 permanent images. */
function pictures(ctx: HandlerContext, article: DraftArticleIn) {
  const list = article.image_info?.image_list ?? []
  if (list.length === 0) throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
  if (list.length > MAX_NEWSPIC_IMAGES) throw new WechatError(ERRCODE.INVALID_PARAMETER)
  for (const image of list) permanentPicture(ctx, image.image_media_id, false)
  return {
    image_info: { image_list: list.map((image) => ({ image_media_id: image.image_media_id })) },
  }
}

/**
 * One article as the platform keeps it, or the errcode of its first broken rule: title 45003,
 * author 45110, digest 45004, content 45002, then the media ids 40007. `single` says whether it
 * is the item's only article: only those have a digest (§6.4: "single article only").
 */
export function checkArticle(
  ctx: HandlerContext,
  article: DraftArticleIn | LegacyArticleIn,
  single: boolean,
  legacy: boolean,
): ArticleInput {
  const author = article.author ?? ''
  const digest = article.digest ?? ''
  if (chars(article.title) > MAX_TITLE_CHARS) throw new WechatError(ERRCODE.TITLE_SIZE_OUT_OF_LIMIT)
  if (chars(author) > MAX_AUTHOR_CHARS) throw new WechatError(ERRCODE.AUTHOR_SIZE_OUT_OF_LIMIT)
  if (chars(digest) > MAX_DIGEST_CHARS) throw new WechatError(ERRCODE.DESCRIPTION_SIZE_OUT_OF_LIMIT)
  checkContent(article.content)

  const draft = legacy ? undefined : (article as DraftArticleIn)
  const type = draft?.article_type ?? 'news'
  const media =
    draft && type === 'newspic' ? pictures(ctx, draft) : cover(ctx, article.thumb_media_id)
  const content = article.content.replace(SCRIPT, '')
  return {
    ...(draft ? { article_type: type } : {}),
    title: article.title,
    author,
    digest: single
      ? (article.digest ?? [...textOf(content)].slice(0, DEFAULT_DIGEST_CHARS).join(''))
      : '',
    content,
    content_source_url: article.content_source_url ?? '',
    ...media,
    show_cover_pic: legacy ? ((article as LegacyArticleIn).show_cover_pic ?? 0) : 0,
    need_open_comment: article.need_open_comment ?? 0,
    only_fans_can_comment: article.only_fans_can_comment ?? 0,
    ...(draft?.pic_crop_235_1 === undefined ? {} : { pic_crop_235_1: draft.pic_crop_235_1 }),
    ...(draft?.pic_crop_1_1 === undefined ? {} : { pic_crop_1_1: draft.pic_crop_1_1 }),
  }
}

/** The articles of a new item: 1–8 (44003 none, 45008 more), each by `checkArticle`. */
export function checkArticles(
  ctx: HandlerContext,
  articles: readonly (DraftArticleIn | LegacyArticleIn)[],
  legacy: boolean,
): ArticleInput[] {
  if (articles.length === 0) throw new WechatError(ERRCODE.EMPTY_NEWS_DATA)
  if (articles.length > MAX_ARTICLES) throw new WechatError(ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT)
  return articles.map((article) => checkArticle(ctx, article, articles.length === 1, legacy))
}
