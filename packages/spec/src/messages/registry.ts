/**
 * The registry: every inbound spec and every reply spec in one list each, and the types derived
 * from them. Adding a message, event or reply means declaring it and listing it here; the parser,
 * renderer, samples, docs and round-trip tests pick it up from these lists.
 */
import type { XmlObject } from '@wxmp/core'
import * as jobs from './events-jobs.js'
import * as menu from './events-menu.js'
import * as service from './events-service.js'
import * as user from './events-user.js'
import * as messages from './inbound-messages.js'
import * as replies from './replies.js'

/** Every inbound spec: normal messages first, then events, in the reference's order. */
export const inboundSpecs = [
  messages.text,
  messages.image,
  messages.voice,
  messages.video,
  messages.shortvideo,
  messages.location,
  messages.link,
  messages.miniprogrampage,
  user.subscribe,
  user.unsubscribe,
  user.SCAN,
  user.LOCATION,
  menu.CLICK,
  menu.VIEW,
  menu.scancode_push,
  menu.scancode_waitmsg,
  menu.pic_sysphoto,
  menu.pic_photo_or_album,
  menu.pic_weixin,
  menu.location_select,
  menu.view_miniprogram,
  jobs.TEMPLATESENDJOBFINISH,
  jobs.MASSSENDJOBFINISH,
  jobs.PUBLISHJOBFINISH,
  user.user_info_modified,
  user.user_authorization_revoke,
  user.user_authorization_cancellation,
  service.kf_create_session,
  service.kf_close_session,
  service.kf_switch_session,
  service.subscribe_msg_popup_event,
  service.subscribe_msg_change_event,
  service.subscribe_msg_sent_event,
] as const

/** Every passive reply spec. */
export const replySpecs = [
  replies.textReply,
  replies.imageReply,
  replies.voiceReply,
  replies.videoReply,
  replies.musicReply,
  replies.newsReply,
  replies.transferCustomerServiceReply,
] as const

/** One inbound spec, with its literal key. */
export type AnyInboundSpec = (typeof inboundSpecs)[number]
/** One reply spec, with its literal type. */
export type AnyReplySpec = (typeof replySpecs)[number]

/** Every spec (messages, events, replies), for docs and the emulator to loop over. */
export const messageSpecs: readonly (AnyInboundSpec | AnyReplySpec)[] = [
  ...inboundSpecs,
  ...replySpecs,
]

/** A registry key: `"<MsgType>"` for messages, `"event.<Event>"` for events. */
export type MessageKey = AnyInboundSpec['key']

/** Every registry key, in registry order. */
export const messageKeys: readonly MessageKey[] = inboundSpecs.map((s) => s.key)

/** A parsed message or event of a known key. */
export type KnownInbound = NonNullable<AnyInboundSpec['__message']>

/** The parsed message of one key, e.g. `InboundOf<'event.CLICK'>`. */
export type InboundOf<K extends MessageKey> = Extract<KnownInbound, { kind: K }>

/** A push whose `MsgType`/`Event` the registry does not know; nothing is lost, `raw` has it all. */
export interface UnknownInbound {
  kind: 'unknown'
  MsgType: string
  Event?: string
  raw: XmlObject
}

/**
 * A push of a known key that lacks a required field or has one of the wrong shape. Kept apart
 * from the typed union so handlers can trust their fields; `reason` says what was wrong.
 */
export interface InvalidInbound {
  kind: 'invalid'
  key: MessageKey
  MsgType: string
  Event?: string
  reason: string
  raw: XmlObject
}

/** What `parseInbound` returns: discriminated on `kind`. */
export type InboundMessage = KnownInbound | UnknownInbound | InvalidInbound

/** A passive reply type (WeChat's reply `MsgType`). */
export type ReplyType = AnyReplySpec['key']

/** A passive reply value, discriminated on `type`. */
export type Reply = NonNullable<AnyReplySpec['__reply']>

/** The reply value of one type, e.g. `ReplyOf<'news'>`. */
export type ReplyOf<T extends ReplyType> = Extract<Reply, { type: T }>

/** Every reply type, in registry order. */
export const replyTypes: readonly ReplyType[] = replySpecs.map((s) => s.key)
