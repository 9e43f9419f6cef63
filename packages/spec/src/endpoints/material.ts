/** Permanent material (永久素材, §6.3): the account's media library. */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { legacyArticle, newsContent, newsItems } from './article.js'
import { defineScope, endpoint } from './define.js'
import { KB, MB, byQuery, multipart } from './multipart.js'
import { binaryOrJson } from './responses.js'
import { data, ok, uint, unixSeconds } from './schemas.js'

/** The media types of `add_material`. */
export const materialType = z.enum(['image', 'voice', 'video', 'thumb'])

const permanentLimits = byQuery('type', {
  image: { maxBytes: 10 * MB, extensions: ['bmp', 'png', 'jpeg', 'jpg', 'gif'] },
  voice: { maxBytes: 2 * MB, extensions: ['mp3', 'wma', 'wav', 'amr'], maxSeconds: 60 },
  video: { maxBytes: 10 * MB, extensions: ['mp4'] },
  thumb: { maxBytes: 64 * KB, extensions: ['jpg'] },
})

const mediaId = z.object({ media_id: z.string() })

/** The material scope. */
export const material = defineScope('material', {
  /**
   * 新增其他类型永久素材: multipart part `media`; a video also sends the form field `description`,
   * whose value is the JSON text `{"title":"…","introduction":"…"}`.
   */
  add: endpoint('POST /cgi-bin/material/add_material', {
    title: '新增其他类型永久素材',
    doc: 'Asset_Management/Adding_Permanent_Assets',
    ref: '§6.3',
    idempotent: false,
    query: z.object({ type: materialType }),
    body: multipart({
      files: { media: permanentLimits },
      fields: z.object({ description: z.string().optional() }),
    }),
    // `url` only for images, usable only on Tencent domains.
    response: data({ media_id: z.string(), url: z.string().optional() }),
    errcodes: [
      ERRCODE.INVALID_MEDIA_TYPE,
      ERRCODE.INVALID_FILE_TYPE,
      ERRCODE.INVALID_IMAGE_SIZE,
      ERRCODE.INVALID_VOICE_SIZE,
      ERRCODE.INVALID_VIDEO_SIZE,
      ERRCODE.INVALID_THUMB_SIZE,
      ERRCODE.MEDIA_SIZE_OUT_OF_LIMIT,
    ],
  }),
  /** 新增永久图文素材 (legacy; superseded by drafts). */
  addNews: endpoint('POST /cgi-bin/material/add_news', {
    title: '新增永久图文素材',
    doc: 'Asset_Management/Adding_Permanent_Assets',
    ref: '§6.3',
    deprecated: 'Create a draft (draft.add) and publish it (freepublish.submit).',
    idempotent: false,
    body: z.object({ articles: z.array(legacyArticle) }),
    response: data({ media_id: z.string() }),
    // The article limits of §6.3/§6.4 and the cover that must be permanent material.
    errcodes: [
      ERRCODE.TITLE_SIZE_OUT_OF_LIMIT,
      ERRCODE.DESCRIPTION_SIZE_OUT_OF_LIMIT,
      ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT,
      ERRCODE.INVALID_MEDIA_ID,
    ],
  }),
  /** 获取永久素材: articles or a video's JSON, other types as the file's bytes. */
  get: endpoint('POST /cgi-bin/material/get_material', {
    title: '获取永久素材',
    doc: 'Asset_Management/Getting_Permanent_Assets',
    ref: '§6.3',
    idempotent: true,
    body: mediaId,
    response: binaryOrJson(
      ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'audio/mpeg', 'audio/amr'],
      z.union([
        data(newsItems.shape),
        data({ title: z.string(), description: z.string(), down_url: z.string() }),
      ]),
    ),
    errcodes: [ERRCODE.INVALID_MEDIA_ID],
  }),
  /** 删除永久素材: refused (48005) while auto-reply or a menu uses it. */
  delete: endpoint('POST /cgi-bin/material/del_material', {
    title: '删除永久素材',
    doc: 'Asset_Management/Deleting_Permanent_Assets',
    ref: '§6.3',
    idempotent: true,
    body: mediaId,
    response: ok,
    errcodes: [ERRCODE.INVALID_MEDIA_ID, ERRCODE.MATERIAL_IN_USE],
  }),
  /** 获取素材总数. */
  getCount: endpoint('GET /cgi-bin/material/get_materialcount', {
    title: '获取素材总数',
    doc: 'Asset_Management/Get_the_total_of_all_materials',
    ref: '§6.3',
    idempotent: true,
    response: data({ voice_count: uint, video_count: uint, image_count: uint, news_count: uint }),
  }),
  /** 获取素材列表: 1–20 items of one type; `news` items carry their articles in `content`. */
  batchGet: endpoint('POST /cgi-bin/material/batchget_material', {
    title: '获取素材列表',
    doc: 'Asset_Management/Get_materials_list',
    ref: '§6.3',
    idempotent: true,
    body: z.object({
      type: z.enum(['image', 'video', 'voice', 'news']),
      offset: uint,
      count: uint,
    }),
    response: data({
      total_count: uint,
      item_count: uint,
      item: z.array(
        z.object({
          media_id: z.string(),
          name: z.string().optional(),
          url: z.string().optional(),
          update_time: unixSeconds,
          content: newsContent.optional(),
        }),
      ),
    }),
  }),
})
