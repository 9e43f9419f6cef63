/** A subscription notice's `subscribe_msg_sent_event` reaches the account's real webhook when due. */
import type { InboundOf } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { APPID, ORIGINAL_ID, rig } from '../push/push.test.helpers.js'
import { SUBSCRIBE_EVENT_DELAY_MS } from './subscribe.js'

describe('bizsend → subscribe_msg_sent_event', () => {
  it('is delivered to the webhook with the template id and msgid', async () => {
    const { emulator, webhook, clock, fan } = await rig({
      mode: 'safe',
      emulator: { deliverJobEvents: true },
    })
    const got: InboundOf<'event.subscribe_msg_sent_event'>[] = []
    webhook.on('event.subscribe_msg_sent_event', (message) => void got.push(message))

    const call = async (method: string, path: string, query: Record<string, string>, body = '') =>
      JSON.parse(
        String(
          (
            await emulator.handle({
              method,
              path,
              query: new URLSearchParams(query).toString(),
              body,
            })
          ).body,
        ),
      ) as Record<string, unknown>
    const { access_token } = await call('GET', '/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APPID,
      secret: 'S3cretS3cretS3cretS3cretS3cret12',
    })
    const auth = { access_token: String(access_token) }
    const { priTmplId } = await call(
      'POST',
      '/wxaapi/newtmpl/addtemplate',
      auth,
      JSON.stringify({ tid: 2021, kidList: [1, 2] }),
    )
    emulator.state.subscriptions.accept(APPID, fan.openid, String(priTmplId))
    const data = { thing1: { value: '少儿编程入门' }, time2: { value: '2026年1月8日 19:00' } }
    const sent = await call(
      'POST',
      '/cgi-bin/message/subscribe/bizsend',
      auth,
      JSON.stringify({ touser: fan.openid, template_id: priTmplId, data }),
    )
    expect(sent).toEqual({ errcode: 0, errmsg: 'ok' })
    const [received] = emulator.state.received.forFan(APPID, fan.openid)

    await clock.advanceAsync(SUBSCRIBE_EVENT_DELAY_MS)
    await emulator.push.idle()
    expect(got).toEqual([
      expect.objectContaining({
        kind: 'event.subscribe_msg_sent_event',
        ToUserName: ORIGINAL_ID,
        FromUserName: fan.openid,
        SubscribeMsgSentEvent: {
          List: [
            { TemplateId: priTmplId, MsgID: received?.msgId, ErrorCode: 0, ErrorStatus: 'success' },
          ],
        },
      }),
    ])
  })
})
