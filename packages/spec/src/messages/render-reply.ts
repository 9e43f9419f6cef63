/**
 * `renderReply`: the passive reply body. Runs once per answered push, so the header is one
 * template string and the body one walk of the reply spec's compiled renderer.
 */
import { repliesByType } from './compiled.js'
import type { Reply } from './registry.js'
import { cdata } from '@wxmp/core'

/** Who a reply goes to and when: the inbound push's sender and recipient, swapped. */
export interface ReplyEnvelope {
  /** The user's OpenID (the push's `FromUserName`). */
  readonly toUser: string
  /** The account's original id `gh_…` (the push's `ToUserName`). */
  readonly fromUser: string
  /** Unix seconds. */
  readonly createTime: number
}

/**
 * Renders a reply as WeChat's `<xml>` body: header first, strings in CDATA, numbers bare.
 * Throws a TypeError for a reply type that is not in the registry (a programming error).
 * @example
 * renderReply(reply.text('hi'), { toUser: msg.FromUserName, fromUser: msg.ToUserName, createTime: now })
 */
export function renderReply(reply: Reply, envelope: ReplyEnvelope): string {
  const compiled = repliesByType.get(reply.type)
  if (compiled === undefined) throw new TypeError(`unknown reply type: ${String(reply.type)}`)
  return (
    `<xml><ToUserName>${cdata(envelope.toUser)}</ToUserName>` +
    `<FromUserName>${cdata(envelope.fromUser)}</FromUserName>` +
    `<CreateTime>${envelope.createTime}</CreateTime>` +
    `<MsgType><![CDATA[${reply.type}]]></MsgType>` +
    `${compiled.write(reply)}</xml>`
  )
}
