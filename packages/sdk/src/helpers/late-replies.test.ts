/**
 * The customer-service late-reply sink against the emulator: delivered inside an open window,
 * recorded with WeChat's reason outside it, and wired to a real webhook whose handler misses the
 * deadline.
 */
import { parseXml } from '@wxmp/core'
import type { XmlObject } from '@wxmp/core'
import { parseInbound, reply } from '@wxmp/spec'
import type { Reply } from '@wxmp/spec'
import { createWebhook, signedPush } from '@wxmp/webhook'
import type { LateReply, LateReplySink } from '@wxmp/webhook'
import { describe, expect, it } from 'vitest'
import { APPID, APPID_B, setup } from '../sdk.test.helpers.js'
import type { Setup } from '../sdk.test.helpers.js'
import { customMessageOf, customServiceLateReplies } from './late-replies.js'
import type { LateReplyInput, UndeliverableReply } from './late-replies.js'

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0xd9])

function textPush(openid: string, content: string, msgId = '24000000000000000001'): string {
  return `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>1767225600</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
}

function lateReply(world: Setup, openid: string, answer: Reply, appid = APPID): LateReplyInput {
  const message = parseInbound(parseXml(textPush(openid, 'q')).xml as XmlObject)
  return { account: { appid }, message, key: 'msg:1', reply: answer, at: world.clock.now() }
}

const received = (world: Setup, openid: string) =>
  world.emulator.state.received.forFan(APPID, openid).filter((m) => m.channel === 'customService')

describe('customServiceLateReplies', () => {
  it('sends a late text reply to the fan while their window is open', async () => {
    const world = setup()
    const fan = world.follower()
    world.emulator.state.windows.open(APPID, fan, 'message', world.clock.now())
    const sink = customServiceLateReplies(world.client)
    expect(await sink.deliver(lateReply(world, fan, reply.text('稍等，已查到')))).toEqual({
      delivered: true,
    })
    expect(received(world, fan)).toMatchObject([
      { msgtype: 'text', payload: { content: '稍等，已查到' }, status: 'success' },
    ])
    expect(sink.undeliverable).toEqual([])
  })

  it('records a reply outside every window as undeliverable with 45015, and sends it once', async () => {
    const world = setup()
    const fan = world.follower()
    const seen: UndeliverableReply[] = []
    const sink = customServiceLateReplies(world.client, { onUndeliverable: (r) => seen.push(r) })
    const outcome = await sink.deliver(lateReply(world, fan, reply.text('太晚了')))
    expect(outcome).toMatchObject({
      delivered: false,
      reason: expect.stringMatching(/^window-closed: /),
    })
    expect(seen).toEqual(sink.undeliverable)
    expect(seen).toMatchObject([
      {
        appid: APPID,
        openid: fan,
        reason: 'window-closed',
        errcode: 45015,
        reply: reply.text('太晚了'),
      },
    ])
    expect(received(world, fan)).toEqual([])
    expect(await world.calls('/cgi-bin/message/custom/send')).toBe(1)
  })

  it('records 45047 once the window has no messages left', async () => {
    const world = setup()
    const fan = world.follower()
    world.emulator.state.windows.open(APPID, fan, 'click', world.clock.now())
    const sink = customServiceLateReplies(world.client)
    for (let i = 0; i < 3; i++)
      expect((await sink.deliver(lateReply(world, fan, reply.text(`#${i}`)))).delivered).toBe(true)
    await sink.deliver(lateReply(world, fan, reply.text('#3')))
    expect(sink.undeliverable).toMatchObject([{ reason: 'quota-exhausted', errcode: 45047 }])
    expect(received(world, fan)).toHaveLength(3)
  })

  it('records a fan who unfollowed since as window-closed (45015)', async () => {
    const world = setup()
    const fan = world.follower()
    world.emulator.state.windows.open(APPID, fan, 'message', world.clock.now())
    world.emulator.fans.unsubscribe(APPID, fan)
    const sink = customServiceLateReplies(world.client)
    await sink.deliver(lateReply(world, fan, reply.text('再见')))
    expect(sink.undeliverable).toMatchObject([{ reason: 'window-closed', errcode: 45015 }])
  })

  it('does not repeat a send that failed transiently (customService.send is not idempotent)', async () => {
    const world = setup()
    const fan = world.follower()
    world.emulator.state.windows.open(APPID, fan, 'message', world.clock.now())
    await world.fault({ endpoint: 'customService.send', errcode: -1 })
    const sink = customServiceLateReplies(world.client)
    await sink.deliver(lateReply(world, fan, reply.text('hi')))
    expect(sink.undeliverable).toMatchObject([{ reason: 'failed', errcode: -1 }])
    expect(await world.calls('/cgi-bin/message/custom/send')).toBe(1)
  })

  it('delivers each passive reply type as its customer-service msgtype', async () => {
    const world = setup()
    const fan = world.follower()
    world.emulator.state.windows.open(APPID, fan, 'payment', world.clock.now())
    const upload = async (type: 'image' | 'voice' | 'video' | 'thumb', filename: string) => {
      return (await world.client.media.upload({ type, media: { data: JPEG, filename } })).media_id
    }
    const image = await upload('image', 'a.jpg')
    const voice = await upload('voice', 'a.mp3')
    const video = await upload('video', 'a.mp4')
    const thumbId = await upload('thumb', 't.jpg')
    const sink = customServiceLateReplies(world.client, { videoThumbMediaId: thumbId })
    const replies: Reply[] = [
      reply.text('文字'),
      reply.image(image),
      reply.voice(voice),
      reply.video({ MediaId: video, Title: '演示' }),
      reply.music({ Title: '晴天', MusicUrl: 'https://e.com/a.mp3', ThumbMediaId: thumbId }),
      reply.news([
        {
          Title: '新品',
          Description: '看看',
          PicUrl: 'https://e.com/a.jpg',
          Url: 'https://e.com/1',
        },
        { Title: '第二篇', Description: '', PicUrl: '', Url: 'https://e.com/2' },
      ]),
    ]
    for (const r of replies)
      expect(await sink.deliver(lateReply(world, fan, r)), r.type).toEqual({ delivered: true })
    const got = received(world, fan)
    expect(got.map((m) => m.msgtype)).toEqual(['text', 'image', 'voice', 'video', 'music', 'news'])
    expect(got[3]!.payload).toEqual({ media_id: video, thumb_media_id: thumbId, title: '演示' })
    expect(got[4]!.payload).toMatchObject({
      musicurl: 'https://e.com/a.mp3',
      hqmusicurl: 'https://e.com/a.mp3',
    })
    expect(got[5]!.payload).toEqual({
      articles: [
        {
          title: '新品',
          description: '看看',
          url: 'https://e.com/1',
          picurl: 'https://e.com/a.jpg',
        },
      ],
    })
  })

  it('records what has no customer-service form, without calling WeChat', async () => {
    const world = setup()
    const fan = world.follower()
    world.emulator.state.windows.open(APPID, fan, 'message', world.clock.now())
    const sink = customServiceLateReplies(world.client)
    await sink.deliver(lateReply(world, fan, reply.transferCustomerService()))
    await sink.deliver(lateReply(world, fan, reply.video({ MediaId: 'm' })))
    await sink.deliver(lateReply(world, fan, reply.text('x'), APPID_B))
    expect(sink.undeliverable.map((r) => r.reason)).toEqual([
      'unsupported',
      'unsupported',
      'no-client',
    ])
    expect(await world.calls('/cgi-bin/message/custom/send')).toBe(0)
  })

  it('keeps at most maxRecords and survives a throwing callback', async () => {
    const world = setup()
    const fan = world.follower()
    const sink = customServiceLateReplies(world.client, {
      maxRecords: 2,
      onUndeliverable: () => {
        throw new Error('boom')
      },
    })
    for (const text of ['a', 'b', 'c']) await sink.deliver(lateReply(world, fan, reply.text(text)))
    expect(sink.undeliverable.map((r) => (r.reply as { Content: string }).Content)).toEqual([
      'b',
      'c',
    ])
  })

  it('adds the kf_account when asked', () => {
    expect(customMessageOf(reply.text('hi'), 'oFan', { kfAccount: 'kf1@shop' })).toEqual({
      touser: 'oFan',
      customservice: { kf_account: 'kf1@shop' },
      msgtype: 'text',
      text: { content: 'hi' },
    })
  })
})

describe('with a real webhook', () => {
  it("sends a handler's reply that misses the 5 s deadline to the fan through customer service", async () => {
    const world = setup()
    const fan = world.follower()
    const account = { appid: APPID, token: 'sdktoken', originalId: 'gh_0123456789ab' }
    const sink = customServiceLateReplies(world.client)
    // Keeps each delivery's promise so the test can wait for it instead of for time.
    const deliveries: Promise<unknown>[] = []
    const lateReplies: LateReplySink = {
      deliver: (late: LateReply) => {
        const delivery = sink.deliver(late)
        deliveries.push(delivery)
        return delivery
      },
    }
    const wh = createWebhook({
      accounts: [account],
      clock: world.clock,
      deadlineMs: 4500,
      lateReplies,
    })
    let release!: () => void
    const slow = new Promise<void>((resolve) => (release = resolve))
    wh.on('text', async (m) => {
      await slow
      return reply.text(`查询结果：${m.Content}`)
    })
    // The fan's message opens their window, as WeChat does on receipt.
    world.emulator.state.windows.open(APPID, fan, 'message', world.clock.now())
    const answer = wh.handle(
      signedPush({ account, xml: textPush(fan, '订单 42'), clock: world.clock }),
    )
    await world.clock.advanceAsync(4500)
    expect(await answer).toMatchObject({ status: 200, body: 'success' })
    expect(received(world, fan)).toEqual([])
    release()
    await world.clock.advanceAsync(0)
    expect(deliveries).toHaveLength(1)
    expect(await deliveries[0]).toEqual({ delivered: true })
    expect(received(world, fan)).toMatchObject([
      { msgtype: 'text', payload: { content: '查询结果：订单 42' } },
    ])
  })
})

// The sink fits the webhook's interface as it is (checked by tsc on this file).
export const fitsTheWebhook: (
  client: Parameters<typeof customServiceLateReplies>[0],
) => LateReplySink = (client) => customServiceLateReplies(client)
