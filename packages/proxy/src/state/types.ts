/**
 * What the proxy keeps besides the tokens: drop-in sessions (proxy-scoped tokens handed to
 * existing SDKs), rate-limit windows and the daily quota ledger. Three implementations: memory
 * (one process), SQLite (one machine) and Redis (several machines). Times are epoch ms.
 */

/** A proxy-scoped token's owner, stored under the SHA-256 of the token (never the token). */
export interface DropInSession {
  /** The client's name. */
  readonly client: string
  readonly appid: string
  readonly expiresAt: number
}

/** One rate limit to check: a counter name (unique within the client) and calls per window. */
export interface RateLimit {
  readonly name: string
  readonly limit: number
}

/** The outcome of `takeRate`. */
export type RateOutcome =
  | { readonly allowed: true }
  | {
      readonly allowed: false
      /** Index in the `limits` passed of the one that refused. */
      readonly index: number
      /** The refusing counter's previous and current window counts. */
      readonly prev: number
      readonly curr: number
    }

/** The outcome of `takeQuota`: whether the call may go ahead, and the day's count after it. */
export interface QuotaOutcome {
  readonly allowed: boolean
  readonly used: number
}

/** Where a rate window stands: which window, and how far into it (0 ≤ fraction < 1). */
export interface WindowPosition {
  readonly index: number
  readonly fraction: number
  readonly windowMs: number
}

/** The proxy's shared state. Every method is atomic on its own. */
export interface ProxyState {
  /** `memory`, `sqlite` or `redis` (logs, `/healthz`). */
  readonly name: string
  /** Whether rate limits are shared with other proxy instances. */
  readonly sharedRates: boolean
  /** Stores a session under `hash` (hex SHA-256 of the token) until its expiry. */
  putSession(hash: string, session: DropInSession, now: number): Promise<void>
  /** The session of `hash`, if it exists and has not expired. */
  getSession(hash: string, now: number): Promise<DropInSession | undefined>
  /**
   * Checks every limit of `group` (a client) with a sliding-window estimate; when all admit one
   * more call, counts it in each, else counts nothing and names the one that refused.
   */
  takeRate(group: string, limits: readonly RateLimit[], at: WindowPosition): Promise<RateOutcome>
  /** Counts one call of `endpoint` on `day` for `appid` if fewer than `limit` were counted. */
  takeQuota(appid: string, endpoint: string, day: string, limit: number): Promise<QuotaOutcome>
  /** Calls counted so far. */
  quotaUsed(appid: string, endpoint: string, day: string): Promise<number>
  /** Forgets the account's counts for `day` (after a successful `clear_quota`). */
  resetQuota(appid: string, day: string): Promise<void>
  /** Closes what this state opened (not a connection it was handed). */
  close(): Promise<void>
}
