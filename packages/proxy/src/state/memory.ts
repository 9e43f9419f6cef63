/** The proxy's state in process memory: one instance, nothing survives a restart. */
import { admits } from './sliding-window.js'
import type {
  DropInSession,
  ProxyState,
  QuotaOutcome,
  RateLimit,
  RateOutcome,
  WindowPosition,
} from './types.js'

interface Counter {
  index: number
  prev: number
  curr: number
}

/** Sliding-window counters in a Map; also used by the SQLite state (rates stay per process). */
export class MemoryRates {
  readonly #counters = new Map<string, Counter>()

  /** See `ProxyState.takeRate`. */
  take(group: string, limits: readonly RateLimit[], at: WindowPosition): RateOutcome {
    const counters = limits.map((l) => this.#counter(`${group}\u0000${l.name}`, at.index))
    for (const [index, counter] of counters.entries()) {
      if (!admits(counter.prev, counter.curr, at.fraction, limits[index]!.limit)) {
        return { allowed: false, index, prev: counter.prev, curr: counter.curr }
      }
    }
    for (const counter of counters) counter.curr += 1
    return { allowed: true }
  }

  #counter(key: string, index: number): Counter {
    let counter = this.#counters.get(key)
    if (counter === undefined) {
      counter = { index, prev: 0, curr: 0 }
      this.#counters.set(key, counter)
      if (this.#counters.size > 10_000) this.#prune(index)
    }
    if (counter.index !== index) {
      counter.prev = counter.index === index - 1 ? counter.curr : 0
      counter.curr = 0
      counter.index = index
    }
    return counter
  }

  // Counters untouched for two windows count nothing any more.
  #prune(index: number): void {
    for (const [key, counter] of this.#counters) {
      if (counter.index < index - 1) this.#counters.delete(key)
    }
  }
}

/** Proxy state in memory (the default when neither Redis nor a SQLite file is configured). */
export class MemoryProxyState implements ProxyState {
  readonly name = 'memory'
  readonly sharedRates = false
  readonly #sessions = new Map<string, DropInSession>()
  readonly #quota = new Map<string, number>()
  readonly #rates = new MemoryRates()

  /** See `ProxyState.putSession`. */
  async putSession(hash: string, session: DropInSession, now: number): Promise<void> {
    for (const [key, s] of this.#sessions) if (s.expiresAt <= now) this.#sessions.delete(key)
    this.#sessions.set(hash, session)
  }

  /** See `ProxyState.getSession`. */
  async getSession(hash: string, now: number): Promise<DropInSession | undefined> {
    const session = this.#sessions.get(hash)
    return session !== undefined && session.expiresAt > now ? session : undefined
  }

  /** See `ProxyState.takeRate`. */
  async takeRate(
    group: string,
    limits: readonly RateLimit[],
    at: WindowPosition,
  ): Promise<RateOutcome> {
    return this.#rates.take(group, limits, at)
  }

  /** See `ProxyState.takeQuota`. */
  async takeQuota(
    appid: string,
    endpoint: string,
    day: string,
    limit: number,
  ): Promise<QuotaOutcome> {
    const key = `${appid} ${day} ${endpoint}`
    const used = this.#quota.get(key) ?? 0
    if (used >= limit) return { allowed: false, used }
    this.#quota.set(key, used + 1)
    return { allowed: true, used: used + 1 }
  }

  /** See `ProxyState.quotaUsed`. */
  async quotaUsed(appid: string, endpoint: string, day: string): Promise<number> {
    return this.#quota.get(`${appid} ${day} ${endpoint}`) ?? 0
  }

  /** See `ProxyState.resetQuota`. */
  async resetQuota(appid: string, day: string): Promise<void> {
    for (const key of this.#quota.keys()) {
      if (key.startsWith(`${appid} ${day} `)) this.#quota.delete(key)
    }
  }

  /** Nothing to close. */
  async close(): Promise<void> {}
}
