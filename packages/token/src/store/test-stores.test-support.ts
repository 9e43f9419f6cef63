/**
 * Store factories for tests: every suite that touches a store runs once per backend
 * (`describe.each(useTestStores())`). Redis is `WXMP_REDIS_URL` when set, else a private
 * `redis-server` started for the test file on a free loopback port and stopped after it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach } from 'vitest'
import { startTestRedis, type TestRedis } from '@wxmp/core/testing'
import type { TokenStore } from '../types.js'
import { openRedisTokenStore } from './redis-store.js'
import { openSqliteTokenStore } from './sqlite-store.js'

let redis: Promise<TestRedis> | undefined
let backings = 0
const cleanups: Array<() => Promise<void> | void> = []

/** The Redis URL of this test file's server (started on first use). */
export async function testRedisUrl(): Promise<string> {
  redis ??= startTestRedis()
  return (await redis).url
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

afterAll(async () => {
  ;(await redis)?.stop()
})

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-token-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/**
 * `[name, backing]` per store implementation, for `describe.each`. `await backing()` makes a new,
 * empty store and answers an opener: each call of it is one more connection to that same store
 * (as separate service instances would have). Everything opened is closed after the test.
 */
export function useTestStores(): Array<[string, () => Promise<() => TokenStore>]> {
  const track = (store: TokenStore): TokenStore => {
    cleanups.push(() => store.close())
    return store
  }
  return [
    [
      'sqlite',
      async () => {
        const file = join(tempDir(), 'tokens.sqlite')
        return () => track(openSqliteTokenStore(file))
      },
    ],
    [
      'redis',
      async () => {
        const url = await testRedisUrl()
        // A prefix of its own per backing, so tests never see each other's keys.
        const prefix = `test${process.pid}.${++backings}.${Date.now()}:wxmp:token`
        return () => track(openRedisTokenStore(url, { prefix }))
      },
    ],
  ]
}
