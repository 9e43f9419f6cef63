/** Drafts (草稿箱, §6.4): articles waiting to be published or mass-sent. */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { draftArticle, newsContent, newsItems, pageRequest } from './article.js'
import { defineScope, endpoint } from './define.js'
import { data, ok, uint, unixSeconds } from './schemas.js'

const mediaId = z.object({ media_id: z.string() })

// The article limits of §6.4 and the cover that must be permanent material.
const articleErrcodes = [
  ERRCODE.TITLE_SIZE_OUT_OF_LIMIT,
  ERRCODE.DESCRIPTION_SIZE_OUT_OF_LIMIT,
  ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT,
  ERRCODE.INVALID_MEDIA_ID,
]

/** The draft scope. */
export const draft = defineScope('draft', {
  /** 新建草稿. */
  add: endpoint('POST /cgi-bin/draft/add', {
    title: '新建草稿',
    doc: 'Draft_Box/Add_draft',
    ref: '§6.4',
    idempotent: false,
    body: z.object({ articles: z.array(draftArticle) }),
    response: data({ media_id: z.string() }),
    errcodes: articleErrcodes,
    quota: { perDay: 1000 },
  }),
  /** 获取草稿. */
  get: endpoint('POST /cgi-bin/draft/get', {
    title: '获取草稿',
    doc: 'Draft_Box/Get_draft',
    ref: '§6.4',
    idempotent: true,
    body: mediaId,
    response: data(newsItems.shape),
    quota: { perDay: 500 },
  }),
  /** 修改草稿: replaces the article at `index` (0-based). */
  update: endpoint('POST /cgi-bin/draft/update', {
    title: '修改草稿',
    doc: 'Draft_Box/Update_draft',
    ref: '§6.4',
    idempotent: true,
    body: z.object({ media_id: z.string(), index: uint, articles: draftArticle }),
    response: ok,
    errcodes: articleErrcodes,
    quota: { perDay: 1000 },
  }),
  /** 删除草稿. */
  delete: endpoint('POST /cgi-bin/draft/delete', {
    title: '删除草稿',
    doc: 'Draft_Box/Delete_draft',
    ref: '§6.4',
    idempotent: true,
    body: mediaId,
    response: ok,
    quota: { perDay: 1000 },
  }),
  /** 获取草稿总数. */
  getCount: endpoint('GET /cgi-bin/draft/count', {
    title: '获取草稿总数',
    doc: 'Draft_Box/Count_drafts',
    ref: '§6.4',
    idempotent: true,
    response: data({ total_count: uint }),
    quota: { perDay: 1000 },
  }),
  /** 获取草稿列表: 1–20 drafts; `no_content: 1` leaves out the article bodies. */
  batchGet: endpoint('POST /cgi-bin/draft/batchget', {
    title: '获取草稿列表',
    doc: 'Draft_Box/Get_draft_list',
    ref: '§6.4',
    idempotent: true,
    body: pageRequest,
    response: data({
      total_count: uint,
      item_count: uint,
      item: z.array(
        z.object({ media_id: z.string(), content: newsContent, update_time: unixSeconds }),
      ),
    }),
    quota: { perDay: 1000 },
  }),
})
