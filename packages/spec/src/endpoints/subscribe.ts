/**
 * Subscription notices (订阅通知): one-time or long-term templates a fan accepts in a pop-up,
 * picked by the account from WeChat's public template library (`wxaapi/newtmpl/*`), and
 * `bizsend`, which sends one. Not in the protocol reference: routes and shapes come from WeChat's
 * Subscription_Messages/api page as remembered, so every entry is `unverified`. The library
 * calls use the mini-program style camelCase keys (`priTmplId`, `kidList`).
 */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { data, ok, okWith, uint } from './schemas.js'

const DOC = 'Subscription_Messages/api'

const SOURCE = {
  source:
    'WeChat doc developers.weixin.qq.com/doc/offiaccount/Subscription_Messages/api, from memory',
}

/** `type` of a template: 2 one-time (一次性订阅), 3 long-term (长期订阅). */
const templateType = uint

/** The subscribe scope. */
export const subscribe = defineScope('subscribe', {
  /**
   * 发送订阅通知: to a fan who accepted the template. `page` is a web page to open; a
   * `miniprogram` wins over it. Never retried: each call is one more notice.
   */
  send: endpoint('POST /cgi-bin/message/subscribe/bizsend', {
    title: '发送订阅通知',
    doc: DOC,
    unverified: SOURCE,
    idempotent: false,
    body: z.object({
      touser: z.string(),
      template_id: z.string(),
      page: z.string().optional(),
      miniprogram: z.object({ appid: z.string(), pagepath: z.string() }).optional(),
      // Keys are the template's `{{key.DATA}}` placeholders (`thing1`, `time2`, …).
      data: z.record(z.string(), z.object({ value: z.string() })),
    }),
    response: ok,
    errcodes: [
      ERRCODE.INVALID_OPENID,
      ERRCODE.INVALID_TEMPLATE_ID,
      ERRCODE.USER_REFUSED_MESSAGE,
      ERRCODE.ARGUMENT_INVALID,
    ],
  }),
  /** 获取公众号类目: the categories the account may pick library templates from. */
  getCategory: endpoint('GET /wxaapi/newtmpl/getcategory', {
    title: '获取公众号类目',
    doc: DOC,
    unverified: SOURCE,
    idempotent: true,
    response: data({ data: z.array(z.object({ id: uint, name: z.string() })) }),
  }),
  /** 获取类目下的公共模板: a page (`start`, `limit` ≤ 30) of the templates of categories `ids` (`"2,616"`). */
  getPubTemplateTitles: endpoint('GET /wxaapi/newtmpl/getpubtemplatetitles', {
    title: '获取类目下的公共模板',
    doc: DOC,
    unverified: SOURCE,
    idempotent: true,
    query: z.object({ ids: z.string(), start: z.string(), limit: z.string() }),
    response: data({
      count: uint,
      data: z.array(
        z.object({ tid: uint, title: z.string(), type: templateType, categoryId: z.string() }),
      ),
    }),
    errcodes: [
      ERRCODE.INVALID_SUBSCRIBE_START,
      ERRCODE.INVALID_SUBSCRIBE_LIMIT,
      ERRCODE.SUBSCRIBE_CATEGORY_IDS_MISSING,
      ERRCODE.INVALID_SUBSCRIBE_CATEGORY_IDS,
    ],
  }),
  /** 获取模板中的关键词: the keywords (`kid`) a library template `tid` offers. */
  getPubTemplateKeywords: endpoint('GET /wxaapi/newtmpl/getpubtemplatekeywords', {
    title: '获取模板中的关键词',
    doc: DOC,
    unverified: SOURCE,
    idempotent: true,
    query: z.object({ tid: z.string() }),
    response: data({
      count: uint.optional(),
      data: z.array(
        z.object({ kid: uint, name: z.string(), example: z.string(), rule: z.string() }),
      ),
    }),
    errcodes: [ERRCODE.INVALID_SUBSCRIBE_TID],
  }),
  /**
   * 选用模板: adds library template `tid` with 2–5 of its keywords in the order given, for the
   * scene `sceneDesc` describes (at most 15 characters).
   */
  addTemplate: endpoint('POST /wxaapi/newtmpl/addtemplate', {
    title: '选用模板',
    doc: DOC,
    unverified: SOURCE,
    idempotent: false,
    body: z.object({
      tid: z.union([z.string(), z.int()]),
      kidList: z.array(z.int()),
      sceneDesc: z.string().optional(),
    }),
    response: okWith({ priTmplId: z.string() }),
    errcodes: [
      ERRCODE.SUBSCRIBE_TEMPLATE_LIMIT,
      ERRCODE.INVALID_SUBSCRIBE_TID,
      ERRCODE.INVALID_SUBSCRIBE_KID_LIST,
      ERRCODE.INVALID_SUBSCRIBE_SCENE_DESC,
    ],
  }),
  /** 删除模板: removes one of the account's templates. */
  deleteTemplate: endpoint('POST /wxaapi/newtmpl/deltemplate', {
    title: '删除模板',
    doc: DOC,
    unverified: SOURCE,
    idempotent: true,
    body: z.object({ priTmplId: z.string() }),
    response: ok,
    errcodes: [ERRCODE.SUBSCRIBE_SYSTEM_ERROR],
  }),
  /** 获取私有模板列表: the account's templates, with their `{{key.DATA}}` content. */
  listTemplates: endpoint('GET /wxaapi/newtmpl/gettemplate', {
    title: '获取私有模板列表',
    doc: DOC,
    unverified: SOURCE,
    idempotent: true,
    response: data({
      data: z.array(
        z.object({
          priTmplId: z.string(),
          title: z.string(),
          content: z.string(),
          example: z.string(),
          type: templateType,
        }),
      ),
    }),
  }),
})
