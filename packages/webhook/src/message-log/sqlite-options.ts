import type { Clock } from '@wxmp/core'
import { WxConfigError, systemClock } from '@wxmp/core'
import { CHECKPOINT_BYTES } from './sqlite-schema.js'

/** Options of `openSqliteMessageLog`. */
export interface SqliteMessageLogOptions {
  /** The database file; its directory is created if missing. See `defaultMessageLogFile`. */
  file: string
  /** Drives the flush timer. Default: the system clock. */
  clock?: Clock
  /** Entries per write transaction; a full batch is written on the next event-loop turn. Default 512. */
  batchSize?: number
  /** Longest an entry waits for a write when batches do not fill, ms. Default 50. */
  flushIntervalMs?: number
  /**
   * Most entries waiting to be written. Default 65,536 (about 1.6 s of traffic at 40k req/s, and
   * roughly 100 MB at ~1.5 KB of XML per entry). When the writer falls behind past this, the
   * oldest *queued* entries are dropped and counted in `stats().dropped`. The trade-off: a slow
   * or stalled disk costs log entries, never reply latency or unbounded memory. Oldest first,
   * because the newest entries are the ones an operator looks at.
   */
  maxQueued?: number
  /**
   * Entries kept (the name predates batch storage): the newest `maxRows` at least. Older ones
   * go as new ones are written, a whole batch at a time, and only when the rest still hold
   * `maxRows`, so up to `pruneEveryBatches` batches more may be stored. Default 1,000,000
   * (~1.1 GB at ~1.1 KB per entry); `Infinity` keeps all.
   */
  maxRows?: number
  /** Retention runs in one of every this many write transactions, amortising the delete. Default 16. */
  pruneEveryBatches?: number
  /**
   * Told about every failed write and how many entries it lost, and (with 0 lost) when WAL
   * checkpoints had to move back onto the event loop. Should not throw (it is caught).
   */
  onError?: (error: unknown, lostEntries: number) => void
  /**
   * Run WAL checkpoints on a worker thread (started when the first one is due) rather than inline
   * in a write, which would pause every reply in flight for the copy and the disk sync. Default
   * true; false keeps SQLite's inline checkpoints.
   */
  checkpointThread?: boolean
  /**
   * WAL bytes written between two checkpoints (on the thread, or inline after it failed).
   * Default 16 MiB.
   */
  checkpointBytes?: number
}

/** Options with defaults applied and values checked. */
export interface ResolvedSqliteOptions {
  readonly file: string
  readonly clock: Clock
  readonly batchSize: number
  readonly flushIntervalMs: number
  readonly maxQueued: number
  readonly maxRows: number
  readonly pruneEveryBatches: number
  readonly onError: ((error: unknown, lostEntries: number) => void) | undefined
  readonly checkpointThread: boolean
  readonly checkpointBytes: number
}

/** Applies the defaults; throws `WxConfigError` naming the first option that is not a positive integer. */
export function resolveSqliteOptions(options: SqliteMessageLogOptions): ResolvedSqliteOptions {
  return {
    file: options.file,
    clock: options.clock ?? systemClock,
    batchSize: positive(options.batchSize ?? 512, 'batchSize'),
    flushIntervalMs: positive(options.flushIntervalMs ?? 50, 'flushIntervalMs'),
    maxQueued: positive(options.maxQueued ?? 65_536, 'maxQueued'),
    maxRows: positive(options.maxRows ?? 1_000_000, 'maxRows', true),
    pruneEveryBatches: positive(options.pruneEveryBatches ?? 16, 'pruneEveryBatches'),
    onError: options.onError,
    checkpointThread: options.checkpointThread ?? true,
    checkpointBytes: positive(options.checkpointBytes ?? CHECKPOINT_BYTES, 'checkpointBytes'),
  }
}

function positive(value: number, field: string, infinite = false): number {
  if ((infinite && value === Infinity) || (Number.isInteger(value) && value > 0)) return value
  throw new WxConfigError(`messageLog.${field} must be a positive integer, got ${value}`, field)
}
