import type Database from 'better-sqlite3'
import type {
  CredentialKind,
  CredentialSource,
  ForceRefreshLimits,
  ForceRefreshUsage,
  RefreshRecord,
  StoredFailure,
  StoredState,
  TokenStore,
} from '../types.js'
import { HISTORY_LENGTH } from '../types.js'
import { openTokenDatabase } from './sqlite-schema.js'

interface CredentialRow {
  value: string | null
  expires_at: number | null
  fetched_at: number | null
  source: string | null
  rejected: number
  failure: string | null
}

interface ForceRow {
  day: string
  used: number
  last_at: number | null
}

/**
 * The token store in an embedded SQLite file (the default, one machine). Several processes may
 * open the same file: every operation is one statement or one short IMMEDIATE transaction, and
 * the lock is a lease row taken with `UPDATE … WHERE lease_until <= now`, so it expires on the
 * clock of the machine the processes share.
 */
export class SqliteTokenStore implements TokenStore {
  readonly name = 'sqlite'
  /** The database file. */
  readonly file: string
  readonly #db: Database.Database
  readonly #statements: ReturnType<typeof prepare>
  readonly #write: Database.Transaction<
    (appid: string, kind: CredentialKind, state: StoredState, fence: number) => boolean
  >
  readonly #takeForce: Database.Transaction<(appid: string, limits: ForceRefreshLimits) => boolean>
  readonly #record: Database.Transaction<(appid: string, record: RefreshRecord) => void>

  constructor(file: string) {
    this.file = file
    this.#db = openTokenDatabase(file)
    const s = prepare(this.#db)
    this.#statements = s
    this.#write = this.#db.transaction((appid, kind, state, fence) => {
      const lease = s.leaseFence.get(appid, kind) as { fence: number } | undefined
      if ((lease?.fence ?? 0) !== fence) return false
      const c = state.credential
      s.upsertCredential.run({
        appid,
        kind,
        value: c?.value ?? null,
        expires_at: c?.expiresAt ?? null,
        fetched_at: c?.fetchedAt ?? null,
        source: c?.source ?? null,
        rejected: c?.rejected === true ? 1 : 0,
        failure: state.failure === undefined ? null : JSON.stringify(state.failure),
      })
      return true
    })
    this.#takeForce = this.#db.transaction((appid, limits) => {
      const row = s.force.get(appid) as ForceRow | undefined
      const used = row?.day === limits.day ? row.used : 0
      if (used >= limits.perDay) return false
      // The spacing holds across midnight: lastAt is kept when the day changes.
      if (row?.last_at != null && limits.now - row.last_at < limits.spacingMs) return false
      s.upsertForce.run(appid, limits.day, used + 1, limits.now)
      return true
    })
    this.#record = this.#db.transaction((appid, record) => {
      s.insertLog.run(appid, JSON.stringify(record))
      s.pruneLog.run(appid, appid, HISTORY_LENGTH)
    })
  }

  /** See `TokenStore.read`. */
  async read(appid: string, kind: CredentialKind): Promise<StoredState | undefined> {
    const row = this.#statements.credential.get(appid, kind) as CredentialRow | undefined
    if (!row) return undefined
    const failure = row.failure === null ? undefined : (JSON.parse(row.failure) as StoredFailure)
    if (row.value === null) return { failure }
    return {
      credential: {
        value: row.value,
        expiresAt: row.expires_at ?? 0,
        fetchedAt: row.fetched_at ?? 0,
        source: (row.source ?? 'stable') as CredentialSource,
        rejected: row.rejected === 1,
      },
      failure,
    }
  }

  /** See `TokenStore.write`. */
  async write(
    appid: string,
    kind: CredentialKind,
    state: StoredState,
    fence: number,
  ): Promise<boolean> {
    return this.#write.immediate(appid, kind, state, fence)
  }

  /** See `TokenStore.invalidate`. */
  async invalidate(appid: string, kind: CredentialKind, stale: string): Promise<boolean> {
    return this.#statements.invalidate.run(appid, kind, stale).changes === 1
  }

  /** See `TokenStore.acquire`. */
  async acquire(
    appid: string,
    kind: CredentialKind,
    owner: string,
    ttlMs: number,
    now: number,
  ): Promise<number | undefined> {
    const s = this.#statements
    s.seedLease.run(appid, kind)
    const row = s.takeLease.get(owner, now + ttlMs, appid, kind, now) as
      { fence: number } | undefined
    return row?.fence
  }

  /** See `TokenStore.renew`. */
  async renew(
    appid: string,
    kind: CredentialKind,
    owner: string,
    ttlMs: number,
    now: number,
  ): Promise<boolean> {
    return this.#statements.renewLease.run(now + ttlMs, appid, kind, owner, now).changes === 1
  }

  /** See `TokenStore.release`. */
  async release(appid: string, kind: CredentialKind, owner: string): Promise<boolean> {
    return this.#statements.releaseLease.run(appid, kind, owner).changes === 1
  }

  /** See `TokenStore.takeForceRefresh`. */
  async takeForceRefresh(appid: string, limits: ForceRefreshLimits): Promise<boolean> {
    return this.#takeForce.immediate(appid, limits)
  }

  /** See `TokenStore.forceRefreshUsage`. */
  async forceRefreshUsage(appid: string, day: string): Promise<ForceRefreshUsage> {
    const row = this.#statements.force.get(appid) as ForceRow | undefined
    return { day, used: row?.day === day ? row.used : 0, lastAt: row?.last_at ?? undefined }
  }

  /** See `TokenStore.recordRefresh`. */
  async recordRefresh(appid: string, record: RefreshRecord): Promise<void> {
    this.#record.immediate(appid, record)
  }

  /** See `TokenStore.refreshHistory`. */
  async refreshHistory(appid: string): Promise<RefreshRecord[]> {
    const rows = this.#statements.history.all(appid, HISTORY_LENGTH) as Array<{ record: string }>
    return rows.map((row) => JSON.parse(row.record) as RefreshRecord)
  }

  /** Closes the database. */
  async close(): Promise<void> {
    if (this.#db.open) this.#db.close()
  }
}

function prepare(db: Database.Database) {
  return {
    credential: db.prepare(
      'SELECT value, expires_at, fetched_at, source, rejected, failure FROM credential WHERE appid = ? AND kind = ?',
    ),
    upsertCredential: db.prepare(
      `INSERT INTO credential (appid, kind, value, expires_at, fetched_at, source, rejected, failure)
       VALUES (@appid, @kind, @value, @expires_at, @fetched_at, @source, @rejected, @failure)
       ON CONFLICT (appid, kind) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at,
         fetched_at = excluded.fetched_at, source = excluded.source, rejected = excluded.rejected,
         failure = excluded.failure`,
    ),
    invalidate: db.prepare(
      'UPDATE credential SET rejected = 1 WHERE appid = ? AND kind = ? AND value = ? AND rejected = 0',
    ),
    leaseFence: db.prepare('SELECT fence FROM lease WHERE appid = ? AND kind = ?'),
    seedLease: db.prepare(
      "INSERT OR IGNORE INTO lease (appid, kind, owner, lease_until, fence) VALUES (?, ?, '', 0, 0)",
    ),
    takeLease: db.prepare(
      `UPDATE lease SET owner = ?, lease_until = ?, fence = fence + 1
       WHERE appid = ? AND kind = ? AND lease_until <= ? RETURNING fence`,
    ),
    renewLease: db.prepare(
      'UPDATE lease SET lease_until = ? WHERE appid = ? AND kind = ? AND owner = ? AND lease_until > ?',
    ),
    releaseLease: db.prepare(
      "UPDATE lease SET owner = '', lease_until = 0 WHERE appid = ? AND kind = ? AND owner = ?",
    ),
    force: db.prepare('SELECT day, used, last_at FROM force_refresh WHERE appid = ?'),
    upsertForce: db.prepare(
      `INSERT INTO force_refresh (appid, day, used, last_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (appid) DO UPDATE SET day = excluded.day, used = excluded.used, last_at = excluded.last_at`,
    ),
    insertLog: db.prepare('INSERT INTO refresh_log (appid, record) VALUES (?, ?)'),
    pruneLog: db.prepare(
      `DELETE FROM refresh_log WHERE appid = ? AND id NOT IN
       (SELECT id FROM refresh_log WHERE appid = ? ORDER BY id DESC LIMIT ?)`,
    ),
    history: db.prepare('SELECT record FROM refresh_log WHERE appid = ? ORDER BY id DESC LIMIT ?'),
  }
}

/**
 * Opens the SQLite token store at `file` (created if missing; `:memory:` for a private one).
 *
 * @example
 * const store = openSqliteTokenStore('./data/tokens.sqlite')
 */
export function openSqliteTokenStore(file: string): SqliteTokenStore {
  return new SqliteTokenStore(file)
}
