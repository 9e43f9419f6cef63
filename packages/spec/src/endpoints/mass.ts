/**
 * Mass send (群发, §6.5). Sends are never retried: a lost answer is recovered with the same
 * `clientmsgid`, which WeChat de-duplicates (45065 carries the first send's msg_id).
 */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { legacyArticle } from './article.js'
import { defineScope, endpoint } from './define.js'
import { id64, id64In } from './id64.js'
import { massMessage } from './mass-messages.js'
import { data, flag, ok, okWith, uint, unixSeconds } from './schemas.js'

const sendOptions = {
  send_ignore_reprint: flag.optional(),
  clientmsgid: z.string().optional(),
}

const submitted = okWith({ msg_id: id64, msg_data_id: id64.optional() })

const sendErrors = [
  ERRCODE.CLIENTMSGID_EXISTS,
  ERRCODE.CLIENTMSGID_RETRY_TOO_FAST,
  ERRCODE.CLIENTMSGID_TOO_LONG,
  ERRCODE.MASS_SEND_AWAITING_CONFIRMATION,
  ERRCODE.MASS_SEND_CONFIRMATION_RETRY_LATER,
  ERRCODE.INVALID_MEDIA_ID,
  ERRCODE.INVALID_MESSAGE_TYPE,
]

// §7.2: 100 mass sends a day, 60 requests a minute.
const sendQuota = { perDay: 100, perMinute: 60 }

/** The mass scope. */
export const mass = defineScope('mass', {
  /** 根据标签进行群发: to everyone (`is_to_all`) or to one tag. */
  sendAll: endpoint('POST /cgi-bin/message/mass/sendall', {
    title: '根据标签进行群发',
    doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
    ref: '§6.5',
    idempotent: false,
    body: massMessage({
      filter: z.object({ is_to_all: z.boolean(), tag_id: uint.optional() }),
      ...sendOptions,
    }),
    response: submitted,
    errcodes: sendErrors,
    quota: sendQuota,
  }),
  /** 根据 OpenID 列表群发: 2 to 10,000 OpenIDs. */
  send: endpoint('POST /cgi-bin/message/mass/send', {
    title: '根据OpenID列表群发',
    doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
    ref: '§6.5',
    idempotent: false,
    body: massMessage({ touser: z.array(z.string()), ...sendOptions }),
    response: submitted,
    errcodes: [...sendErrors, ERRCODE.OPENID_LIST_TOO_SHORT, ERRCODE.INVALID_OPENID_LIST_SIZE],
    quota: sendQuota,
  }),
  /** 预览接口: sends the message to one follower (by OpenID or WeChat id). */
  preview: endpoint('POST /cgi-bin/message/mass/preview', {
    title: '预览接口',
    doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
    ref: '§6.5',
    idempotent: false,
    body: massMessage({ touser: z.string().optional(), towxname: z.string().optional() }),
    response: okWith({ msg_id: id64.optional() }),
    errcodes: [ERRCODE.INVALID_OPENID, ERRCODE.INVALID_MEDIA_ID, ERRCODE.REQUIRE_SUBSCRIBE],
  }),
  /** 删除群发: `article_idx` 1-based, 0/absent deletes the whole message; or name the article `url`. */
  delete: endpoint('POST /cgi-bin/message/mass/delete', {
    title: '删除群发',
    doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
    ref: '§6.5',
    idempotent: true,
    body: z.object({ msg_id: id64In, article_idx: uint.optional(), url: z.string().optional() }),
    response: ok,
    errcodes: [ERRCODE.INVALID_MSG_ID],
    quota: { perDay: 10 },
  }),
  /** 查询群发消息发送状态: `SEND_SUCCESS`, `SENDING`, `SEND_FAIL` or `DELETE`. */
  get: endpoint('POST /cgi-bin/message/mass/get', {
    title: '查询群发消息发送状态',
    doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
    ref: '§6.5',
    idempotent: true,
    body: z.object({ msg_id: id64In }),
    response: data({ msg_id: id64, msg_status: z.string() }),
    errcodes: [ERRCODE.INVALID_MSG_ID],
  }),
  /**
   * 获取群发速度. The doc says POST; some SDKs send GET, and the route lookup accepts both, since
   * the call has no body either way.
   */
  getSpeed: endpoint('POST /cgi-bin/message/mass/speed/get', {
    title: '获取群发速度',
    doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
    ref: '§6.5',
    alsoAccepts: ['GET'],
    idempotent: true,
    response: data({ speed: uint, realspeed: uint }),
  }),
  /** 设置群发速度: `speed` 0–4 = 80, 60, 45, 30, 10 ten-thousand users a minute. */
  setSpeed: endpoint('POST /cgi-bin/message/mass/speed/set', {
    title: '设置群发速度',
    doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
    ref: '§6.5',
    idempotent: true,
    body: z.object({ speed: uint }),
    response: ok,
    errcodes: [ERRCODE.MASS_SPEED_OUT_OF_RANGE, ERRCODE.MASS_SPEED_MISSING],
  }),
  /** 上传图文消息素材 (legacy; mass-send a draft's media_id instead). */
  uploadNews: endpoint('POST /cgi-bin/media/uploadnews', {
    title: '上传图文消息素材',
    doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
    ref: '§6.5',
    deprecated: 'Mass-send a draft (draft.add) by its media_id.',
    idempotent: false,
    body: z.object({ articles: z.array(legacyArticle) }),
    response: data({ type: z.literal('news'), media_id: z.string(), created_at: unixSeconds }),
    quota: { perDay: 10 },
  }),
  /** 上传视频素材 for mass sends: turns a video media_id into an `mpvideo` media_id. */
  uploadVideo: endpoint('POST /cgi-bin/media/uploadvideo', {
    title: '上传视频素材',
    doc: 'Message_Management/Batch_Sends_and_Originality_Checks',
    ref: '§6.5',
    idempotent: false,
    body: z.object({ media_id: z.string(), title: z.string(), description: z.string() }),
    response: data({ type: z.literal('video'), media_id: z.string(), created_at: unixSeconds }),
    errcodes: [ERRCODE.INVALID_MEDIA_ID],
  }),
})
