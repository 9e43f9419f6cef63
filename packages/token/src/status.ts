/** The status page of one account: what is held, until when, and how the last refreshes went. */
import { beijingDay } from '@wxmp/core'
import type { CredentialKind, RefreshRecord, TokenStore } from './types.js'
import { CREDENTIAL_KINDS } from './types.js'
import type { TokenMode } from './upstream.js'

const seconds = (ms: number): number => Math.floor(ms / 1000)

/** One credential's state, without its value. Times are Unix seconds. */
export interface CredentialStatus {
  readonly present: boolean
  readonly expiresAt?: number
  readonly fetchedAt?: number
  readonly source?: string
  readonly rejected?: boolean
  /** The failure that currently delays refreshes, if any. */
  readonly failure?: {
    readonly kind: 'config' | 'upstream'
    readonly errcode?: number | undefined
    readonly message: string
    readonly at: number
    readonly attempts: number
    readonly retryAt: number
  }
}

/** What `GET /v1/accounts/{appid}/status` answers. No token, ticket or secret appears in it. */
export interface TokenStatus {
  readonly appid: string
  /** How access_tokens are fetched: `stable` or `classic`. */
  readonly mode: TokenMode
  /** Which store backs the service (`sqlite`, `redis`). */
  readonly store: string
  readonly credentials: Readonly<Record<CredentialKind, CredentialStatus>>
  /** force_refresh use on the current Beijing day. */
  readonly forceRefresh: { readonly day: string; readonly used: number; readonly lastAt?: number }
  /** The last refreshes, newest first (times in Unix seconds). */
  readonly refreshes: ReadonlyArray<Omit<RefreshRecord, 'at'> & { readonly at: number }>
}

/** Reads the status of `appid` from `store`. */
export async function readStatus(
  store: TokenStore,
  appid: string,
  mode: TokenMode,
  now: number,
): Promise<TokenStatus> {
  const credentials = {} as Record<CredentialKind, CredentialStatus>
  for (const kind of CREDENTIAL_KINDS) {
    const state = await store.read(appid, kind)
    const c = state?.credential
    const f = state?.failure
    credentials[kind] = {
      present: c !== undefined,
      ...(c && {
        expiresAt: seconds(c.expiresAt),
        fetchedAt: seconds(c.fetchedAt),
        source: c.source,
        rejected: c.rejected,
      }),
      ...(f && {
        failure: {
          kind: f.kind,
          errcode: f.errcode,
          message: f.message,
          at: seconds(f.at),
          attempts: f.attempts,
          retryAt: seconds(f.retryAt),
        },
      }),
    }
  }
  const usage = await store.forceRefreshUsage(appid, beijingDay(now))
  const history = await store.refreshHistory(appid)
  return {
    appid,
    mode,
    store: store.name,
    credentials,
    forceRefresh: {
      day: usage.day,
      used: usage.used,
      ...(usage.lastAt !== undefined && { lastAt: seconds(usage.lastAt) }),
    },
    refreshes: history.map((record) => ({ ...record, at: seconds(record.at) })),
  }
}
