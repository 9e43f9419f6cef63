/**
 * The ticket store, on SQLite (better-sqlite3): students bound to OpenIDs, activities with a
 * booking window and a ticket count, and tickets. Booking and returning are single UPDATEs
 * guarded by their conditions, so two fans racing for the last ticket cannot both get it.
 */
import Database from 'better-sqlite3'
import type { Database as Db } from 'better-sqlite3'

/** An activity fans can book tickets for. Times are Unix seconds. */
export interface Activity {
  /** Short key used in commands and menu keys, e.g. `gala`. */
  readonly key: string
  readonly name: string
  readonly place: string
  readonly startsAt: number
  readonly endsAt: number
  readonly bookFrom: number
  readonly bookUntil: number
  readonly total: number
  readonly remaining: number
}

/** A fan's ticket. */
export interface Ticket {
  readonly code: string
  readonly activityKey: string
  readonly activityName: string
  readonly startsAt: number
  readonly status: 'valid' | 'returned'
}

/** Why a booking or a return was refused. */
export type Refusal =
  'no-activity' | 'not-open' | 'closed' | 'sold-out' | 'already-booked' | 'no-ticket' | 'started'

const SCHEMA = `
CREATE TABLE IF NOT EXISTS students (openid TEXT PRIMARY KEY, student_id TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS activities (
  key TEXT PRIMARY KEY, name TEXT NOT NULL, place TEXT NOT NULL,
  starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL,
  book_from INTEGER NOT NULL, book_until INTEGER NOT NULL,
  total INTEGER NOT NULL, remaining INTEGER NOT NULL CHECK (remaining >= 0));
CREATE TABLE IF NOT EXISTS tickets (
  code TEXT PRIMARY KEY, openid TEXT NOT NULL, activity_key TEXT NOT NULL REFERENCES activities(key),
  status TEXT NOT NULL CHECK (status IN ('valid', 'returned')));
CREATE UNIQUE INDEX IF NOT EXISTS one_valid_ticket ON tickets (openid, activity_key) WHERE status = 'valid';
`

/** The store's operations. */
export class TicketDb {
  readonly #db: Db

  /** Opens (and creates) the store; `:memory:` for tests. */
  constructor(file: string) {
    this.#db = new Database(file)
    this.#db.pragma('journal_mode = WAL')
    this.#db.exec(SCHEMA)
  }

  /** Adds or replaces an activity; its remaining count starts at `total`. */
  addActivity(activity: Omit<Activity, 'remaining'>): void {
    this.#db
      .prepare(
        `INSERT OR REPLACE INTO activities VALUES (@key, @name, @place, @startsAt, @endsAt, @bookFrom, @bookUntil, @total, @total)`,
      )
      .run(activity)
  }

  /** Binds `openid` to a student id; false when another fan holds that id. */
  bind(openid: string, studentId: string): boolean {
    const holder = this.#db
      .prepare<[string], { openid: string }>('SELECT openid FROM students WHERE student_id = ?')
      .get(studentId)
    if (holder !== undefined && holder.openid !== openid) return false
    this.#db
      .prepare('INSERT OR REPLACE INTO students (openid, student_id) VALUES (?, ?)')
      .run(openid, studentId)
    return true
  }

  /** The student id bound to `openid`, if any. */
  studentOf(openid: string): string | undefined {
    return this.#db
      .prepare<[string], { student_id: string }>('SELECT student_id FROM students WHERE openid = ?')
      .get(openid)?.student_id
  }

  /** Activities not over yet at `now`, soonest first. */
  current(now: number): Activity[] {
    return this.#db
      .prepare<[number], Activity>(`${SELECT_ACTIVITY} WHERE ends_at > ? ORDER BY starts_at`)
      .all(now)
  }

  /** One activity by key. */
  activity(key: string): Activity | undefined {
    return this.#db.prepare<[string], Activity>(`${SELECT_ACTIVITY} WHERE key = ?`).get(key)
  }

  /** Books a ticket; resolves to its code, or why not. */
  book(openid: string, key: string, now: number): { code: string } | { refused: Refusal } {
    const run = this.#db.transaction(() => {
      const activity = this.activity(key)
      if (activity === undefined) return { refused: 'no-activity' as const }
      if (now < activity.bookFrom) return { refused: 'not-open' as const }
      if (now >= activity.bookUntil) return { refused: 'closed' as const }
      if (this.#valid(openid, key) !== undefined) return { refused: 'already-booked' as const }
      const taken = this.#db
        .prepare('UPDATE activities SET remaining = remaining - 1 WHERE key = ? AND remaining > 0')
        .run(key)
      if (taken.changes === 0) return { refused: 'sold-out' as const }
      const serial = activity.total - activity.remaining + 1
      const code = `${key.toUpperCase()}-${String(serial).padStart(4, '0')}-${randomSuffix()}`
      this.#db
        .prepare(
          `INSERT INTO tickets (code, openid, activity_key, status) VALUES (?, ?, ?, 'valid')`,
        )
        .run(code, openid, key)
      return { code }
    })
    return run.immediate()
  }

  /** Returns a ticket before its activity starts, giving the seat back. */
  giveBack(openid: string, key: string, now: number): { code: string } | { refused: Refusal } {
    const run = this.#db.transaction(() => {
      const activity = this.activity(key)
      if (activity === undefined) return { refused: 'no-activity' as const }
      const code = this.#valid(openid, key)
      if (code === undefined) return { refused: 'no-ticket' as const }
      if (now >= activity.startsAt) return { refused: 'started' as const }
      this.#db.prepare(`UPDATE tickets SET status = 'returned' WHERE code = ?`).run(code)
      this.#db.prepare('UPDATE activities SET remaining = remaining + 1 WHERE key = ?').run(key)
      return { code }
    })
    return run.immediate()
  }

  /** A fan's valid tickets, soonest activity first. */
  tickets(openid: string): Ticket[] {
    return this.#db
      .prepare<[string], Ticket>(
        `SELECT t.code, t.activity_key AS activityKey, a.name AS activityName, a.starts_at AS startsAt, t.status
         FROM tickets t JOIN activities a ON a.key = t.activity_key
         WHERE t.openid = ? AND t.status = 'valid' ORDER BY a.starts_at`,
      )
      .all(openid)
  }

  /** Closes the file. */
  close(): void {
    this.#db.close()
  }

  #valid(openid: string, key: string): string | undefined {
    return this.#db
      .prepare<[string, string], { code: string }>(
        `SELECT code FROM tickets WHERE openid = ? AND activity_key = ? AND status = 'valid'`,
      )
      .get(openid, key)?.code
  }
}

const SELECT_ACTIVITY = `SELECT key, name, place, starts_at AS startsAt, ends_at AS endsAt,
  book_from AS bookFrom, book_until AS bookUntil, total, remaining FROM activities`

// Not guessable from the serial alone, so a ticket code cannot be forged by counting.
function randomSuffix(): string {
  return Math.random().toString(36).slice(2, 6).toUpperCase().padEnd(4, '0')
}
