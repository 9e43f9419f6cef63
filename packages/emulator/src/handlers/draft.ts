/**
 * The draft box (§6.4): add, read, replace one article, delete, count and list drafts. A draft
 * leaves the box when it is deleted, published (`freepublish/submit`) or mass-sent.
 */
import { ERRCODE } from '@wxmp/core'
import type { NewsItem } from '../news-box.js'
import { WechatError } from '../wechat-error.js'
import { checkArticle, checkArticles } from './article-rules.js'
import { callerOf } from './handler.js'
import type { HandlerContext, Handlers } from './handler.js'
import { articlesOut, contentOf, pageOf } from './news-pages.js'

const OK = { errcode: 0, errmsg: 'ok' } as const

/** A draft of the caller; 40007 for any other media_id. */
export function existingDraft(ctx: HandlerContext, mediaId: string): NewsItem {
  const draft = ctx.state.drafts.get(callerOf(ctx), mediaId)
  if (!draft) throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
  return draft
}

/** The draft endpoints. */
export const draftHandlers = {
  'draft.add': {
    run: (request, ctx) => {
      const articles = checkArticles(ctx, request.articles, false)
      return { media_id: ctx.state.drafts.add(callerOf(ctx), articles).mediaId }
    },
  },
  'draft.get': {
    run: (request, ctx) => ({
      news_item: articlesOut(existingDraft(ctx, request.media_id).articles),
    }),
  },
  'draft.update': {
    run: (request, ctx) => {
      const draft = existingDraft(ctx, request.media_id)
      // An index past the draft's last article: 40035 [inferred: the reference gives no code].
      if (request.index >= draft.articles.length) throw new WechatError(ERRCODE.INVALID_PARAMETER)
      const article = checkArticle(ctx, request.articles, draft.articles.length === 1, false)
      ctx.state.drafts.replaceArticle(callerOf(ctx), draft.mediaId, request.index, article)
      return OK
    },
  },
  'draft.delete': {
    run: (request, ctx) => {
      if (!ctx.state.drafts.remove(callerOf(ctx), request.media_id))
        throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
      return OK
    },
  },
  'draft.getCount': {
    run: (_request, ctx) => ({ total_count: ctx.state.drafts.count(callerOf(ctx)) }),
  },
  'draft.batchGet': {
    run: (request, ctx) => {
      // Most recently written first [inferred]: an update moves a draft to the top.
      const drafts = ctx.state.drafts.newestFirst(callerOf(ctx))
      const page = pageOf(drafts, request.offset, request.count)
      return {
        total_count: drafts.length,
        item_count: page.length,
        item: page.map((draft) => ({
          media_id: draft.mediaId,
          content: contentOf(draft, request.no_content === 1),
          update_time: draft.updateTime,
        })),
      }
    },
  },
} satisfies Handlers
