import type { InboundMessage, Reply } from '@wxmp/spec/messages'
import type { AccountInfo } from './context.js'

/** A reply that could not be given passively because its handler missed the deadline. */
export interface LateReply {
  readonly account: AccountInfo
  readonly message: InboundMessage
  readonly key: string
  readonly reply: Reply
  /** When the reply became available, ms since the epoch. */
  readonly at: number
}

/** What became of a late reply. */
export type LateReplyOutcome = { delivered: true } | { delivered: false; reason: string }

/**
 * Where late replies go. The SDK provides a sink that sends them through the customer-service API
 * (when WeChat's customer-service window allows); the default stores them in memory and logs them.
 */
export interface LateReplySink {
  deliver(late: LateReply): Promise<LateReplyOutcome>
}

/** Keeps late replies in a bounded list (newest last) so they can be inspected and tested. */
export class MemoryLateReplySink implements LateReplySink {
  readonly replies: Array<LateReply & { outcome: LateReplyOutcome }> = []
  readonly #max: number

  constructor(max = 1000) {
    this.#max = max
  }

  async deliver(late: LateReply): Promise<LateReplyOutcome> {
    const outcome: LateReplyOutcome = {
      delivered: false,
      reason: 'no customer-service sender is configured; the reply was stored only',
    }
    this.replies.push({ ...late, outcome })
    if (this.replies.length > this.#max) this.replies.shift()
    return outcome
  }
}
