/**
 * The proxy's state in a SQLite file (one machine): drop-in sessions and the quota ledger
 * survive restarts and are shared by processes on the file; rate limits stay in process
 * memory (a write per call to count a minute is not worth the disk).
 */
import Database from 'better-sqlite3'
import type { Database as Db, Statement } from 'better-sqlite3'
import { MemoryRates } from './memory.js'
import type {
  DropInSession,
  ProxyState,
  QuotaOutcome,
  RateLimit,
  RateOutcome,
  WindowPosition,
} from './types.js'

/** Schema version kept in `user_version`. */
export const PROXY_STATE_SCHEMA_VERSION = 1

const SCHEMA = `
CREATE TABLE IF NOT EXISTS session (
  hash TEXT PRIMARY KEY,
  client TEXT NOT NULL,
  appid TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS session_expiry ON session (expires_at);
CREATE TABLE IF NOT EXISTS quota (
  appid TEXT NOT NULL,
  day TEXT NOT NULL,
  endpoint TEXT NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY (appid, day, endpoint)
) STRICT;
`

/** Proxy state in a SQLite file (WAL); `openSqliteProxyState(file)`. */
export class SqliteProxyState implements ProxyState {
  readonly name = 'sqlite'
  readonly sharedRates = false
  readonly #db: Db
  readonly #rates = new MemoryRates()
  readonly #put: Statement<[string, string, string, number]>
  readonly #purge: Statement<[number]>
  readonly #get: Statement<[string, number], { client: string; appid: string; expires_at: number }>
  readonly #take: Statement<[string, string, string, number], { used: number }>
  readonly #used: Statement<[string, string, string], { used: number }>
  readonly #reset: Statement<[string, string]>

  constructor(file: string) {
    this.#db = new Database(file)
    this.#db.pragma('journal_mode = WAL')
    this.#db.pragma('busy_timeout = 5000')
    this.#db.exec(SCHEMA)
    this.#db.pragma(`user_version = ${PROXY_STATE_SCHEMA_VERSION}`)
    this.#put = this.#db.prepare(
      'INSERT OR REPLACE INTO session (hash, client, appid, expires_at) VALUES (?, ?, ?, ?)',
    )
    this.#purge = this.#db.prepare('DELETE FROM session WHERE expires_at <= ?')
    this.#get = this.#db.prepare(
      'SELECT client, appid, expires_at FROM session WHERE hash = ? AND expires_at > ?',
    )
    // Counts only while below the limit: a refused call leaves the row as it was.
    this.#take = this.#db.prepare(
      `INSERT INTO quota (appid, day, endpoint, used) VALUES (?, ?, ?, 1)
       ON CONFLICT (appid, day, endpoint) DO UPDATE SET used = used + 1 WHERE used < ?
       RETURNING used`,
    )
    this.#used = this.#db.prepare(
      'SELECT used FROM quota WHERE appid = ? AND day = ? AND endpoint = ?',
    )
    this.#reset = this.#db.prepare('DELETE FROM quota WHERE appid = ? AND day = ?')
  }

  /** See `ProxyState.putSession`; expired sessions are purged on the way. */
  async putSession(hash: string, session: DropInSession, now: number): Promise<void> {
    this.#db.transaction(() => {
      this.#purge.run(now)
      this.#put.run(hash, session.client, session.appid, session.expiresAt)
    })()
  }

  /** See `ProxyState.getSession`. */
  async getSession(hash: string, now: number): Promise<DropInSession | undefined> {
    const row = this.#get.get(hash, now)
    return row && { client: row.client, appid: row.appid, expiresAt: row.expires_at }
  }

  /** See `ProxyState.takeRate` (per process). */
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
    if (limit < 1) return { allowed: false, used: await this.quotaUsed(appid, endpoint, day) }
    const row = this.#take.get(appid, day, endpoint, limit)
    if (row) return { allowed: true, used: row.used }
    return { allowed: false, used: await this.quotaUsed(appid, endpoint, day) }
  }

  /** See `ProxyState.quotaUsed`. */
  async quotaUsed(appid: string, endpoint: string, day: string): Promise<number> {
    return this.#used.get(appid, day, endpoint)?.used ?? 0
  }

  /** See `ProxyState.resetQuota`. */
  async resetQuota(appid: string, day: string): Promise<void> {
    this.#reset.run(appid, day)
  }

  /** Closes the database. */
  async close(): Promise<void> {
    this.#db.close()
  }
}

/**
 * Opens (creating if needed) the proxy's SQLite state.
 *
 * @example
 * const state = openSqliteProxyState('./data/proxy.sqlite')
 */
export function openSqliteProxyState(file: string): SqliteProxyState {
  return new SqliteProxyState(file)
}
