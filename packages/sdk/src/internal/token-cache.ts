/**
 * The caching shared by the direct and remote token sources: one token per AppID, single-flight
 * fetches (concurrent callers share one), refresh ahead of expiry, and compare-and-invalidate.
 */
import type { Clock } from '@wxmp/core'

/** A token and when it stops working (epoch ms). */
export interface TimedToken {
  readonly token: string
  readonly expiresAt: number
}

/** Caches what `fetchToken` answers, per AppID. */
export class TokenCache {
  readonly #tokens = new Map<string, TimedToken>()
  readonly #inflight = new Map<string, Promise<TimedToken>>()
  readonly #fetchToken: (appid: string) => Promise<TimedToken>
  readonly #clock: Clock
  readonly #refreshAheadMs: number

  constructor(
    fetchToken: (appid: string) => Promise<TimedToken>,
    clock: Clock,
    refreshAheadMs: number,
  ) {
    this.#fetchToken = fetchToken
    this.#clock = clock
    this.#refreshAheadMs = refreshAheadMs
  }

  /**
   * The cached token while it has more than `refreshAheadMs` left; else a fresh one. When the
   * refresh fails and the old token has not expired yet, the old one is still answered: a token
   * with four minutes left is better than no token.
   */
  async get(appid: string): Promise<string> {
    const cached = this.#tokens.get(appid)
    const now = this.#clock.now()
    if (cached && cached.expiresAt - now > this.#refreshAheadMs) return cached.token
    try {
      return (await this.#refresh(appid)).token
    } catch (error) {
      if (cached && cached.expiresAt > this.#clock.now()) return cached.token
      throw error
    }
  }

  /** Drops the cached token of `appid` only if it is still `stale`. */
  invalidate(appid: string, stale: string): void {
    if (this.#tokens.get(appid)?.token === stale) this.#tokens.delete(appid)
  }

  // Single flight: every caller arriving while a fetch runs waits for that same fetch.
  #refresh(appid: string): Promise<TimedToken> {
    const running = this.#inflight.get(appid)
    if (running) return running
    const fetching = this.#fetchToken(appid)
      .then((fresh) => {
        this.#tokens.set(appid, fresh)
        return fresh
      })
      .finally(() => this.#inflight.delete(appid))
    this.#inflight.set(appid, fetching)
    return fetching
  }
}
