import { matchesFilter, queryLimit } from './query-filter.js'
import { RingBuffer } from './ring-buffer.js'
import type { MessageLog, MessageLogEntry, MessageLogFilter, MessageLogStats } from './types.js'

/** Options of the in-memory message log. */
export interface MemoryMessageLogOptions {
  /** Most entries kept; older ones are forgotten (counted in `stats().dropped`). Default 10,000. */
  capacity?: number
}

/**
 * A message log held in a bounded ring in memory: for tests, the emulator, and deployments
 * that want the admin view without a file. Nothing survives a restart.
 */
export class MemoryMessageLog implements MessageLog {
  readonly #ring: RingBuffer<MessageLogEntry>
  #written = 0
  #dropped = 0
  #closed = false

  constructor(options: MemoryMessageLogOptions = {}) {
    this.#ring = new RingBuffer(options.capacity ?? 10_000)
  }

  /** Keeps the entry; evicts the oldest when full. */
  append(entry: MessageLogEntry): void {
    if (this.#closed) {
      this.#dropped++
      return
    }
    if (this.#ring.push(entry)) this.#dropped++
    this.#written++
  }

  /** Nothing to write: entries are stored as they are appended. */
  async flush(): Promise<void> {}

  /** Newest first by `at`, ties in reverse append order, as the SQLite store orders them. */
  async query(filter: MessageLogFilter = {}): Promise<MessageLogEntry[]> {
    if (this.#closed) throw new Error('message log is closed')
    const limit = queryLimit(filter)
    const ring = this.#ring
    const found: MessageLogEntry[] = []
    // Walk youngest to oldest so that the stable sort below keeps "later append first" on ties.
    for (let i = ring.size - 1; i >= 0; i--) {
      const entry = ring.peek(i)
      if (entry !== undefined && matchesFilter(entry, filter)) found.push(entry)
    }
    found.sort((a, b) => b.at - a.at)
    // Copies, so a caller editing a result cannot rewrite the log.
    return found.slice(0, limit).map((entry) => ({ ...entry }))
  }

  /** `written` counts appends; `dropped` counts entries pushed out of the ring. */
  stats(): MessageLogStats {
    return { queued: 0, written: this.#written, dropped: this.#dropped, failed: 0, batches: 0 }
  }

  /** Forgets nothing, but refuses further use. */
  async close(): Promise<void> {
    this.#closed = true
  }
}
