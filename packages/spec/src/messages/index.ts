/**
 * Messages, events and replies, declared once as data (see `registry.ts`), with the parser,
 * renderers, reply builders and samples driven by those declarations.
 */
export type { Field, FieldKind, FieldMap, FieldWire } from './fields.js'
export { headerFields, eventFields, messageIdFields } from './define.js'
export type { SpecGroup, SpecInfo, InboundSpec, ReplySpec } from './define.js'
export { inboundSpecs, replySpecs, messageSpecs, messageKeys, replyTypes } from './registry.js'
export type {
  AnyInboundSpec,
  AnyReplySpec,
  MessageKey,
  KnownInbound,
  InboundOf,
  UnknownInbound,
  InvalidInbound,
  InboundMessage,
  ReplyType,
  Reply,
  ReplyOf,
} from './registry.js'
export { parseInbound } from './parse-inbound.js'
export { renderInbound } from './render-inbound.js'
export { reply } from './reply-builders.js'
export { renderReply, type ReplyEnvelope } from './render-reply.js'
export { parseReply } from './parse-reply.js'
export { sampleInbound, sampleReply, SAMPLE_HEADER, SAMPLE_MSG_ID } from './samples.js'
