import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { queryLimit } from './query-filter.js'
import { MESSAGE_LOG_SCHEMA_VERSION, openMessageLogDatabase } from './sqlite-schema.js'
import { selectSql } from './sqlite-rows.js'
import { tempDir } from './test-support.js'
import type { MessageLogFilter } from './types.js'

let tmp: ReturnType<typeof tempDir>
let file: string
beforeEach(() => {
  tmp = tempDir()
  file = join(tmp.dir, 'log.sqlite')
})
afterEach(() => tmp.cleanup())

describe('message-log schema', () => {
  it('opens an existing file of the current version without touching it', () => {
    openMessageLogDatabase(file).close()
    const db = openMessageLogDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(MESSAGE_LOG_SCHEMA_VERSION)
    db.close()
  })

  it('refuses a file written by a newer schema, naming the file and the versions', () => {
    const raw = new Database(file)
    raw.pragma('user_version = 99')
    raw.close()
    expect(() => openMessageLogDatabase(file)).toThrow(/schema version 99, newer .*\(1\)/)
  })

  it('answers every filter from an index in time order, never a table scan or a full sort', () => {
    const db = openMessageLogDatabase(file)
    const filters: MessageLogFilter[] = [
      {},
      { before: 1 },
      { appid: 'wx' },
      { appid: 'wx', before: 1 },
      { fromUser: 'o' },
      { fromUser: 'o', before: 1 },
      { kind: 'text' },
      { kind: 'text', before: 1 },
      { key: 'msg:1' },
      { fromUser: 'o', key: 'msg:1' },
      { appid: 'wx', fromUser: 'o', kind: 'text', before: 1 },
    ]
    for (const filter of filters) {
      const { sql, params } = selectSql(filter, queryLimit(filter))
      const plan = (
        db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>
      )
        .map((step) => step.detail)
        .join('; ')
      expect(plan, JSON.stringify(filter)).toMatch(/USING (COVERING )?INDEX message_log_/)
      // Sorting rows that tie on `at` by id is fine; sorting the whole result is not.
      expect(plan, JSON.stringify(filter)).not.toMatch(/TEMP B-TREE FOR ORDER BY/)
    }
    db.close()
  })
})
