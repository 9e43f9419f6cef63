import type { Redis } from 'ioredis'
import type { Clock, TimerHandle } from '@wxmp/core'
import { SUCCESS, type WebhookResponse } from '../http-types.js'
import { decodeClaim } from './claim-value.js'

interface Waiter {
  readonly resolve: (r: WebhookResponse) => void
  waitTimer: TimerHandle | undefined
  pollTimer: TimerHandle | undefined
}

/** Timing of `SettleWaits`. */
export interface SettleWaitsOptions {
  clock: Clock
  /** Longest wait for the first attempt's answer; then the retry is answered `success`. */
  waitMs: number
  /** How often a waiting retry reads the claim itself, in case a notification was missed. */
  pollMs: number
  onError: (err: unknown) => void
}

/**
 * Retries waiting for a first attempt that is still running, possibly on another instance. The
 * answer normally arrives by pub/sub on the claim's own channel (one subscriber connection per
 * store); each waiter also reads the claim once its subscription is confirmed (closing the gap
 * between the claim read and the SUBSCRIBE) and then every `pollMs`, so a message lost to a
 * reconnect costs latency, not the answer. After `waitMs` it answers `success`.
 */
export class SettleWaits {
  readonly #byChannel = new Map<string, Set<Waiter>>()
  readonly #connect: () => Redis
  readonly #options: SettleWaitsOptions
  #sub: Redis | undefined
  #closed = false

  constructor(connect: () => Redis, options: SettleWaitsOptions) {
    this.#connect = connect
    this.#options = options
  }

  /** Waits for the answer published on `channel`; `read` fetches the claim's answer if stored. */
  wait(
    channel: string,
    read: () => Promise<WebhookResponse | undefined>,
  ): Promise<WebhookResponse> {
    if (this.#closed) return Promise.resolve(SUCCESS)
    const { clock, waitMs, pollMs, onError } = this.#options
    return new Promise<WebhookResponse>((resolve) => {
      const waiter: Waiter = { resolve, waitTimer: undefined, pollTimer: undefined }
      let set = this.#byChannel.get(channel)
      const first = set === undefined
      if (set === undefined) this.#byChannel.set(channel, (set = new Set()))
      set.add(waiter)
      const check = (): void => {
        if (!set.has(waiter)) return
        read().then(
          (r) => {
            if (r !== undefined) this.deliver(channel, r)
          },
          (err: unknown) => {
            if (!this.#closed) onError(err)
          },
        )
      }
      const poll = (): void => {
        waiter.pollTimer = clock.setTimeout(() => {
          if (!set.has(waiter)) return
          check()
          poll()
        }, pollMs)
      }
      waiter.waitTimer = clock.setTimeout(() => this.#finish(channel, waiter, SUCCESS), waitMs)
      poll()
      const subscribed = first ? this.#subscriber().subscribe(channel) : Promise.resolve()
      subscribed.then(check, (err: unknown) => {
        onError(err)
        check()
      })
    })
  }

  /** Hands `response` to every retry waiting on `channel` in this process. */
  deliver(channel: string, response: WebhookResponse): void {
    const set = this.#byChannel.get(channel)
    if (set === undefined) return
    for (const waiter of [...set]) this.#finish(channel, waiter, response)
  }

  /** Answers every waiting retry `success` and closes the subscriber connection. */
  async close(): Promise<void> {
    this.#closed = true
    for (const [channel, set] of [...this.#byChannel])
      for (const waiter of [...set]) this.#finish(channel, waiter, SUCCESS)
    const sub = this.#sub
    this.#sub = undefined
    if (sub !== undefined && sub.status !== 'end') await sub.quit().catch(() => sub.disconnect())
  }

  #finish(channel: string, waiter: Waiter, response: WebhookResponse): void {
    const set = this.#byChannel.get(channel)
    if (set === undefined || !set.delete(waiter)) return
    const { clock, onError } = this.#options
    if (waiter.waitTimer !== undefined) clock.clearTimeout(waiter.waitTimer)
    if (waiter.pollTimer !== undefined) clock.clearTimeout(waiter.pollTimer)
    if (set.size === 0) {
      this.#byChannel.delete(channel)
      if (this.#sub !== undefined && !this.#closed)
        this.#sub.unsubscribe(channel).catch((err: unknown) => onError(err))
    }
    waiter.resolve(response)
  }

  #subscriber(): Redis {
    if (this.#sub !== undefined) return this.#sub
    const sub = this.#connect()
    sub.on('error', (err: unknown) => this.#options.onError(err))
    sub.on('message', (channel: string, message: string) => {
      let response: WebhookResponse | undefined
      try {
        response = decodeClaim(message).response
      } catch (err) {
        this.#options.onError(err)
        return
      }
      if (response !== undefined) this.deliver(channel, response)
    })
    this.#sub = sub
    return sub
  }
}
