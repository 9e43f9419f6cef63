/** Job-finished events from the outbox reach the real webhook when they fall due on the clock. */
import type { InboundOf } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { APPID, ORIGINAL_ID, rig } from './push.test.helpers.js'

describe('outbox delivery', () => {
  it('delivers template, mass and publish results to their handlers when due, in order', async () => {
    const { emulator, webhook, clock, fan } = await rig({
      mode: 'safe',
      emulator: { deliverJobEvents: true },
    })
    const got: (
      | InboundOf<'event.TEMPLATESENDJOBFINISH'>
      | InboundOf<'event.MASSSENDJOBFINISH'>
      | InboundOf<'event.PUBLISHJOBFINISH'>
    )[] = []
    webhook.on('event.TEMPLATESENDJOBFINISH', (message) => void got.push(message))
    webhook.on('event.MASSSENDJOBFINISH', (message) => void got.push(message))
    webhook.on('event.PUBLISHJOBFINISH', (message) => void got.push(message))

    const now = clock.now()
    const { outbox } = emulator.state
    outbox.schedule(
      APPID,
      {
        kind: 'event.MASSSENDJOBFINISH',
        FromUserName: fan.openid,
        MsgID: '1000001625',
        Status: 'send success',
        TotalCount: 4,
        FilterCount: 4,
        SentCount: 4,
        ErrorCount: 0,
      },
      now + 3000,
    )
    outbox.schedule(
      APPID,
      {
        kind: 'event.TEMPLATESENDJOBFINISH',
        FromUserName: fan.openid,
        MsgID: '3147483952134086656',
        Status: 'success',
      },
      now + 1000,
    )
    outbox.schedule(
      APPID,
      {
        kind: 'event.PUBLISHJOBFINISH',
        FromUserName: fan.openid,
        PublishEventInfo: {
          publish_id: '2247503051',
          publish_status: 0,
          article_id: 'ARTICLE',
          article_detail: {
            count: 1,
            item: [{ idx: 1, article_url: 'https://mp.weixin.qq.com/s/a' }],
          },
          fail_idx: [],
        },
      },
      now + 60_000,
    )

    await clock.advanceAsync(999)
    await emulator.push.idle()
    expect(got).toEqual([])

    await clock.advanceAsync(1)
    await emulator.push.idle()
    expect(got).toEqual([
      expect.objectContaining({
        kind: 'event.TEMPLATESENDJOBFINISH',
        ToUserName: ORIGINAL_ID,
        FromUserName: fan.openid,
        CreateTime: Math.floor((now + 1000) / 1000),
        MsgID: '3147483952134086656',
        Status: 'success',
      }),
    ])

    // Real loopback I/O takes real time: let each delivery finish before moving the clock past
    // its 5 s timeout.
    await clock.advanceAsync(2000)
    await emulator.push.idle()
    await clock.advanceAsync(57_000)
    await emulator.push.idle()
    expect(got.map((message) => message.kind)).toEqual([
      'event.TEMPLATESENDJOBFINISH',
      'event.MASSSENDJOBFINISH',
      'event.PUBLISHJOBFINISH',
    ])
    expect(got[1]).toMatchObject({ MsgID: '1000001625', Status: 'send success', SentCount: 4 })
    expect(got[2]).toMatchObject({
      PublishEventInfo: { publish_id: '2247503051', publish_status: 0, article_id: 'ARTICLE' },
    })
    expect(outbox.pending()).toEqual([])
    const reports = emulator.push.reports()
    expect(reports.map((report) => [report.source, report.acknowledged])).toEqual([
      ['outbox', true],
      ['outbox', true],
      ['outbox', true],
    ])
    // Job events show the fan nothing.
    expect(emulator.state.received.forFan(APPID, fan.openid)).toEqual([])
  })

  it('keeps the outbox for the test when the emulator runs on an injected clock', async () => {
    const { emulator, clock, fan, seen } = await rig()
    emulator.state.outbox.schedule(
      APPID,
      {
        kind: 'event.TEMPLATESENDJOBFINISH',
        FromUserName: fan.openid,
        MsgID: '1',
        Status: 'success',
      },
      clock.now(),
    )
    await clock.advanceAsync(10_000)
    await emulator.push.idle()
    expect(seen).toEqual([])
    expect(emulator.state.outbox.pending()).toHaveLength(1)
  })

  it('stops delivering after close()', async () => {
    const { emulator, clock, fan, seen } = await rig({ emulator: { deliverJobEvents: true } })
    emulator.state.outbox.schedule(
      APPID,
      {
        kind: 'event.TEMPLATESENDJOBFINISH',
        FromUserName: fan.openid,
        MsgID: '1',
        Status: 'success',
      },
      clock.now() + 1000,
    )
    emulator.close()
    await clock.advanceAsync(5000)
    await emulator.push.idle()
    expect(seen).toEqual([])
    expect(clock.pending()).toBe(0)
  })

  it('reports an event a handler built wrong instead of sending it', async () => {
    const { emulator, clock, fan, seen } = await rig({ emulator: { deliverJobEvents: true } })
    emulator.state.outbox.schedule(
      APPID,
      { kind: 'event.TEMPLATESENDJOBFINISH', FromUserName: fan.openid } as never,
      clock.now(),
    )
    await clock.advanceAsync(0)
    await emulator.push.idle()
    expect(seen).toEqual([])
    expect(emulator.push.reports()).toEqual([
      expect.objectContaining({ acknowledged: false, failure: expect.stringMatching(/MsgID/) }),
    ])
  })
})
