/**
 * The message log's contracts: one entry per accepted push (and per late reply), written off the
 * reply path. Two stores implement `MessageLog`: `MemoryMessageLog` (tests, the emulator) and
 * the SQLite store (`openSqliteMessageLog`, the default under the data directory, which stores
 * entries a batch per row).
 */

/** How the push arrived: plaintext, compatible (both), or safe (encrypted) mode. */
export type MessageMode = 'plain' | 'compat' | 'safe'

/**
 * How the push was answered.
 *  - `replied`: the handler's reply went back in the HTTP response;
 *  - `success`: the handler had nothing to say, the webhook answered `success`;
 *  - `deadline`: the handler was too slow, `success` was sent at the deadline;
 *  - `error`: the handler threw, `success` was sent (WeChat would only retry otherwise);
 *  - `late-reply`: a second entry for the same `key`, holding the reply that came after the deadline.
 */
export type MessageOutcome = 'replied' | 'success' | 'deadline' | 'error' | 'late-reply'

/** One logged push and its answer. Timestamps are ms since the Unix epoch. */
export interface MessageLogEntry {
  /** When the push was received (for `late-reply`: when the late reply arrived), ms. */
  at: number
  appid: string
  /** The dedupe key, e.g. `msg:24000000000000000001`; 64-bit ids stay strings end to end. */
  key: string
  /** `text`, `event.CLICK`, `unknown`, …; free-form so new WeChat types need no migration. */
  kind: string
  fromUser: string
  toUser: string
  mode: MessageMode
  /** The plaintext inbound XML (decrypted in safe mode). */
  request: string
  /** The plaintext reply XML, or `success`. */
  reply: string
  outcome: MessageOutcome
  /** Time from receipt to the answer, ms (may be fractional). */
  durationMs: number
  /** The handler's error message, when `outcome` is `error`. */
  error?: string
}

/** What `MessageLog.query` selects. Every field narrows the result; all are optional. */
export interface MessageLogFilter {
  appid?: string
  fromUser?: string
  kind?: string
  /** Every entry of one message: its original answer and any late reply. */
  key?: string
  /** Only entries strictly older than this, ms: pass the last `at` of a page to get the next. */
  before?: number
  /** Most entries returned. Default 100, capped at 10,000. */
  limit?: number
}

/** Counters for metrics. Every count is in entries, not batches. */
export interface MessageLogStats {
  /** Appended, not yet written. */
  queued: number
  /** Committed to storage (for the memory store: appended). */
  written: number
  /** Thrown away on purpose: the queue or ring was full, or `append` came after `close`. */
  dropped: number
  /** Lost to a storage error (reported through `onError`). */
  failed: number
  /** Write transactions committed; `written / batches` is the mean batch size. */
  batches: number
}

/** Where accepted pushes and their replies are recorded. */
export interface MessageLog {
  /**
   * Records an entry. O(1), no I/O, never throws: the entry is queued and written later. The
   * object is kept by reference until written, so do not mutate it afterwards.
   */
  append(entry: MessageLogEntry): void
  /**
   * Writes everything queued so far. Resolves once written, or at the first batch that failed
   * (counted in `failed`) or found the database locked (left queued for the next retry).
   */
  flush(): Promise<void>
  /** Newest first (by `at`, then by append order). Includes entries appended before the call. */
  query(filter?: MessageLogFilter): Promise<MessageLogEntry[]>
  /** Counters for metrics. */
  stats(): MessageLogStats
  /** Flushes, then releases the store. Later `append`s are dropped; later queries reject. */
  close(): Promise<void>
}
