import type { MessageLogEntry } from './types.js'

/**
 * The entry that records a reply which arrived after the deadline: a copy of the original entry
 * with outcome `late-reply`, the late reply, and `durationMs` measured from the original receipt.
 *
 * Why a second entry rather than an update of the first: `append` stays O(1) and the write path
 * stays insert-only (no lookup by key on the hot path), and the log keeps both facts (WeChat got
 * `success` at the deadline, then the reply went to the late-reply sink). `query({ key })`
 * returns both, newest first.
 */
export function lateReplyEntry(
  original: MessageLogEntry,
  reply: string,
  at: number,
): MessageLogEntry {
  const entry: MessageLogEntry = {
    at,
    appid: original.appid,
    key: original.key,
    kind: original.kind,
    fromUser: original.fromUser,
    toUser: original.toUser,
    mode: original.mode,
    request: original.request,
    reply,
    outcome: 'late-reply',
    durationMs: at - original.at,
  }
  return entry
}
