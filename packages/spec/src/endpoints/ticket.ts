/** JS-SDK tickets (§6.12): the jsapi_ticket behind `wx.config` signatures, and the card ticket. */
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { okWith, uint } from './schemas.js'

/** The ticket scope. */
export const ticket = defineScope('ticket', {
  /** 获取 jsapi_ticket (`type=jsapi`) or the card api_ticket (`type=wx_card`); cache it 7200 s. */
  get: endpoint('GET /cgi-bin/ticket/getticket', {
    title: '获取jsapi_ticket',
    doc: 'OA_Web_Apps/JS-SDK',
    ref: '§6.12',
    idempotent: true,
    query: z.object({ type: z.enum(['jsapi', 'wx_card']) }),
    response: okWith({ ticket: z.string(), expires_in: uint }),
  }),
})
