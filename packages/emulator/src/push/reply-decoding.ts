/**
 * Reads a webhook's answer the way WeChat does (§3, §4.4): `success` or an empty body
 * acknowledges without a reply; anything else must be a passive reply XML, encrypted when the
 * account is in safe mode (and optionally in compatible mode), addressed to the fan from the
 * account. Anything else is malformed: WeChat does not retry it, and the fan sees an error.
 */
import { parseXml } from '@wxmp/core'
import type { XmlObject } from '@wxmp/core'
import { openReply } from '@wxmp/crypto'
import type { MessageCipher, PushMode } from '@wxmp/crypto'
import { parseReply } from '@wxmp/spec'
import type { Reply } from '@wxmp/spec'

/** What the fan sees when the webhook times out or answers malformed data (§3). */
export const UNAVAILABLE_NOTICE = '该公众号暂时无法提供服务，请稍后再试'

/** How the push was sent, to read its answer. */
export interface ReplyContext {
  readonly mode: PushMode
  readonly token: string
  /** The cipher of the key the push was encrypted with (compat and safe mode). */
  readonly cipher: MessageCipher | undefined
  /** The push's FromUserName: the reply's ToUserName must be it. */
  readonly fan: string
  /** The push's ToUserName: the reply's FromUserName must be it. */
  readonly originalId: string
}

/** A 2xx answer, read. */
export type DecodedAnswer =
  | { readonly ok: true; readonly reply: Reply | null }
  | { readonly ok: false; readonly problem: string }

/** Reads the body of a 2xx answer. */
export function decodeAnswer(body: string, context: ReplyContext): DecodedAnswer {
  // [inferred] Surrounding whitespace is tolerated around `success`, and a blank body counts as
  // empty: frameworks often add a newline.
  const trimmed = body.trim()
  if (trimmed === '' || trimmed === 'success') return { ok: true, reply: null }
  const outer = readXml(body)
  if (typeof outer === 'string') return { ok: false, problem: outer }

  let doc = outer
  if ('Encrypt' in outer) {
    // [inferred] A plaintext account has no key in use, so an encrypted reply means nothing.
    if (context.mode === 'plain' || context.cipher === undefined)
      return { ok: false, problem: 'an encrypted reply to a plaintext push' }
    let inner: string
    try {
      inner = openReply(context.cipher, context.token, body)
    } catch (error) {
      return { ok: false, problem: `the encrypted reply does not open: ${messageOf(error)}` }
    }
    const opened = readXml(inner)
    if (typeof opened === 'string') return { ok: false, problem: `inside Encrypt: ${opened}` }
    doc = opened
  } else if (context.mode === 'safe') {
    return { ok: false, problem: 'safe mode needs an encrypted reply (or success / empty)' }
  }

  const reply = parseReply(doc)
  if (reply === undefined)
    return {
      ok: false,
      problem:
        typeof doc.MsgType === 'string'
          ? `not a valid ${JSON.stringify(doc.MsgType)} reply (unknown type or a required element missing)`
          : 'the reply has no MsgType',
    }
  // [inferred] WeChat delivers the reply to ToUserName as the account FromUserName; a reply
  // addressed otherwise (swapped header, another fan) cannot be delivered.
  if (doc.ToUserName !== context.fan)
    return { ok: false, problem: `reply ToUserName must be the fan's OpenID ${context.fan}` }
  if (doc.FromUserName !== context.originalId)
    return {
      ok: false,
      problem: `reply FromUserName must be the account's original id ${context.originalId}`,
    }
  return { ok: true, reply }
}

/** The object under the root `<xml>`, or why the text is not one. */
function readXml(text: string): XmlObject | string {
  let parsed: XmlObject
  try {
    parsed = parseXml(text)
  } catch (error) {
    return `not XML: ${messageOf(error)}`
  }
  const root = parsed.xml
  if (root === undefined) return 'the root element is not <xml>'
  if (typeof root !== 'object' || Array.isArray(root)) return 'the <xml> root has no elements'
  return root
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
