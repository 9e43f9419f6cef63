/**
 * Keeping an emulator's snapshot file up to date: after a change, a save at most
 * `delayMs` later, so a burst of calls costs one save per `delayMs` (a trailing throttle), and a
 * last save on close. The timer runs on the emulator's clock: on real time (the system clock, an
 * AdjustableClock) that is real time; on a VirtualClock a save happens when the test advances
 * the clock past it, or calls `save()`, or closes the emulator.
 */
import type { Clock, TimerHandle } from '@wxmp/core'
import type { EmulatorSnapshot } from './format.js'
import type { SnapshotFile } from './sqlite-file.js'

/** The default time between a change and its save, in ms. */
export const SNAPSHOT_SAVE_DELAY_MS = 1000

/** What a restart carried over. */
export interface RestoreReport {
  /** The emulator clock's time of the save it started from, in ms. */
  readonly savedAt: number
  /** AppIDs the snapshot knew that are no longer configured: their state was dropped. */
  readonly droppedAccounts: readonly string[]
  /** Configured AppIDs the snapshot did not know: they started fresh (demo fans, templates). */
  readonly newAccounts: readonly string[]
}

/** An emulator's snapshot file, as `emulator.persistence` shows it. */
export interface SnapshotPersistence {
  /** The file's path. */
  readonly file: string
  /** What the start restored from the file; `undefined` when the file held no snapshot. */
  readonly restored: RestoreReport | undefined
  /** Saves made so far (the one at start included, for a new file). */
  readonly saves: number
  /** The last save that failed, if any (a later success does not clear it). */
  readonly lastError: unknown
  /** Whether a change is waiting for its save. */
  readonly pending: boolean
  /** Notes a change: a save follows within the delay. The emulator calls it after every request. */
  changed(): void
  /** Saves now (throws a `SnapshotError` if the file cannot be written). */
  save(): void
}

/** The persistence of one emulator. */
export class SnapshotSaver implements SnapshotPersistence {
  readonly file: string
  readonly restored: RestoreReport | undefined
  saves = 0
  lastError: unknown = undefined
  readonly #target: SnapshotFile
  readonly #clock: Clock
  readonly #delayMs: number
  readonly #take: () => EmulatorSnapshot
  readonly #onError: (error: unknown) => void
  #timer: TimerHandle | undefined
  #closed = false

  constructor(options: {
    readonly target: SnapshotFile
    readonly clock: Clock
    readonly delayMs: number
    readonly restored: RestoreReport | undefined
    /** The emulator's current snapshot. */
    readonly take: () => EmulatorSnapshot
    /** Told about a save the timer made that failed. */
    readonly onError: (error: unknown) => void
  }) {
    this.#target = options.target
    this.file = options.target.file
    this.#clock = options.clock
    this.#delayMs = options.delayMs
    this.restored = options.restored
    this.#take = options.take
    this.#onError = options.onError
  }

  get pending(): boolean {
    return this.#timer !== undefined
  }

  changed(): void {
    if (this.#closed || this.#timer !== undefined) return
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined
      try {
        this.save()
      } catch (error) {
        this.#onError(error)
      }
    }, this.#delayMs)
  }

  save(): void {
    if (this.#closed) return
    this.#cancel()
    try {
      this.#target.write(this.#take())
      this.saves++
    } catch (error) {
      this.lastError = error
      throw error
    }
  }

  /** Saves a last time and closes the file; later changes are not saved. */
  close(): void {
    if (this.#closed) return
    try {
      this.save()
    } finally {
      this.#closed = true
      this.#target.close()
    }
  }

  #cancel(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer)
    this.#timer = undefined
  }
}
