import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { WxError } from '@wxmp/core'

/** The schema this code writes, stored in `PRAGMA user_version`. Bump it with a migration step. */
export const TOKEN_STORE_SCHEMA_VERSION = 1

/**
 * Version 1. STRICT tables, so a wrong type is an error rather than silently stored.
 *  - `credential`: one row per account and kind; `failure` is the JSON of the last failed
 *    refresh (NULL after a success), shared so no instance retries a wrong secret in a loop;
 *  - `lease`: the refresh lock. Taken by `UPDATE … WHERE lease_until <= now`; `fence` only
 *    grows, and a credential write must name the newest fence (see `write`);
 *  - `force_refresh`: the per-account force_refresh ledger (Beijing day, count, last time);
 *  - `refresh_log`: the last refreshes per account, as JSON, for the status page.
 */
const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS credential (
  appid      TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  value      TEXT,
  expires_at INTEGER,
  fetched_at INTEGER,
  source     TEXT,
  rejected   INTEGER NOT NULL DEFAULT 0,
  failure    TEXT,
  PRIMARY KEY (appid, kind)
) STRICT;
CREATE TABLE IF NOT EXISTS lease (
  appid       TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  owner       TEXT    NOT NULL,
  lease_until INTEGER NOT NULL,
  fence       INTEGER NOT NULL,
  PRIMARY KEY (appid, kind)
) STRICT;
CREATE TABLE IF NOT EXISTS force_refresh (
  appid   TEXT    PRIMARY KEY,
  day     TEXT    NOT NULL,
  used    INTEGER NOT NULL,
  last_at INTEGER
) STRICT;
CREATE TABLE IF NOT EXISTS refresh_log (
  id     INTEGER PRIMARY KEY,
  appid  TEXT    NOT NULL,
  record TEXT    NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS refresh_log_appid ON refresh_log (appid, id);
`

/**
 * Opens (creating the directory, file and schema if missing) a token-store database:
 *  - WAL, so readers in other processes never wait for a writer, nor it for them;
 *  - `synchronous = NORMAL`: a power cut may lose the last commit (a token WeChat will hand
 *    out again), never corrupt the file;
 *  - busy timeout 1 s: several instances share the file, and every transaction here is a few
 *    rows, so a short wait beats failing a refresh. better-sqlite3 blocks the event loop while
 *    it waits, which is why it is not the 5 s default.
 */
export function openTokenDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file, { timeout: 5_000 })
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > TOKEN_STORE_SCHEMA_VERSION) {
      throw new WxError(
        'WX_ERR_TOKEN_STORE_SCHEMA',
        `${file} has token-store schema version ${version}, newer than this wxmp understands ` +
          `(${TOKEN_STORE_SCHEMA_VERSION}); upgrade wxmp or use another file`,
      )
    }
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    if (version < TOKEN_STORE_SCHEMA_VERSION) {
      db.transaction(() => {
        db.exec(SCHEMA_V1)
        db.pragma(`user_version = ${TOKEN_STORE_SCHEMA_VERSION}`)
      }).immediate()
    }
    db.pragma('busy_timeout = 1000')
    return db
  } catch (err) {
    db.close()
    throw err
  }
}
