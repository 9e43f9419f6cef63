/**
 * Pushes the platform owes an account on its own initiative: the job-finished events
 * (TEMPLATESENDJOBFINISH, MASSSENDJOBFINISH, PUBLISHJOBFINISH, §2.4) that follow a send or a
 * publish. Handlers are synchronous and never talk to the webhook; they leave the event here with
 * the time it becomes due, and the push engine delivers it.
 */
import type { InboundOf, MessageKey } from '@wxmp/spec'
import type { KeepAccount } from './snapshot/keep-account.js'

/**
 * An event as a handler describes it: its registry key and fields, without the header the push
 * engine fills in (`ToUserName` = the account's original id, `CreateTime`, `MsgType`, `Event`).
 */
export type OutboxEvent<K extends MessageKey = MessageKey> = K extends MessageKey
  ? { readonly kind: K } & Omit<
      InboundOf<K>,
      'kind' | 'ToUserName' | 'CreateTime' | 'MsgType' | 'Event'
    >
  : never

/** One event waiting for delivery. */
export interface PendingPush {
  /** The (lower-case) AppID of the account whose webhook receives it. */
  readonly appid: string
  readonly event: OutboxEvent
  /** When it becomes due, in clock milliseconds. */
  readonly dueAt: number
  /** Order of scheduling, so events due at the same time go out in the order they were made. */
  readonly sequence: number
}

/** Called when an event is scheduled, so the push engine can wake up. */
export type OutboxListener = (pending: PendingPush) => void

/** The events not yet delivered, in due order, and the next sequence number. */
export interface OutboxSnapshot {
  readonly sequence: number
  readonly pending: readonly PendingPush[]
}

/** The events due to accounts' webhooks, in due order. */
export class PushOutbox {
  #pending: PendingPush[] = []
  #sequence = 0
  readonly #listeners = new Set<OutboxListener>()
  readonly #takeListeners = new Set<() => void>()

  /** Schedules `event` for `appid`'s webhook at `dueAt` (clock milliseconds). */
  schedule(appid: string, event: OutboxEvent, dueAt: number): PendingPush {
    const pending: PendingPush = {
      appid: appid.toLowerCase(),
      event,
      dueAt,
      sequence: this.#sequence++,
    }
    this.#pending.push(pending)
    this.#pending.sort((a, b) => a.dueAt - b.dueAt || a.sequence - b.sequence)
    for (const listener of this.#listeners) listener(pending)
    return pending
  }

  /** Removes and returns every event due at or before `now`, oldest first. */
  takeDue(now: number): PendingPush[] {
    const due = this.#pending.filter((pending) => pending.dueAt <= now)
    if (due.length > 0) {
      this.#pending = this.#pending.filter((pending) => pending.dueAt > now)
      for (const listener of this.#takeListeners) listener()
    }
    return due
  }

  /** Every event not yet taken, in due order (a copy). */
  pending(): readonly PendingPush[] {
    return [...this.#pending]
  }

  /** The earliest due time, or `undefined` when nothing waits. */
  nextDueAt(): number | undefined {
    return this.#pending[0]?.dueAt
  }

  /** Subscribes to events being taken for delivery (the snapshot saves then); returns the unsubscribe function. */
  onTake(listener: () => void): () => void {
    this.#takeListeners.add(listener)
    return () => this.#takeListeners.delete(listener)
  }

  /** The waiting events as plain data. */
  snapshot(): OutboxSnapshot {
    return { sequence: this.#sequence, pending: [...this.#pending] }
  }

  /**
   * Loads a snapshot into this (fresh) outbox, the accounts `keep` refuses left out. Listeners
   * are not told: the push engine, built afterwards, arms its timer for what is waiting.
   */
  restore(data: OutboxSnapshot, keep: KeepAccount): void {
    this.#sequence = data.sequence
    this.#pending = data.pending.filter((pending) => keep(pending.appid))
  }

  /** Subscribes to new events; returns the unsubscribe function. */
  onSchedule(listener: OutboxListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}
