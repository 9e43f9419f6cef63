/** The follower blacklist (黑名单管理, §6.9). */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { ok, openidPage } from './schemas.js'

const DOC = 'User_Management/Manage_blacklist'

// The per-call cap is believed to be 20 OpenIDs (§6.9 has not re-verified it).
const openidList = z.object({ openid_list: z.array(z.string()) })

/** The blacklist scope. */
export const blacklist = defineScope('blacklist', {
  /** 获取公众号的黑名单列表: 10,000 OpenIDs a page; start with an empty `begin_openid`. */
  get: endpoint('POST /cgi-bin/tags/members/getblacklist', {
    title: '获取公众号的黑名单列表',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: z.object({ begin_openid: z.string().optional() }),
    response: openidPage,
  }),
  /** 拉黑用户. */
  batchAdd: endpoint('POST /cgi-bin/tags/members/batchblacklist', {
    title: '拉黑用户',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: openidList,
    response: ok,
    errcodes: [ERRCODE.INVALID_OPENID, ERRCODE.INVALID_OPENID_LIST_SIZE],
  }),
  /** 取消拉黑用户. */
  batchRemove: endpoint('POST /cgi-bin/tags/members/batchunblacklist', {
    title: '取消拉黑用户',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: openidList,
    response: ok,
    errcodes: [ERRCODE.INVALID_OPENID, ERRCODE.INVALID_OPENID_LIST_SIZE],
  }),
})
