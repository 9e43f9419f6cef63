/**
 * End to end: sends made through the API (a template message, a mass send, a publish) lead to
 * their job-finished events reaching the real webhook, carrying the ids the API answered.
 */
import type { InboundOf } from '@wxmp/spec'
import { quoteId64 } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import type { Emulator } from '../emulator.js'
import { APPID, rig } from './push.test.helpers.js'

type Json = Record<string, unknown>

/** An API client over the emulator's own fetch: JSON in, 64-bit ids kept as strings. */
function api(emulator: Emulator, secret: string) {
  let token: string | undefined
  const call = async (path: string, body?: unknown, form?: FormData): Promise<Json> => {
    const query =
      token === undefined ? '' : `${path.includes('?') ? '&' : '?'}access_token=${token}`
    const init: RequestInit =
      form !== undefined
        ? { method: 'POST', body: form }
        : body === undefined
          ? { method: 'GET' }
          : { method: 'POST', body: JSON.stringify(body) }
    const response = await emulator.fetch(
      new Request(`https://api.weixin.qq.com${path}${query}`, init),
    )
    return JSON.parse(quoteId64(await response.text())) as Json
  }
  return {
    call,
    login: async () => {
      const answer = await call(
        `/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${secret}`,
      )
      token = String(answer.access_token)
    },
  }
}

describe('job-finished events of real sends', () => {
  it('follow a template send, a mass send and a publish, with the ids the API answered', async () => {
    const { emulator, webhook, clock } = await rig({
      mode: 'compat',
      emulator: { deliverJobEvents: true },
    })
    const templateDone: InboundOf<'event.TEMPLATESENDJOBFINISH'>[] = []
    const massDone: InboundOf<'event.MASSSENDJOBFINISH'>[] = []
    const publishDone: InboundOf<'event.PUBLISHJOBFINISH'>[] = []
    webhook.on('event.TEMPLATESENDJOBFINISH', (m) => void templateDone.push(m))
    webhook.on('event.MASSSENDJOBFINISH', (m) => void massDone.push(m))
    webhook.on('event.PUBLISHJOBFINISH', (m) => void publishDone.push(m))

    const account = emulator.state.accounts.get(APPID.toLowerCase())
    const wx = api(emulator, account?.secret ?? '')
    await wx.login()
    const followers = emulator.fans
      .list(APPID)
      .filter((fan) => fan.subscribed)
      .map((fan) => fan.openid)
    const [template] = emulator.state.templates.list(APPID)
    const sent = await wx.call('/cgi-bin/message/template/send', {
      touser: followers[0],
      template_id: template?.template_id,
      data: {
        character_string1: { value: 'DD1' },
        thing2: { value: '礼盒' },
        amount3: { value: '9.90元' },
        time4: { value: '2026年3月1日 08:00' },
      },
    })
    const mass = await wx.call('/cgi-bin/message/mass/send', {
      touser: followers.slice(0, 2),
      msgtype: 'text',
      text: { content: '本周活动' },
    })
    const form = new FormData()
    form.append('media', new Blob([new Uint8Array([1, 2, 3])]), 'cover.jpg')
    const cover = await wx.call('/cgi-bin/material/add_material?type=image', undefined, form)
    const draft = await wx.call('/cgi-bin/draft/add', {
      articles: [{ title: '新品', content: '<p>正文</p>', thumb_media_id: cover.media_id }],
    })
    const publish = await wx.call('/cgi-bin/freepublish/submit', { media_id: draft.media_id })
    expect([sent.errcode, mass.errcode, publish.errcode]).toEqual([0, 0, 0])

    // Step through the jobs, letting each delivery finish before the clock moves on.
    for (let second = 0; second < 10; second++) {
      await clock.advanceAsync(1000)
      await emulator.push.idle()
    }
    expect(templateDone).toEqual([
      expect.objectContaining({ MsgID: sent.msgid, Status: 'success', FromUserName: followers[0] }),
    ])
    expect(massDone).toEqual([
      expect.objectContaining({ MsgID: mass.msg_id, Status: 'send success', SentCount: 2 }),
    ])
    expect(publishDone).toEqual([
      expect.objectContaining({
        PublishEventInfo: expect.objectContaining({
          publish_id: publish.publish_id,
          publish_status: 0,
        }) as unknown,
      }),
    ])
    expect(emulator.state.outbox.pending()).toEqual([])
  })
})
