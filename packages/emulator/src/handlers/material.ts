/**
 * Permanent material (§6.3): add, get (bytes, the video's JSON, or a news item's articles),
 * delete, counts and the paged list, and the legacy news material of `add_news`. The library's
 * capacity (100,000 images, 1,000 others) and the in-use refusal (48005) are not emulated.
 */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { WechatError } from '../wechat-error.js'
import { checkArticles } from './article-rules.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'
import { articlesOut, contentOf } from './news-pages.js'
import { receivedFile } from './upload.js'

/** Items per `batchget_material` call: `count` must be 1–20 (§6.3), else 40035 [inferred]. */
export const MAX_BATCHGET_MATERIALS = 20

const OK = { errcode: 0, errmsg: 'ok' } as const

// The `description` form field of a video: the JSON text `{"title", "introduction"}`.
const videoDescription = z.object({
  title: z.string(),
  introduction: z.string().default(''),
})

/** A video's title and introduction; 47001 when the field is missing or not that JSON [inferred]. */
function describeVideo(description: string | undefined): { title: string; introduction: string } {
  let json: unknown
  try {
    json = JSON.parse(description ?? '')
  } catch {
    throw new WechatError(ERRCODE.DATA_FORMAT_ERROR)
  }
  const parsed = videoDescription.safeParse(json)
  if (!parsed.success) throw new WechatError(ERRCODE.DATA_FORMAT_ERROR)
  return parsed.data
}

/** Where the emulator says a video material can be downloaded (not served). */
export function materialVideoUrl(mediaId: string): string {
  return `http://wxmp-emulator.invalid/material/video/${mediaId}`
}

/** The material endpoints this step emulates. */
export const materialHandlers = {
  'material.add': {
    run: (request, ctx) => {
      const video = request.type === 'video' ? describeVideo(request.description) : undefined
      const item = ctx.state.media.addMaterial(
        callerOf(ctx),
        receivedFile(request.type, request.media),
        video,
      )
      return item.url === undefined
        ? { media_id: item.mediaId }
        : { media_id: item.mediaId, url: item.url }
    },
  },
  'material.addNews': {
    run: (request, ctx) => {
      const articles = checkArticles(ctx, request.articles, true)
      return { media_id: ctx.state.newsMaterial.add(callerOf(ctx), articles).mediaId }
    },
  },
  'material.get': {
    run: (request, ctx) => {
      const news = ctx.state.newsMaterial.get(callerOf(ctx), request.media_id)
      if (news) return { news_item: articlesOut(news.articles) }
      const item = ctx.state.media.getMaterial(callerOf(ctx), request.media_id)
      if (!item) throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
      if (item.type === 'video') {
        return {
          title: item.title ?? '',
          description: item.introduction ?? '',
          down_url: materialVideoUrl(item.mediaId),
        }
      }
      return { data: item.bytes, contentType: item.contentType, filename: item.filename }
    },
  },
  'material.delete': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const removed =
        ctx.state.newsMaterial.remove(appid, request.media_id) !== undefined ||
        ctx.state.media.deleteMaterial(appid, request.media_id)
      if (!removed) throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
      return OK
    },
  },
  'material.getCount': {
    run: (_request, ctx) => {
      const items = ctx.state.media.materials(callerOf(ctx))
      const count = (type: string): number => items.filter((item) => item.type === type).length
      // Thumbs are not counted in any of the four totals ([inferred]: the answer has no field).
      return {
        voice_count: count('voice'),
        video_count: count('video'),
        image_count: count('image'),
        news_count: ctx.state.newsMaterial.count(callerOf(ctx)),
      }
    },
  },
  'material.batchGet': {
    run: (request, ctx) => {
      if (request.count < 1 || request.count > MAX_BATCHGET_MATERIALS)
        throw new WechatError(ERRCODE.INVALID_PARAMETER)
      if (request.type === 'news') {
        // Legacy news material only: drafts and publications have lists of their own.
        const news = ctx.state.newsMaterial.newestFirst(callerOf(ctx))
        const page = news.slice(request.offset, request.offset + request.count)
        return {
          total_count: news.length,
          item_count: page.length,
          item: page.map((item) => ({
            media_id: item.mediaId,
            content: contentOf(item),
            update_time: item.updateTime,
          })),
        }
      }
      // Newest first ([inferred]).
      const items = ctx.state.media
        .materials(callerOf(ctx))
        .filter((item) => item.type === request.type)
        .reverse()
      const page = items.slice(request.offset, request.offset + request.count)
      return {
        total_count: items.length,
        item_count: page.length,
        item: page.map((item) => ({
          media_id: item.mediaId,
          name: item.filename,
          update_time: item.updateTime,
          ...(item.url === undefined ? {} : { url: item.url }),
        })),
      }
    },
  },
} satisfies Handlers
