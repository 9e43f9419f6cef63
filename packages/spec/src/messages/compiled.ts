/**
 * The registry compiled once at load: per spec a reader and a renderer, and lookup tables by
 * `MsgType` and by `Event` (aliases included), so parsing a push is two map lookups and one
 * closure walk. Internal to the package.
 */
import { compileObjectReader, type ObjectReader } from './read.js'
import { compileObjectWriter, type ObjectWriter } from './write.js'
import type { InboundSpec, ReplySpec } from './define.js'
import { inboundSpecs, replySpecs } from './registry.js'

/** An inbound spec with its compiled reader and renderer. */
export interface CompiledInbound {
  readonly spec: InboundSpec
  readonly read: ObjectReader
  readonly write: ObjectWriter
  readonly derive: ((message: Record<string, unknown>) => object) | undefined
}

/** A reply spec with its compiled body reader and renderer (header excluded). */
export interface CompiledReply {
  readonly spec: ReplySpec
  readonly read: ObjectReader
  readonly write: ObjectWriter
}

function compileInbound(spec: InboundSpec): CompiledInbound {
  return {
    spec,
    read: compileObjectReader(spec.wireFields),
    write: compileObjectWriter(spec.wireFields),
    derive: spec.derive as CompiledInbound['derive'],
  }
}

/** Normal messages by `MsgType`. */
export const messagesByType = new Map<string, CompiledInbound>()
/** Events by `Event`, aliases included. */
export const eventsByName = new Map<string, CompiledInbound>()
/** Every inbound spec by registry key. */
export const inboundByKey = new Map<string, CompiledInbound>()

for (const spec of inboundSpecs as readonly InboundSpec[]) {
  const compiled = compileInbound(spec)
  inboundByKey.set(spec.key, compiled)
  if (spec.Event === undefined) messagesByType.set(spec.MsgType, compiled)
  else for (const name of [spec.Event, ...spec.aliases]) eventsByName.set(name, compiled)
}

/** Replies by `MsgType`. */
export const repliesByType = new Map<string, CompiledReply>()

for (const spec of replySpecs as readonly ReplySpec[]) {
  repliesByType.set(spec.key, {
    spec,
    read: compileObjectReader(spec.fields),
    write: compileObjectWriter(spec.fields),
  })
}
