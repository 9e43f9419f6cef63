/**
 * Type tests, checked by `tsc -b` (this file is part of the build, never run): narrowing on
 * `kind` and `type` gives WeChat's fields with the right types, and misuse does not compile.
 */
import { expectTypeOf } from 'vitest'
import type { InboundMessage, InboundOf, MessageKey, Reply, ReplyType } from './registry.js'
import { reply } from './reply-builders.js'
import { sampleInbound } from './samples.js'

export function narrowsInboundMessages(msg: InboundMessage): void {
  if (msg.kind === 'event.CLICK') {
    expectTypeOf(msg.EventKey).toEqualTypeOf<string>()
    expectTypeOf(msg.Event).toEqualTypeOf<'CLICK'>()
    expectTypeOf(msg.MsgType).toEqualTypeOf<'event'>()
  }
  if (msg.kind === 'image') {
    expectTypeOf(msg.MediaId).toEqualTypeOf<string>()
    // @ts-expect-error an image message has no Content
    void msg.Content
    // @ts-expect-error only events have an Event
    void msg.Event
  }
  if (msg.kind === 'text') {
    expectTypeOf(msg.Content).toEqualTypeOf<string>()
    expectTypeOf(msg.MsgId).toEqualTypeOf<string>()
    expectTypeOf(msg.CreateTime).toEqualTypeOf<number>()
    expectTypeOf(msg.bizmsgmenuid).toEqualTypeOf<string | undefined>()
    expectTypeOf(msg.Idx).toEqualTypeOf<number | undefined>()
  }
  if (msg.kind === 'event.scancode_push')
    expectTypeOf(msg.ScanCodeInfo.ScanResult).toEqualTypeOf<string>()
  if (msg.kind === 'event.pic_weixin') {
    expectTypeOf(msg.SendPicsInfo.PicList).toEqualTypeOf<{ PicMd5Sum: string }[]>()
  }
  if (msg.kind === 'event.subscribe') {
    expectTypeOf(msg.sceneId).toEqualTypeOf<string | undefined>()
    expectTypeOf(msg.EventKey).toEqualTypeOf<string | undefined>()
  }
  if (msg.kind === 'event.SCAN') expectTypeOf(msg.sceneId).toEqualTypeOf<string>()
  if (msg.kind === 'event.PUBLISHJOBFINISH') {
    expectTypeOf(msg.Event).toEqualTypeOf<'PUBLISHJOBFINISH' | 'FREEPUBLISHJOBFINISH'>()
    expectTypeOf(msg.PublishEventInfo.publish_id).toEqualTypeOf<string>()
    expectTypeOf(msg.PublishEventInfo.fail_idx).toEqualTypeOf<number[]>()
    expectTypeOf(msg.PublishEventInfo.article_detail).toEqualTypeOf<
      { count: number; item: { idx: number; article_url: string }[] } | undefined
    >()
  }
  if (msg.kind === 'event.LOCATION') expectTypeOf(msg.Latitude).toEqualTypeOf<number>()
  if (msg.kind === 'event.TEMPLATESENDJOBFINISH') expectTypeOf(msg.MsgID).toEqualTypeOf<string>()
  if (msg.kind === 'unknown') {
    expectTypeOf(msg.Event).toEqualTypeOf<string | undefined>()
    // @ts-expect-error an unknown message has no typed fields
    void msg.Content
  }
  if (msg.kind === 'invalid') expectTypeOf(msg.key).toEqualTypeOf<MessageKey>()
  // @ts-expect-error before narrowing, a field of one type is not readable
  void msg.EventKey
}

export function keysAreWeChatStrings(): void {
  expectTypeOf<'text'>().toExtend<MessageKey>()
  expectTypeOf<'event.subscribe'>().toExtend<MessageKey>()
  expectTypeOf<'event.SCAN'>().toExtend<MessageKey>()
  expectTypeOf<'event.PUBLISHJOBFINISH'>().toExtend<MessageKey>()
  expectTypeOf<'event.FREEPUBLISHJOBFINISH'>().not.toExtend<MessageKey>()
  expectTypeOf<'event.click'>().not.toExtend<MessageKey>()
  expectTypeOf<InboundOf<'event.CLICK'>['kind']>().toEqualTypeOf<'event.CLICK'>()
}

export function samplesAreTypedByKey(): void {
  expectTypeOf(sampleInbound('event.CLICK').EventKey).toEqualTypeOf<string>()
  sampleInbound('text', { Content: 'hi' })
  // @ts-expect-error overrides are checked against the key's fields
  sampleInbound('text', { Content: 1 })
  // @ts-expect-error keys are checked
  sampleInbound('event.click')
}

export function narrowsReplies(r: Reply): void {
  expectTypeOf<ReplyType>().toEqualTypeOf<
    'text' | 'image' | 'voice' | 'video' | 'music' | 'news' | 'transfer_customer_service'
  >()
  if (r.type === 'news') expectTypeOf(r.Articles[0]!.Url).toEqualTypeOf<string>()
  if (r.type === 'video') expectTypeOf(r.Video.Title).toEqualTypeOf<string | undefined>()
  expectTypeOf(reply.text('x')).toExtend<Reply>()
  // @ts-expect-error a video needs its MediaId
  reply.video({ Title: 'no media' })
  // @ts-expect-error music needs ThumbMediaId
  reply.music({ Title: 't' })
}
