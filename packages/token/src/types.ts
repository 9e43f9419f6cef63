/**
 * The shapes the token service keeps in its store, and the store interface both backends
 * (SQLite, Redis) implement. Times are epoch milliseconds on the service's clock.
 */

/** The two credentials kept per account. */
export type CredentialKind = 'access_token' | 'jsapi_ticket'

/** Every credential kind, in a fixed order (status pages, metrics). */
export const CREDENTIAL_KINDS: readonly CredentialKind[] = ['access_token', 'jsapi_ticket']

/** Where a credential came from: `stable_token`, classic `/cgi-bin/token`, or `getticket`. */
export type CredentialSource = 'stable' | 'classic' | 'ticket'

/** A credential as WeChat issued it. */
export interface StoredCredential {
  /** The token or ticket itself. */
  readonly value: string
  /** `fetchedAt + expires_in`: when WeChat stops accepting it. */
  readonly expiresAt: number
  /** When it was received. */
  readonly fetchedAt: number
  readonly source: CredentialSource
  /** A caller reported it rejected (compare-and-invalidate); it is no longer served. */
  readonly rejected: boolean
}

/** Why the last refresh failed, shared by every instance so none of them retries in a loop. */
export interface StoredFailure {
  /** `config`: wrong secret, IP whitelist… (retry only after `retryAt`); `upstream`: WeChat down or erring. */
  readonly kind: 'config' | 'upstream'
  /** WeChat's errcode, when it answered one. */
  readonly errcode?: number | undefined
  /** A redacted, human-readable reason. */
  readonly message: string
  readonly at: number
  /** Consecutive failures; drives the backoff. */
  readonly attempts: number
  /** No instance calls WeChat for this credential before this time. */
  readonly retryAt: number
  /**
   * Config failures only: the first 12 hex digits of SHA-256 over the AppSecret that failed, so
   * the failure stops holding as soon as another secret is configured. 48 bits of the digest of
   * a random 32-character secret tell nothing about it.
   */
  readonly secretId?: string | undefined
}

/** Everything stored for one credential of one account. */
export interface StoredState {
  readonly credential?: StoredCredential | undefined
  readonly failure?: StoredFailure | undefined
}

/** What one refresh attempt came to (kept for the status page; never holds a secret). */
export interface RefreshRecord {
  readonly at: number
  readonly kind: CredentialKind
  /** `active`: ahead of expiry; `missing`: no usable credential; `rejected`: a caller reported it. */
  readonly trigger: 'active' | 'missing' | 'rejected'
  /**
   * `ok`: a new value; `same`: WeChat answered the value already held; `forced`: a new value by
   * force_refresh; `force-refused`: WeChat kept answering the rejected token and the daily or
   * 30 s limit ruled out force_refresh; `config` / `upstream`: failed.
   */
  readonly outcome: 'ok' | 'same' | 'forced' | 'force-refused' | 'config' | 'upstream'
  readonly errcode?: number | undefined
  readonly message?: string | undefined
}

/** Force-refresh usage of one account on one Beijing day. */
export interface ForceRefreshUsage {
  /** Beijing calendar day, `YYYY-MM-DD`. */
  readonly day: string
  readonly used: number
  readonly lastAt?: number | undefined
}

/** The limits a force refresh must respect (WeChat's: 20 a Beijing day, 30 s apart). */
export interface ForceRefreshLimits {
  readonly day: string
  readonly now: number
  readonly perDay: number
  readonly spacingMs: number
}

/**
 * Shared state of the token service: credentials with fenced writes, the refresh lock, the
 * force-refresh ledger and the refresh history. Every method is atomic on its own.
 */
export interface TokenStore {
  /** A short name for logs and status (`sqlite`, `redis`). */
  readonly name: string
  /** The stored state of one credential, or `undefined` if nothing was ever stored. */
  read(appid: string, kind: CredentialKind): Promise<StoredState | undefined>
  /**
   * Replaces the state if `fence` is still the newest fence issued for this lock, so a holder
   * whose lease ran out (and was taken over) cannot overwrite a newer value. Returns false when
   * the write was refused.
   */
  write(appid: string, kind: CredentialKind, state: StoredState, fence: number): Promise<boolean>
  /** Marks the credential rejected only if its value is still `stale`; true when it did. */
  invalidate(appid: string, kind: CredentialKind, stale: string): Promise<boolean>
  /**
   * Takes the refresh lock for `ttlMs` if it is free or its lease has run out; answers the new
   * fence (greater than every fence issued before), or `undefined` when someone else holds it.
   */
  acquire(
    appid: string,
    kind: CredentialKind,
    owner: string,
    ttlMs: number,
    now: number,
  ): Promise<number | undefined>
  /** Extends the lease if `owner` still holds it. */
  renew(
    appid: string,
    kind: CredentialKind,
    owner: string,
    ttlMs: number,
    now: number,
  ): Promise<boolean>
  /** Frees the lock if `owner` still holds it (never someone else's). */
  release(appid: string, kind: CredentialKind, owner: string): Promise<boolean>
  /** Counts one force refresh if the limits allow it; answers whether it may go ahead. */
  takeForceRefresh(appid: string, limits: ForceRefreshLimits): Promise<boolean>
  /** Force refreshes used on `day`. */
  forceRefreshUsage(appid: string, day: string): Promise<ForceRefreshUsage>
  /** Appends to the account's refresh history (the newest `HISTORY_LENGTH` are kept). */
  recordRefresh(appid: string, record: RefreshRecord): Promise<void>
  /** The account's refresh history, newest first. */
  refreshHistory(appid: string): Promise<RefreshRecord[]>
  /** Closes connections this store opened (not ones it was handed). */
  close(): Promise<void>
}

/** Refresh records kept per account. */
export const HISTORY_LENGTH = 20
