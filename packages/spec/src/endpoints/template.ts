/** Template messages (模板消息, §6.6, §6.7): the account's templates, its industry, and sending. */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { id64 } from './id64.js'
import { data, ok, okWith } from './schemas.js'

const DOC = 'Message_Management/Template_Message_Interface'

const industry = z.object({ first_class: z.string(), second_class: z.string() })

/** The template scope. */
export const template = defineScope('template', {
  /**
   * 发送模板消息. Never retried: `client_msg_id` is the idempotency key to reuse when an answer is
   * lost. If both `url` and `miniprogram` are given, the mini program wins.
   */
  send: endpoint('POST /cgi-bin/message/template/send', {
    title: '发送模板消息',
    doc: DOC,
    ref: '§6.7',
    idempotent: false,
    body: z.object({
      touser: z.string(),
      template_id: z.string(),
      url: z.string().optional(),
      miniprogram: z.object({ appid: z.string(), pagepath: z.string().optional() }).optional(),
      client_msg_id: z.string().optional(),
      // Keys match the template's `{{key.DATA}}` placeholders. `color` is accepted, no longer shown.
      data: z.record(z.string(), z.object({ value: z.string(), color: z.string().optional() })),
    }),
    response: okWith({ msgid: id64 }),
    errcodes: [
      ERRCODE.INVALID_OPENID,
      ERRCODE.INVALID_TEMPLATE_ID_SIZE,
      ERRCODE.INVALID_TEMPLATE_ID,
      ERRCODE.REQUIRE_SUBSCRIBE,
      ERRCODE.USER_REFUSED_MESSAGE,
      ERRCODE.ARGUMENT_INVALID,
    ],
  }),
  /** 获取模板列表: the account's templates, with their `{{key.DATA}}` content. */
  list: endpoint('GET /cgi-bin/template/get_all_private_template', {
    title: '获取模板列表',
    doc: DOC,
    ref: '§6.6',
    idempotent: true,
    response: data({
      template_list: z.array(
        z.object({
          template_id: z.string(),
          title: z.string(),
          primary_industry: z.string().optional(),
          deputy_industry: z.string().optional(),
          content: z.string(),
          example: z.string().optional(),
        }),
      ),
    }),
  }),
  /** 删除模板. */
  delete: endpoint('POST /cgi-bin/template/del_private_template', {
    title: '删除模板',
    doc: DOC,
    ref: '§6.6',
    idempotent: true,
    body: z.object({ template_id: z.string() }),
    response: ok,
    errcodes: [ERRCODE.INVALID_TEMPLATE_ID],
  }),
  /**
   * 获得模板ID: adds a library template to the account. Newer docs add `keyword_name_list`
   * (the reference has not re-verified it), so it is optional.
   */
  add: endpoint('POST /cgi-bin/template/api_add_template', {
    title: '获得模板ID',
    doc: DOC,
    ref: '§6.0',
    idempotent: false,
    body: z.object({
      template_id_short: z.string(),
      keyword_name_list: z.array(z.string()).optional(),
    }),
    response: okWith({ template_id: z.string() }),
  }),
  /** 设置所属行业. */
  setIndustry: endpoint('POST /cgi-bin/template/api_set_industry', {
    title: '设置所属行业',
    doc: DOC,
    ref: '§6.0',
    idempotent: true,
    body: z.object({ industry_id1: z.string(), industry_id2: z.string() }),
    response: ok,
  }),
  /** 获取设置的行业信息. */
  getIndustry: endpoint('GET /cgi-bin/template/get_industry', {
    title: '获取设置的行业信息',
    doc: DOC,
    ref: '§6.0',
    idempotent: true,
    response: data({ primary_industry: industry, secondary_industry: industry }),
  }),
})
