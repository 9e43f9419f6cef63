/**
 * Customer-service accounts (客服账号管理). Not in the protocol reference: routes and shapes come
 * from WeChat's per-endpoint pages under `doc/service/api/customer/servicermanage/`, so every entry
 * is `unverified`. Their errcodes (65401–65412) come from the same pages' 返回码 table.
 */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { MB, anyFile, multipart } from './multipart.js'
import { data, looseId, ok, uint, unixSeconds } from './schemas.js'

const PAGES = '/doc/service/api/customer/servicermanage'

function source(page: string): { readonly source: string } {
  return {
    source: `WeChat doc developers.weixin.qq.com${PAGES}/${page} (request and response examples)`,
  }
}

/** The kfAccount scope. */
export const kfAccount = defineScope('kfAccount', {
  /** 添加客服账号: `kf_account` is `prefix@the account's WeChat id`; at most 100 accounts. */
  add: endpoint('POST /customservice/kfaccount/add', {
    title: '添加客服账号',
    doc: `${PAGES}/api_addkfaccount`,
    unverified: source('api_addkfaccount'),
    idempotent: false,
    // `password` was dropped when the new customer-service system replaced the old one.
    body: z.object({ kf_account: z.string(), nickname: z.string() }),
    errcodes: [
      ERRCODE.INVALID_KF_NICKNAME,
      ERRCODE.INVALID_KF_ACCOUNT_NAME,
      ERRCODE.TOO_MANY_KF_ACCOUNTS,
      ERRCODE.KF_ACCOUNT_EXISTS,
    ],
    response: ok,
  }),
  /** 修改客服账号. */
  update: endpoint('POST /customservice/kfaccount/update', {
    title: '修改客服账号',
    doc: `${PAGES}/api_updatekfaccount`,
    unverified: source('api_updatekfaccount'),
    idempotent: true,
    body: z.object({ kf_account: z.string(), nickname: z.string() }),
    errcodes: [ERRCODE.INVALID_KF_ACCOUNT, ERRCODE.INVALID_KF_NICKNAME],
    response: ok,
  }),
  /** 删除客服账号. The current page says POST with a JSON body; older pages used GET `?kf_account=`. */
  delete: endpoint('POST /customservice/kfaccount/del', {
    title: '删除客服账号',
    doc: `${PAGES}/api_delkfaccount`,
    unverified: source('api_delkfaccount'),
    idempotent: true,
    body: z.object({ kf_account: z.string() }),
    errcodes: [ERRCODE.INVALID_KF_ACCOUNT],
    response: ok,
  }),
  /** 邀请绑定客服账号: invites a WeChat user to work as the account. */
  inviteWorker: endpoint('POST /customservice/kfaccount/inviteworker', {
    title: '邀请绑定客服账号',
    doc: `${PAGES}/api_invitekfworker`,
    unverified: source('api_invitekfworker'),
    idempotent: false,
    body: z.object({ kf_account: z.string(), invite_wx: z.string() }),
    errcodes: [
      ERRCODE.INVALID_KF_ACCOUNT,
      ERRCODE.KF_INVITEE_ALREADY_WORKER,
      ERRCODE.KF_INVITEE_ALREADY_INVITED,
      ERRCODE.INVALID_KF_WECHAT_ID,
      ERRCODE.KF_INVITEE_BINDING_LIMIT,
      ERRCODE.KF_INVITE_PENDING,
      ERRCODE.KF_ACCOUNT_ALREADY_BOUND,
    ],
    response: ok,
  }),
  /** 设置客服头像: multipart part `media` (the page says under 5 MB; older pages ask for jpg). */
  uploadHeadImg: endpoint('POST /customservice/kfaccount/uploadheadimg', {
    title: '设置客服头像',
    doc: `${PAGES}/api_uploadkfheadimg`,
    unverified: source('api_uploadkfheadimg'),
    idempotent: false,
    query: z.object({ kf_account: z.string() }),
    body: multipart({
      files: { media: anyFile({ maxBytes: 5 * MB, extensions: ['jpg', 'jpeg', 'png'] }) },
    }),
    errcodes: [ERRCODE.INVALID_FILE_TYPE, ERRCODE.INVALID_IMAGE_SIZE, ERRCODE.INVALID_KF_ACCOUNT],
    response: ok,
  }),
  /** 获取所有客服账号. */
  list: endpoint('GET /cgi-bin/customservice/getkflist', {
    title: '获取所有客服账号',
    doc: `${PAGES}/api_getkflist`,
    unverified: source('api_getkflist'),
    idempotent: true,
    response: data({
      kf_list: z.array(
        z.object({
          kf_account: z.string(),
          kf_nick: z.string(),
          kf_id: looseId,
          kf_headimgurl: z.string().optional(),
          kf_wx: z.string().optional(),
          invite_wx: z.string().optional(),
          invite_expire_time: unixSeconds.optional(),
          invite_status: z.string().optional(),
          kf_openid: z.string().optional(),
        }),
      ),
    }),
  }),
  /** 获取在线客服列表: `status` 0 offline, 1 online on the web. */
  listOnline: endpoint('GET /cgi-bin/customservice/getonlinekflist', {
    title: '获取在线客服列表',
    doc: `${PAGES}/api_getonlinekflist`,
    unverified: source('api_getonlinekflist'),
    idempotent: true,
    response: data({
      kf_online_list: z.array(
        z.object({
          kf_account: z.string(),
          status: uint.optional(),
          kf_id: looseId.optional(),
          accepted_case: uint.optional(),
          kf_openid: z.string().optional(),
        }),
      ),
    }),
  }),
})
