/** Followers (用户管理, §6.9): profiles, the follower list and remarks. */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { data, flag, lang, ok, openidPage, uint, unixSeconds } from './schemas.js'

/**
 * A follower's profile. Only `subscribe` and `openid` are certain: a non-follower gets just those
 * (and maybe `unionid`). `nickname` and `headimgurl` stopped coming in 2021-12 and
 * `sex`/`city`/`province`/`country` are blank or 0 since 2021-10, though often still present, so
 * they are optional.
 */
export const userInfo = z.object({
  subscribe: flag,
  openid: z.string(),
  language: z.string().optional(),
  subscribe_time: unixSeconds.optional(),
  unionid: z.string().optional(),
  remark: z.string().optional(),
  groupid: z.int().optional(),
  tagid_list: z.array(uint).optional(),
  subscribe_scene: z.string().optional(),
  qr_scene: z.int().optional(),
  qr_scene_str: z.string().optional(),
  nickname: z.string().optional(),
  sex: z.int().optional(),
  city: z.string().optional(),
  province: z.string().optional(),
  country: z.string().optional(),
  headimgurl: z.string().optional(),
})

const DOC = 'User_Management/Get_users_basic_information_UnionID'

/** The user scope. */
export const user = defineScope('user', {
  /** 获取用户列表: 10,000 OpenIDs a page; start with an empty `next_openid`. */
  get: endpoint('GET /cgi-bin/user/get', {
    title: '获取用户列表',
    doc: 'User_Management/Getting_a_User_List',
    ref: '§6.9',
    idempotent: true,
    query: z.object({ next_openid: z.string().optional() }),
    response: openidPage,
    quota: { perDay: 500, testAccountPerDay: 100 },
  }),
  /** 获取用户基本信息 (UnionID 机制). */
  info: endpoint('GET /cgi-bin/user/info', {
    title: '获取用户基本信息',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    query: z.object({ openid: z.string(), lang: lang.optional() }),
    response: data(userInfo.shape),
    errcodes: [ERRCODE.INVALID_OPENID, ERRCODE.OPENID_MISSING],
    quota: { perDay: 5_000_000, testAccountPerDay: 500_000 },
  }),
  /** 批量获取用户基本信息: up to 100 users. */
  batchGet: endpoint('POST /cgi-bin/user/info/batchget', {
    title: '批量获取用户基本信息',
    doc: DOC,
    ref: '§6.9',
    idempotent: true,
    body: z.object({ user_list: z.array(z.object({ openid: z.string(), lang: lang.optional() })) }),
    response: data({ user_info_list: z.array(userInfo) }),
    errcodes: [ERRCODE.INVALID_OPENID],
  }),
  /** 设置用户备注名: under 30 bytes; verified service accounts only. */
  updateRemark: endpoint('POST /cgi-bin/user/info/updateremark', {
    title: '设置用户备注名',
    doc: 'User_Management/Configuring_user_notes',
    ref: '§6.9',
    idempotent: true,
    body: z.object({ openid: z.string(), remark: z.string() }),
    response: ok,
    errcodes: [ERRCODE.INVALID_OPENID, ERRCODE.INVALID_REMARK],
    quota: { perDay: 10_000 },
  }),
})
