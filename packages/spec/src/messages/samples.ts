/**
 * Realistic samples of every message, event and reply, for tests and the emulator. Values come
 * from each spec's `sample`; the shared header uses an openid-shaped sender, a `gh_` account id
 * and a 19-digit `MsgId` above 2^53, so any lossy number handling shows up at once.
 */
import { inboundByKey, repliesByType } from './compiled.js'
import type { InboundOf, MessageKey, ReplyOf, ReplyType } from './registry.js'

/** The header values every sample shares. */
export const SAMPLE_HEADER = Object.freeze({
  ToUserName: 'gh_7f083739789a',
  FromUserName: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
  CreateTime: 1714112445,
})

/** The sample `MsgId`: 19 digits, larger than `Number.MAX_SAFE_INTEGER`. */
export const SAMPLE_MSG_ID = '7293847561029384756'

/**
 * A valid message of one key, with `overrides` applied on top; derived fields (`sceneId`) are
 * computed after the overrides.
 * @example
 * sampleInbound('event.subscribe', { EventKey: 'qrscene_42', Ticket: 'T' }).sceneId // '42'
 */
export function sampleInbound<K extends MessageKey>(
  key: K,
  overrides?: Partial<InboundOf<K>>,
): InboundOf<K> {
  const compiled = inboundByKey.get(key)
  if (compiled === undefined) throw new TypeError(`unknown message key: ${String(key)}`)
  const { spec } = compiled
  const m: Record<string, unknown> = { kind: key, ...SAMPLE_HEADER, MsgType: spec.MsgType }
  if (spec.Event !== undefined) m.Event = spec.Event
  // A deep copy, so a test that mutates its sample cannot change the spec's.
  Object.assign(m, structuredClone(spec.sample))
  if (spec.group === 'message') m.MsgId = SAMPLE_MSG_ID
  if (overrides !== undefined) Object.assign(m, overrides)
  if (compiled.derive !== undefined) Object.assign(m, compiled.derive(m))
  return m as unknown as InboundOf<K>
}

/** A valid reply of one type. */
export function sampleReply<T extends ReplyType>(type: T): ReplyOf<T> {
  const compiled = repliesByType.get(type)
  if (compiled === undefined) throw new TypeError(`unknown reply type: ${String(type)}`)
  return { type, ...structuredClone(compiled.spec.sample) } as unknown as ReplyOf<T>
}
