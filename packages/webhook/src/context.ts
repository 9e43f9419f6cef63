import type { InboundMessage } from '@wxmp/spec/messages'
import type { Clock } from '@wxmp/core'

/** How a push arrived: plaintext, or AES (`compat` carries plaintext too, `safe` only ciphertext). */
export type PushMode = 'plain' | 'compat' | 'safe'

/** The account a push was addressed to (no secrets). */
export interface AccountInfo {
  readonly appid: string
  /** The account's original id `gh_…`, when configured. */
  readonly originalId: string | undefined
}

/** What a handler gets besides the message itself. */
export interface HandlerContext {
  readonly account: AccountInfo
  readonly message: InboundMessage
  readonly mode: PushMode
  /** The dedupe key of the message (`msg:<MsgId>`, `job:<MsgID>`, `evt:…`). */
  readonly key: string
  readonly clock: Clock
  /** Arbitrary per-request state for middleware. */
  readonly state: Record<string, unknown>
}

/** The context object the pipeline builds per push; `state` is created only when touched. */
export class Context implements HandlerContext {
  #state: Record<string, unknown> | undefined

  constructor(
    readonly account: AccountInfo,
    readonly message: InboundMessage,
    readonly mode: PushMode,
    readonly key: string,
    readonly clock: Clock,
  ) {}

  get state(): Record<string, unknown> {
    return (this.#state ??= {})
  }
}
