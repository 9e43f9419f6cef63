/**
 * Articles (图文) as the material, draft and publish APIs write and read them (§6.3, §6.4).
 * Requests list what a caller may send; responses are lenient (optional fields) because WeChat
 * adds fields to these objects over time.
 */
import { z } from 'zod'
import { flag, uint, unixSeconds } from './schemas.js'

/** An article of the legacy `material/add_news` and `media/uploadnews` (use drafts instead). */
export const legacyArticle = z.object({
  title: z.string(),
  thumb_media_id: z.string(),
  author: z.string().optional(),
  digest: z.string().optional(),
  show_cover_pic: flag.optional(),
  content: z.string(),
  content_source_url: z.string().optional(),
  need_open_comment: flag.optional(),
  only_fans_can_comment: flag.optional(),
})

/**
 * An article of `draft/add` / `draft/update`. `thumb_media_id` is required for `news` (the
 * default type) and replaced by `image_info` for `newspic` image posts.
 */
export const draftArticle = z.object({
  article_type: z.enum(['news', 'newspic']).optional(),
  title: z.string(),
  author: z.string().optional(),
  digest: z.string().optional(),
  content: z.string(),
  content_source_url: z.string().optional(),
  thumb_media_id: z.string().optional(),
  need_open_comment: flag.optional(),
  only_fans_can_comment: flag.optional(),
  pic_crop_235_1: z.string().optional(),
  pic_crop_1_1: z.string().optional(),
  image_info: z
    .object({ image_list: z.array(z.object({ image_media_id: z.string() })) })
    .optional(),
})

/** An article as WeChat returns it (material, draft and published article reads). */
export const articleOut = z.object({
  article_type: z.string().optional(),
  title: z.string(),
  author: z.string().optional(),
  digest: z.string().optional(),
  content: z.string().optional(),
  content_source_url: z.string().optional(),
  thumb_media_id: z.string().optional(),
  thumb_url: z.string().optional(),
  show_cover_pic: flag.optional(),
  need_open_comment: flag.optional(),
  only_fans_can_comment: flag.optional(),
  url: z.string().optional(),
  is_deleted: z.boolean().optional(),
})

/** `{news_item: [...]}`, the article list of one news item. */
export const newsItems = z.object({ news_item: z.array(articleOut) })

/** The `content` of a batchget item: its articles and times. */
export const newsContent = z.object({
  news_item: z.array(articleOut),
  create_time: unixSeconds.optional(),
  update_time: unixSeconds.optional(),
})

/** The body of the paged list calls (`draft/batchget`, `freepublish/batchget`). */
export const pageRequest = z.object({
  offset: uint,
  count: uint,
  no_content: flag.optional(),
})
