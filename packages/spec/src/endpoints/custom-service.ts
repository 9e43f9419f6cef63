/**
 * Customer-service messages (客服消息, §6.8): messages to one follower inside the window a user
 * interaction opens (5 in 48 h after a message; 3 in 1 min after a click, follow or scan).
 */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { customMessage } from './custom-messages.js'
import { defineScope, endpoint } from './define.js'
import { ok } from './schemas.js'

const DOC = 'Message_Management/Service_Center_messages'

/** The customService scope. */
export const customService = defineScope('customService', {
  /** 客服接口-发消息. Never retried: WeChat has no idempotency key here, a retry is a second message. */
  send: endpoint('POST /cgi-bin/message/custom/send', {
    title: '客服接口-发消息',
    doc: DOC,
    ref: '§6.8',
    idempotent: false,
    body: customMessage,
    response: ok,
    errcodes: [
      ERRCODE.INVALID_OPENID,
      ERRCODE.INVALID_MEDIA_ID,
      ERRCODE.INVALID_MESSAGE_TYPE,
      ERRCODE.REQUIRE_SUBSCRIBE,
      ERRCODE.EMPTY_NEWS_DATA,
      ERRCODE.EMPTY_TEXT_CONTENT,
      ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT,
      ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT,
      ERRCODE.REPLY_WINDOW_CLOSED,
      ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED,
      ERRCODE.USER_BLOCKED_MESSAGES,
      ERRCODE.INVALID_KF_ACCOUNT,
    ],
    quota: { perDay: 500_000, testAccountPerDay: 50_000 },
  }),
  /** 客服输入状态: shows or clears "typing…" for the follower. */
  typing: endpoint('POST /cgi-bin/message/custom/typing', {
    title: '客服输入状态',
    doc: DOC,
    ref: '§6.8',
    idempotent: true,
    body: z.object({ touser: z.string(), command: z.enum(['Typing', 'CancelTyping']) }),
    response: ok,
    errcodes: [
      ERRCODE.INVALID_OPENID,
      ERRCODE.REPLY_WINDOW_CLOSED,
      ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED,
    ],
  }),
})
