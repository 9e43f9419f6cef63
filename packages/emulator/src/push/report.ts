/** What one push came to: every HTTP attempt and the decoded answer. */
import type { KnownInbound, MessageKey, Reply } from '@wxmp/spec'
import type { PushAttempt } from './http-delivery.js'

/** Where a push came from: a fan's interaction, or a job-finished event from the outbox. */
export type PushSource = 'fan' | 'outbox'

/** The record of one push. JSON-serialisable (the inspection API answers it as it is). */
export interface PushReport {
  readonly source: PushSource
  /** The (lower-case) AppID of the account whose webhook got it. */
  readonly appid: string
  readonly kind: MessageKey
  /** The push's FromUserName (the fan's OpenID). */
  readonly openid: string
  /** The message as pushed, header included (`MsgId`, `MediaId`, `CreateTime`, …). */
  readonly message: KnownInbound
  /** The plaintext message XML (inside `Encrypt` in compat and safe mode). */
  readonly xml: string
  /** Where it was POSTed, query included. */
  readonly url: string
  /** The POST body as sent (the same on every attempt). */
  readonly body: string
  readonly attempts: readonly PushAttempt[]
  /** An attempt got a 2xx answer that was `success`, empty or a valid reply. */
  readonly acknowledged: boolean
  /** The passive reply, decoded (decrypted in compat/safe mode); `null` when none. */
  readonly reply: Reply | null
  /** Why the delivery failed: `timeout`, `HTTP 500`, `malformed reply: …`. */
  readonly failure?: string
  /** What the fan saw instead of a reply, when the delivery failed (§3). */
  readonly notice?: string
}
