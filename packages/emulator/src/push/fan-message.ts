/**
 * What a test or the inspection API asks the engine to push: a registry key and the message's
 * own fields. The header (§2.2) and `MsgId` are the platform's to fill, so they are refused here;
 * the finished message is checked by rendering it and parsing it back with the spec's parser.
 */
import { parseXml } from '@wxmp/core'
import type { XmlObject } from '@wxmp/core'
import { inboundSpecs, messageKeys, parseInbound, renderInbound } from '@wxmp/spec'
import type { InboundOf, KnownInbound, MessageKey } from '@wxmp/spec'
import { PushError } from './push-error.js'

/** Elements the platform writes itself on every push. */
export const PLATFORM_FIELDS = [
  'ToUserName',
  'FromUserName',
  'CreateTime',
  'MsgType',
  'Event',
  'MsgId',
] as const

type PlatformField = (typeof PLATFORM_FIELDS)[number]

/**
 * A fan's message or event: `kind` (`text`, `event.CLICK`, …) and its own fields, element names
 * as in the XML. Fields are optional in the type; a required one left out is refused at run time
 * (a media message's `MediaId`, `PicUrl`, `ThumbMediaId` and `Format` are filled in).
 */
export type FanMessage<K extends MessageKey = MessageKey> = K extends MessageKey
  ? { readonly kind: K } & Partial<Omit<InboundOf<K>, 'kind' | PlatformField>>
  : never

/** The header of one push, as the engine allocated it. */
export interface PushHeader {
  readonly ToUserName: string
  readonly FromUserName: string
  readonly CreateTime: number
  /** Normal messages only. */
  readonly MsgId?: string
}

const SPECS = new Map<string, (typeof inboundSpecs)[number]>(
  inboundSpecs.map((spec) => [spec.key, spec]),
)

/** The registry key of `MsgType` (+ `Event`), or `undefined` when WeChat has no such push. */
export function keyOf(MsgType: string, Event: string | undefined): MessageKey | undefined {
  const key = MsgType === 'event' ? `event.${Event ?? ''}` : MsgType
  return (messageKeys as readonly string[]).includes(key) ? (key as MessageKey) : undefined
}

/** Whether `kind` is a normal message (it then carries a MsgId). */
export function isNormalMessage(kind: MessageKey): boolean {
  return SPECS.get(kind)?.group === 'message'
}

/** Refuses a message whose kind is unknown or which sets a field the platform fills. */
export function checkFanMessage(message: { readonly kind: string }): void {
  if (!SPECS.has(message.kind))
    throw new PushError(
      'invalid-message',
      `unknown message kind ${JSON.stringify(message.kind)}; use a registry key such as text or event.CLICK`,
    )
  for (const field of PLATFORM_FIELDS)
    if (field in message)
      throw new PushError('invalid-message', `${field} is filled in by the platform; leave it out`)
}

/**
 * The complete message with its header, as the spec's parser reads it back from the rendered XML
 * (so ints are numbers, lists arrays, derived fields computed), and that XML. A missing required
 * field or a value of the wrong shape is refused with the parser's reason.
 */
export function completeMessage(
  fields: { readonly kind: string } & Readonly<Record<string, unknown>>,
  header: PushHeader,
): { readonly message: KnownInbound; readonly xml: string } {
  const spec = SPECS.get(fields.kind)
  if (spec === undefined) throw new PushError('invalid-message', `unknown kind ${fields.kind}`)
  const draft: Record<string, unknown> = {
    ...fields,
    kind: spec.key,
    ...header,
    MsgType: spec.MsgType,
  }
  if (spec.Event !== undefined) draft.Event = spec.Event
  const xml = renderInbound(draft as unknown as KnownInbound)
  let parsed: XmlObject
  try {
    parsed = parseXml(xml).xml as XmlObject
  } catch (error) {
    throw new PushError('invalid-message', `the message does not render as XML: ${String(error)}`)
  }
  const message = parseInbound(parsed)
  if (message.kind === 'invalid')
    throw new PushError('invalid-message', `${spec.key}: ${message.reason}`)
  if (message.kind !== spec.key)
    throw new PushError('invalid-message', `${spec.key}: the message does not read back as itself`)
  return { message, xml }
}

// Events a fan can only cause while following ([inferred]: the chat and the menu are a
// follower's; other events, such as kf_* or authorisation changes, come from any known user).
const FOLLOWER_EVENTS: ReadonlySet<string> = new Set([
  'event.unsubscribe',
  'event.SCAN',
  'event.LOCATION',
  'event.CLICK',
  'event.VIEW',
  'event.scancode_push',
  'event.scancode_waitmsg',
  'event.pic_sysphoto',
  'event.pic_photo_or_album',
  'event.pic_weixin',
  'event.location_select',
  'event.view_miniprogram',
])

/** What following state `kind` needs of its sender: `following`, `not-following` or `any`. */
export function followingNeeded(kind: MessageKey): 'following' | 'not-following' | 'any' {
  if (kind === 'event.subscribe') return 'not-following'
  if (isNormalMessage(kind) || FOLLOWER_EVENTS.has(kind)) return 'following'
  return 'any'
}
