/**
 * How a message, an event or a reply is declared: one call per WeChat type, with its Chinese
 * title, its doc page, its own fields and a realistic sample. The common header fields are
 * declared here, once; every spec's full wire layout is header + own fields (+ message ids).
 */
import { f, type FieldMap, type Flatten, type Infer } from './fields.js'

/**
 * The header every push carries (§2.2). `MsgType` and `Event` are typed as literals per spec;
 * at run time they are ordinary string fields.
 */
export const headerFields = {
  ToUserName: f.string,
  FromUserName: f.string,
  CreateTime: f.int,
  MsgType: f.string,
} as const

/** What only events add after the header. */
export const eventFields = { Event: f.string } as const

/**
 * What every normal message adds after its own fields: `MsgId` (64-bit, so a string), and
 * `MsgDataId`/`Idx` when the user wrote from an article (§2.3).
 */
export const messageIdFields = {
  MsgId: f.id,
  MsgDataId: f.id.optional(),
  Idx: f.int.optional(),
} as const

type Header = Omit<Infer<typeof headerFields>, 'MsgType'>

/** Whether a spec is a normal message, an event (`MsgType` = `event`) or a passive reply. */
export type SpecGroup = 'message' | 'event' | 'reply'

/** What every spec carries, for docs, the emulator and the round-trip tests. */
export interface SpecInfo {
  /** The registry key: `text`, `event.CLICK`, or a reply's `MsgType`. */
  readonly key: string
  readonly group: SpecGroup
  /** WeChat's `MsgType`. */
  readonly MsgType: string
  /** WeChat's `Event`, for events. */
  readonly Event: string | undefined
  /** Other `Event` values WeChat has sent for the same push, parsed as this key. */
  readonly aliases: readonly string[]
  /** The Chinese title of WeChat's doc section. */
  readonly title: string
  /**
   * The doc page: a path under `https://developers.weixin.qq.com/doc/offiaccount/`, or an
   * absolute path (starting with `/`) under `https://developers.weixin.qq.com` for other sites.
   */
  readonly doc: string
  /** Where the shape came from when the protocol reference does not cover it. */
  readonly provenance: string | undefined
  /** The spec's own fields, in wire order. */
  readonly fields: FieldMap
  /** Every field on the wire, header included, in wire order. */
  readonly wireFields: FieldMap
}

/** An inbound message or event spec; `M` is the parsed message type (phantom). */
export interface InboundSpec<K extends string = string, M = unknown> extends SpecInfo {
  readonly key: K
  readonly group: 'message' | 'event'
  /** A realistic value for every own field. */
  readonly sample: Readonly<Record<string, unknown>>
  /** Normalised extras computed from the parsed fields (e.g. `sceneId`); never rendered. */
  readonly derive: ((message: never) => object) | undefined
  /** Phantom: the parsed message type. */
  readonly __message?: M
}

/** A passive reply spec; `R` is the reply value type (phantom). */
export interface ReplySpec<T extends string = string, R = unknown> extends SpecInfo {
  readonly key: T
  readonly group: 'reply'
  /** A realistic value for every own field. */
  readonly sample: Readonly<Record<string, unknown>>
  /** Phantom: the reply value type. */
  readonly __reply?: R
}

interface Definition<F extends FieldMap, Base, D> {
  /** The Chinese title of WeChat's doc section. */
  title: string
  /** The doc page (see `SpecInfo.doc`). */
  doc: string
  /** Where the shape came from, when the protocol reference does not cover it. */
  provenance?: string
  fields: F
  sample: NoInfer<Infer<F>>
  derive?: (message: Base) => D
}

type MessageBase<T extends string, F extends FieldMap> = Flatten<
  { kind: T; MsgType: T } & Header & Infer<F> & Infer<typeof messageIdFields>
>
type EventBase<E extends string, A extends string, F extends FieldMap> = Flatten<
  { kind: `event.${E}`; MsgType: 'event'; Event: E | A } & Header & Infer<F>
>

/** Declares a normal message (`MsgType` other than `event`). */
export function message<
  T extends string,
  F extends FieldMap,
  D extends object = Record<never, never>,
>(
  MsgType: T,
  def: Definition<F, MessageBase<T, F>, D>,
): InboundSpec<T, Flatten<MessageBase<T, F> & D>> {
  return inbound(MsgType, 'message', MsgType, undefined, [], def, {
    ...headerFields,
    ...def.fields,
    ...messageIdFields,
  })
}

/** Declares an event (`MsgType` = `event`); `aliases` are other `Event` values for the same push. */
export function event<
  E extends string,
  F extends FieldMap,
  D extends object = Record<never, never>,
  A extends string = never,
>(
  Event: E,
  def: Definition<F, EventBase<E, A, F>, D> & { aliases?: readonly A[] },
): InboundSpec<`event.${E}`, Flatten<EventBase<E, A, F> & D>> {
  return inbound(`event.${Event}`, 'event', 'event', Event, def.aliases ?? [], def, {
    ...headerFields,
    ...eventFields,
    ...def.fields,
  })
}

/** Declares a passive reply type. */
export function reply<T extends string, F extends FieldMap>(
  MsgType: T,
  def: Omit<Definition<F, never, never>, 'derive'>,
): ReplySpec<T, Flatten<{ type: T } & Infer<F>>> {
  return Object.freeze({
    key: MsgType,
    group: 'reply',
    MsgType,
    Event: undefined,
    aliases: [],
    title: def.title,
    doc: def.doc,
    provenance: def.provenance,
    fields: Object.freeze(def.fields),
    wireFields: Object.freeze({ ...headerFields, ...def.fields }),
    sample: deepFreeze(def.sample),
  })
}

function inbound<K extends string, M>(
  key: K,
  group: 'message' | 'event',
  MsgType: string,
  Event: string | undefined,
  aliases: readonly string[],
  def: Definition<FieldMap, never, object>,
  wireFields: FieldMap,
): InboundSpec<K, M> {
  return Object.freeze({
    key,
    group,
    MsgType,
    Event,
    aliases,
    title: def.title,
    doc: def.doc,
    provenance: def.provenance,
    fields: Object.freeze(def.fields),
    wireFields: Object.freeze(wireFields),
    sample: deepFreeze(def.sample),
    derive: def.derive,
  })
}

// Specs are shared by every consumer in the process; freezing stops one from changing another's.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}
