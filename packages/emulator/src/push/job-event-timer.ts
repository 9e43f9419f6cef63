/**
 * Wakes the engine when outbox events fall due (§2.4 job-finished events): one timer on the
 * emulator's clock, set for the earliest due time and re-set whenever an earlier event is
 * scheduled. On a VirtualClock the events go out as a test advances time.
 */
import type { TimerHandle } from '@wxmp/core'
import type { PendingPush } from '../outbox.js'
import type { EmulatorState } from '../state.js'

// Node timers cannot wait longer than this; a later event is waited for in steps.
const MAX_TIMER_MS = 2 ** 31 - 1

/** Calls `onDue` with the events due, each time some fall due. */
export class JobEventTimer {
  readonly #state: EmulatorState
  readonly #onDue: (due: readonly PendingPush[]) => void
  readonly #unsubscribe: () => void
  #timer: TimerHandle | undefined
  #timerDueAt: number | undefined
  #closed = false

  constructor(state: EmulatorState, onDue: (due: readonly PendingPush[]) => void) {
    this.#state = state
    this.#onDue = onDue
    this.#unsubscribe = state.outbox.onSchedule(() => this.#arm())
    this.#arm()
  }

  /** Stops listening and cancels the timer. */
  close(): void {
    this.#closed = true
    this.#unsubscribe()
    this.#clear()
  }

  #arm(): void {
    if (this.#closed) return
    const next = this.#state.outbox.nextDueAt()
    if (next === this.#timerDueAt && this.#timer !== undefined) return
    this.#clear()
    if (next === undefined) return
    const clock = this.#state.clock
    this.#timerDueAt = next
    this.#timer = clock.setTimeout(
      () => this.#fire(),
      Math.min(MAX_TIMER_MS, Math.max(0, next - clock.now())),
    )
  }

  #fire(): void {
    this.#timer = undefined
    this.#timerDueAt = undefined
    const due = this.#state.outbox.takeDue(this.#state.clock.now())
    if (due.length > 0) this.#onDue(due)
    this.#arm()
  }

  #clear(): void {
    if (this.#timer !== undefined) this.#state.clock.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#timerDueAt = undefined
  }
}
