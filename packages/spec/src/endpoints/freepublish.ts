/** Publishing (发布能力, §6.4): drafts become published articles, outside the mass-send history. */
import { z } from 'zod'
import { newsContent, newsItems, pageRequest } from './article.js'
import { defineScope, endpoint } from './define.js'
import { id64, id64In } from './id64.js'
import { data, ok, okWith, uint, unixSeconds } from './schemas.js'

/** The freepublish scope. */
export const freepublish = defineScope('freepublish', {
  /** 发布接口: starts publishing a draft; completion is pushed as `PUBLISHJOBFINISH`. */
  submit: endpoint('POST /cgi-bin/freepublish/submit', {
    title: '发布接口',
    doc: 'Publish/Publish',
    ref: '§6.4',
    idempotent: false,
    body: z.object({ media_id: z.string() }),
    response: okWith({ publish_id: id64, msg_data_id: id64.optional() }),
    quota: { perDay: 100 },
  }),
  /** 发布状态轮询接口: `publish_status` 0 success, 1 publishing, 2+ failed (see `fail_idx`). */
  get: endpoint('POST /cgi-bin/freepublish/get', {
    title: '发布状态轮询接口',
    doc: 'Publish/Get_status',
    ref: '§6.4',
    idempotent: true,
    body: z.object({ publish_id: id64In }),
    response: data({
      publish_id: id64,
      publish_status: uint,
      article_id: z.string().optional(),
      article_detail: z
        .object({
          count: uint,
          item: z.array(z.object({ idx: uint, article_url: z.string() })),
        })
        .optional(),
      fail_idx: z.array(uint).optional(),
    }),
    quota: { perDay: 100 },
  }),
  /** 删除发布: `index` is 1-based; 0 or absent deletes the whole article. */
  delete: endpoint('POST /cgi-bin/freepublish/delete', {
    title: '删除发布',
    doc: 'Publish/Delete_posts',
    ref: '§6.4',
    idempotent: true,
    body: z.object({ article_id: z.string(), index: uint.optional() }),
    response: ok,
    quota: { perDay: 10 },
  }),
  /** 通过 article_id 获取已发布文章. */
  getArticle: endpoint('POST /cgi-bin/freepublish/getarticle', {
    title: '通过 article_id 获取已发布文章',
    doc: 'Publish/Get_article_from_id',
    ref: '§6.4',
    idempotent: true,
    body: z.object({ article_id: z.string() }),
    response: data(newsItems.shape),
    quota: { perDay: 100 },
  }),
  /** 获取成功发布列表. */
  batchGet: endpoint('POST /cgi-bin/freepublish/batchget', {
    title: '获取成功发布列表',
    doc: 'Publish/Get_publication_records',
    ref: '§6.4',
    idempotent: true,
    body: pageRequest,
    response: data({
      total_count: uint,
      item_count: uint,
      item: z.array(
        z.object({ article_id: z.string(), content: newsContent, update_time: unixSeconds }),
      ),
    }),
    quota: { perDay: 100 },
  }),
})
