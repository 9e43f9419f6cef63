/**
 * Publishing (发布能力, §6.4): a draft leaves the box and becomes a publication that is
 * "publishing" for `PUBLISH_DELAY_MS` on the clock, then published with an article_id. The
 * `PUBLISHJOBFINISH` push (§2.4) is scheduled in the outbox for that moment at submit time.
 */
import { createHash } from 'node:crypto'
import { ERRCODE } from '@wxmp/core'
import type { Article } from '../news-box.js'
import type { Publication } from '../publish-store.js'
import { PUBLISH_STATUS } from '../publish-store.js'
import { WechatError } from '../wechat-error.js'
import { existingDraft } from './draft.js'
import { callerOf } from './handler.js'
import type { HandlerContext, Handlers } from './handler.js'
import { articlesOut, pageOf } from './news-pages.js'

const OK = { errcode: 0, errmsg: 'ok' } as const

/**
 * The `FromUserName` of an account's `PUBLISHJOBFINISH` pushes. WeChat's sample shows an
 * OpenID-shaped value without saying whose; the emulator uses one fixed OpenID per account,
 * derived from its AppID so it never shifts seeded ids [inferred].
 */
export function publisherOpenId(appid: string): string {
  const digest = createHash('sha256').update(`wxmp-publisher:${appid.toLowerCase()}`).digest()
  return `o${digest.toString('base64url').slice(0, 27)}`
}

/** 40035 for a publish_id the caller does not have [inferred: the reference gives no code]. */
function existingPublication(ctx: HandlerContext, publishId: string | number): Publication {
  const publication = ctx.state.publications.byPublishId(callerOf(ctx), String(publishId))
  if (!publication) throw new WechatError(ERRCODE.INVALID_PARAMETER)
  return publication
}

/**
 * A published (finished) publication of the caller by article_id; 40035 otherwise, also while it
 * is still publishing, when no article_id has been given out yet [inferred].
 */
function publishedArticle(ctx: HandlerContext, articleId: string): Publication {
  const publication = ctx.state.publications.byArticleId(callerOf(ctx), articleId)
  if (!publication) throw new WechatError(ERRCODE.INVALID_PARAMETER)
  return publication
}

/** `article_detail`: the published addresses, 1-based. */
function detailOf(publication: Publication) {
  return {
    count: publication.articles.length,
    item: publication.articles.map((article, i) => ({ idx: i + 1, article_url: article.url })),
  }
}

/** The articles with their `is_deleted` flag, as `getarticle` and `batchget` answer them. */
function publishedArticles(publication: Publication, noContent = false) {
  const articles: (Article & { is_deleted: boolean })[] = publication.articles.map(
    (article, i) => ({ ...article, is_deleted: publication.deleted[i] ?? false }),
  )
  return articlesOut(articles, noContent)
}

/** The freepublish endpoints. */
export const freepublishHandlers = {
  'freepublish.submit': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const draft = existingDraft(ctx, request.media_id)
      // Submitting takes the draft out of the box at once [inferred: §6.4 says it leaves once published].
      ctx.state.drafts.remove(appid, draft.mediaId)
      const publication = ctx.state.publications.submit(appid, draft.articles)
      ctx.state.outbox.schedule(
        appid,
        {
          kind: 'event.PUBLISHJOBFINISH',
          FromUserName: publisherOpenId(appid),
          PublishEventInfo: {
            publish_id: publication.publishId,
            publish_status: PUBLISH_STATUS.SUCCESS,
            article_id: publication.articleId,
            article_detail: detailOf(publication),
            fail_idx: [],
          },
        },
        publication.finishesAt,
      )
      return { ...OK, publish_id: publication.publishId }
    },
  },
  'freepublish.get': {
    run: (request, ctx) => {
      const publication = existingPublication(ctx, request.publish_id)
      const status = ctx.state.publications.status(publication)
      if (status === PUBLISH_STATUS.PUBLISHING)
        return { publish_id: publication.publishId, publish_status: status, fail_idx: [] }
      return {
        publish_id: publication.publishId,
        publish_status: status,
        article_id: publication.articleId,
        article_detail: detailOf(publication),
        fail_idx: [],
      }
    },
  },
  'freepublish.delete': {
    run: (request, ctx) => {
      const publication = publishedArticle(ctx, request.article_id)
      const index = request.index ?? 0
      // An index past the last article: 40035 [inferred]. Deleting twice is ok [inferred].
      if (index > publication.articles.length) throw new WechatError(ERRCODE.INVALID_PARAMETER)
      for (let i = 0; i < publication.deleted.length; i++)
        if (index === 0 || index === i + 1) publication.deleted[i] = true
      return OK
    },
  },
  'freepublish.getArticle': {
    run: (request, ctx) => ({
      news_item: publishedArticles(publishedArticle(ctx, request.article_id)),
    }),
  },
  'freepublish.batchGet': {
    run: (request, ctx) => {
      // Published and not wholly deleted, most recent first [inferred].
      const published = ctx.state.publications
        .finishedNewestFirst(callerOf(ctx))
        .filter((each) => !each.deleted.every(Boolean))
      const page = pageOf(published, request.offset, request.count)
      return {
        total_count: published.length,
        item_count: page.length,
        item: page.map((publication) => {
          const time = Math.floor(publication.finishesAt / 1000)
          return {
            article_id: publication.articleId,
            content: {
              news_item: publishedArticles(publication, request.no_content === 1),
              create_time: time,
              update_time: time,
            },
            update_time: time,
          }
        }),
      }
    },
  },
} satisfies Handlers
