/**
 * A welcome on follow, and a template-message notification: a new follower is greeted (with the
 * QR scene they came from, if any); texting 发货 sends them a demo 订单发货提醒 through the SDK,
 * which arrives as a template message, outside the reply.
 *
 * Serve it (it calls the API, so it needs the AppSecret):
 *   WXMP_SECRET=… npx wxmp webhook --app examples/welcome/app.ts
 */
import { createClient } from '@wxmp/sdk'
import type { Client } from '@wxmp/sdk'
import { defineApp } from '@wxmp/webhook'
import type { WebhookApp } from '@wxmp/webhook'
import { notifyShipped } from './notify.js'

/** The greeting of a new follower. */
export const WELCOME = '欢迎关注！回复「发货」试试模板消息通知。'

/** The app, sending notifications with `client`. */
export function welcomeApp(client: Client): WebhookApp {
  return defineApp((wh) => {
    wh.on('event.subscribe', (msg) =>
      msg.EventKey?.startsWith('qrscene_')
        ? `${WELCOME}（来自二维码 ${msg.EventKey.slice('qrscene_'.length)}）`
        : WELCOME,
    )
    wh.text('发货', async (msg, ctx) => {
      const now = new Date(ctx.clock.now() + 8 * 3600_000) // Beijing time for the fan
      await notifyShipped(client, msg.FromUserName, {
        orderId: `DD${now.toISOString().slice(0, 10).replaceAll('-', '')}0001`,
        carrier: '顺丰速运',
        trackingNo: 'SF1234567890',
        shippedAt: `${now.getUTCFullYear()}年${now.getUTCMonth() + 1}月${now.getUTCDate()}日`,
      })
      return '发货提醒已发送，请查看模板消息'
    })
  })
}

// `wxmp webhook --app` takes the default export; the client comes from the same WXMP_* settings.
export default defineApp((wh) => {
  const { WXMP_APPID, WXMP_SECRET, WXMP_API_BASE } = process.env
  if (WXMP_APPID === undefined || WXMP_SECRET === undefined)
    throw new Error('examples/welcome needs WXMP_APPID and WXMP_SECRET to send template messages')
  const client = createClient({
    appid: WXMP_APPID,
    secret: WXMP_SECRET,
    ...(WXMP_API_BASE === undefined ? {} : { apiBase: WXMP_API_BASE }),
  })
  return welcomeApp(client)(wh)
})
