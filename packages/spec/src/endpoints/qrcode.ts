/** Parametric QR codes (带参数二维码, §6.10): a ticket from the API, the image from mp.weixin.qq.com. */
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { binary } from './responses.js'
import { data, uint } from './schemas.js'

const DOC = 'Account_Management/Generating_a_Parametric_QR_Code'

const byId = z.object({ scene: z.object({ scene_id: z.int() }) })
const byString = z.object({ scene: z.object({ scene_str: z.string() }) })
// Temporary codes live `expire_seconds` (default 60, at most 30 days); permanent ones have none.
const expireSeconds = uint.optional()

/** The qrcode scope. */
export const qrcode = defineScope('qrcode', {
  /**
   * 生成带参数的二维码: temporary (`QR_SCENE`, `QR_STR_SCENE`) or permanent (`QR_LIMIT_*`, at
   * most 100,000). Scanning pushes `subscribe` or `SCAN` with the scene.
   */
  create: endpoint('POST /cgi-bin/qrcode/create', {
    title: '生成带参数的二维码',
    doc: DOC,
    ref: '§6.10',
    idempotent: false,
    body: z.discriminatedUnion('action_name', [
      z.object({
        action_name: z.literal('QR_SCENE'),
        expire_seconds: expireSeconds,
        action_info: byId,
      }),
      z.object({
        action_name: z.literal('QR_STR_SCENE'),
        expire_seconds: expireSeconds,
        action_info: byString,
      }),
      z.object({ action_name: z.literal('QR_LIMIT_SCENE'), action_info: byId }),
      z.object({ action_name: z.literal('QR_LIMIT_STR_SCENE'), action_info: byString }),
    ]),
    // `url` is the QR content itself, for rendering the image locally.
    response: data({ ticket: z.string(), expire_seconds: uint.optional(), url: z.string() }),
    quota: { perDay: 100_000, testAccountPerDay: 10_000 },
  }),
  /**
   * 通过 ticket 换取二维码: the JPEG. No access_token; a bad or expired ticket is an HTTP 404, not
   * an errcode.
   */
  show: endpoint('GET /cgi-bin/showqrcode', {
    title: '通过ticket换取二维码',
    doc: DOC,
    ref: '§6.10',
    host: 'mp',
    auth: 'none',
    idempotent: true,
    query: z.object({ ticket: z.string() }),
    response: binary(['image/jpg', 'image/jpeg']),
  }),
})
