/** Follower tags (用户标签管理, §6.9): up to 100 tags; ids 0, 1 and 2 are reserved. */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { data, ok, openidPage, uint } from './schemas.js'

const DOC = 'User_Management/User_Tag_Management'

const tagging = z.object({ openid_list: z.array(z.string()), tagid: uint })

const taggingErrors = [
  ERRCODE.INVALID_OPENID,
  ERRCODE.INVALID_OPENID_LIST_SIZE,
  ERRCODE.USER_HAS_TOO_MANY_TAGS,
  ERRCODE.INVALID_TAG_ID,
]

/** The tags scope. */
export const tags = defineScope('tags', {
  /** 创建标签. */
  create: endpoint('POST /cgi-bin/tags/create', {
    title: '创建标签',
    doc: DOC,
    ref: '§6.9',
    idempotent: false,
    body: z.object({ tag: z.object({ name: z.string() }) }),
    response: data({ tag: z.object({ id: uint, name: z.string() }) }),
    errcodes: [ERRCODE.TOO_MANY_TAGS, ERRCODE.INVALID_TAG_NAME, ERRCODE.TAG_NAME_TOO_LONG],
  }),
  /** 获取公众号已创建的标签. */
  get: endpoint('GET /cgi-bin/tags/get', {
    title: '获取公众号已创建的标签',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    response: data({ tags: z.array(z.object({ id: uint, name: z.string(), count: uint })) }),
  }),
  /** 编辑标签. */
  update: endpoint('POST /cgi-bin/tags/update', {
    title: '编辑标签',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: z.object({ tag: z.object({ id: uint, name: z.string() }) }),
    response: ok,
    errcodes: [ERRCODE.RESERVED_TAG, ERRCODE.INVALID_TAG_NAME, ERRCODE.TAG_NAME_TOO_LONG],
  }),
  /** 删除标签: refused for reserved tags and tags with more than 100,000 followers. */
  delete: endpoint('POST /cgi-bin/tags/delete', {
    title: '删除标签',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: z.object({ tag: z.object({ id: uint }) }),
    response: ok,
    errcodes: [ERRCODE.RESERVED_TAG, ERRCODE.TAG_HAS_TOO_MANY_FANS],
  }),
  /** 获取标签下粉丝列表: 10,000 OpenIDs a page. */
  getUsers: endpoint('POST /cgi-bin/user/tag/get', {
    title: '获取标签下粉丝列表',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: z.object({ tagid: uint, next_openid: z.string().optional() }),
    response: openidPage,
    errcodes: [ERRCODE.INVALID_TAG_ID],
  }),
  /** 批量为用户打标签: up to 50 OpenIDs; a user holds at most 20 tags. */
  batchTagging: endpoint('POST /cgi-bin/tags/members/batchtagging', {
    title: '批量为用户打标签',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: tagging,
    response: ok,
    errcodes: taggingErrors,
  }),
  /** 批量为用户取消标签. */
  batchUntagging: endpoint('POST /cgi-bin/tags/members/batchuntagging', {
    title: '批量为用户取消标签',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: tagging,
    response: ok,
    errcodes: taggingErrors,
  }),
  /** 获取用户身上的标签列表. */
  getIdList: endpoint('POST /cgi-bin/tags/getidlist', {
    title: '获取用户身上的标签列表',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: z.object({ openid: z.string() }),
    response: data({ tagid_list: z.array(uint) }),
    errcodes: [ERRCODE.INVALID_OPENID],
  }),
})
