/**
 * `parseInbound`: turns the parsed `<xml>` of a push into a typed message. This is the webhook's
 * hot path, so it does two map lookups and one walk of the spec's compiled reader; strings are
 * reused as they are and only numbers and lists are reshaped. It never throws.
 */
import type { XmlObject } from '@wxmp/core'
import { eventsByName, messagesByType, type CompiledInbound } from './compiled.js'
import type {
  InboundMessage,
  InvalidInbound,
  KnownInbound,
  MessageKey,
  UnknownInbound,
} from './registry.js'

/**
 * Parses the value under the root `xml` element of a push into a message discriminated on
 * `kind` (`text`, `event.CLICK`, …). An unknown `MsgType`/`Event` gives `kind: 'unknown'`; a known
 * one missing a required field, or with a field of the wrong shape, gives `kind: 'invalid'` with
 * the reason. Never throws, whatever the input.
 * @example
 * const msg = parseInbound(parseXml(body).xml as XmlObject)
 * if (msg.kind === 'text') console.log(msg.Content)
 */
export function parseInbound(doc: XmlObject): InboundMessage {
  try {
    return parse(doc)
  } catch {
    // Only a hostile object (a throwing getter, a Proxy) gets here; XML never does.
    return { kind: 'unknown', MsgType: '', raw: doc }
  }
}

function parse(doc: XmlObject): InboundMessage {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { kind: 'unknown', MsgType: '', raw: doc }
  const MsgType = doc.MsgType
  if (typeof MsgType !== 'string') return { kind: 'unknown', MsgType: '', raw: doc }
  let compiled: CompiledInbound | undefined
  let Event: string | undefined
  if (MsgType === 'event') {
    const name = doc.Event
    if (typeof name !== 'string') return { kind: 'unknown', MsgType, raw: doc }
    Event = name
    compiled = eventsByName.get(name)
  } else {
    compiled = messagesByType.get(MsgType)
  }
  if (compiled === undefined) return unknown(MsgType, Event, doc)

  const out: Record<string, unknown> = { kind: compiled.spec.key }
  const reason = compiled.read(doc, out)
  if (reason !== undefined)
    return invalid(compiled.spec.key as MessageKey, MsgType, Event, reason, doc)
  // Normalisation (e.g. subscribe's sceneId) is declared by the spec, not hard-coded here.
  if (compiled.derive !== undefined) Object.assign(out, compiled.derive(out))
  return out as unknown as KnownInbound
}

function unknown(MsgType: string, Event: string | undefined, raw: XmlObject): UnknownInbound {
  return Event === undefined
    ? { kind: 'unknown', MsgType, raw }
    : { kind: 'unknown', MsgType, Event, raw }
}

function invalid(
  key: MessageKey,
  MsgType: string,
  Event: string | undefined,
  reason: string,
  raw: XmlObject,
): InvalidInbound {
  return Event === undefined
    ? { kind: 'invalid', key, MsgType, reason, raw }
    : { kind: 'invalid', key, MsgType, Event, reason, raw }
}
