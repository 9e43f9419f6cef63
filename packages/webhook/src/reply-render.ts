import { reply as replies, renderReply, type Reply } from '@wxmp/spec/messages'
import { sealReply } from '@wxmp/crypto'
import type { InboundMessage } from '@wxmp/spec/messages'
import type { AccountRuntime } from './accounts.js'
import type { HandlerResult } from './router.js'
import { fieldOf } from './message-fields.js'

/** A handler's result as a reply; `undefined` means "answer success". A string is a text reply. */
export function toReply(result: HandlerResult): Reply | undefined {
  if (result === undefined || result === null) return undefined
  if (typeof result === 'string') return result === '' ? undefined : replies.text(result)
  return result
}

/**
 * Renders a reply to the sender of `message`: `xml` is the plaintext reply, `body` what goes on the
 * wire (sealed with the key that opened the request, when it came encrypted).
 */
export function renderAnswer(
  account: AccountRuntime,
  message: InboundMessage,
  reply: Reply,
  nowSec: number,
  sealing: { nonce: string; keyIndex: 0 | 1 } | undefined,
): { xml: string; body: string } {
  const xml = renderReply(reply, {
    toUser: fieldOf(message, 'FromUserName') ?? '',
    fromUser: fieldOf(message, 'ToUserName') ?? account.info.originalId ?? '',
    createTime: nowSec,
  })
  if (sealing === undefined || account.cipher === undefined) return { xml, body: xml }
  const body = sealReply(account.cipher, {
    token: account.token,
    xml,
    timestamp: String(nowSec),
    nonce: sealing.nonce,
    keyIndex: sealing.keyIndex,
  })
  return { xml, body }
}
