/**
 * Store factories for tests: every suite that touches a store runs once per backend
 * (`describe.each(useTestStores())`). Redis is `WXMP_REDIS_URL` when set, else a private
 * `redis-server` started for the test file on a free loopback port and stopped after it.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { afterAll, afterEach } from 'vitest'
import type { TokenStore } from '../types.js'
import { openRedisTokenStore } from './redis-store.js'
import { openSqliteTokenStore } from './sqlite-store.js'

let redisUrl: Promise<string> | undefined
let redisChild: ChildProcess | undefined
let backings = 0
const cleanups: Array<() => Promise<void> | void> = []

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

async function startRedis(): Promise<string> {
  const fromEnv = process.env.WXMP_REDIS_URL
  if (fromEnv) return fromEnv
  const port = await freePort()
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']
  redisChild = spawn('redis-server', args, { stdio: 'ignore' })
  const url = `redis://127.0.0.1:${port}`
  const probe = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  probe.on('error', () => {}) // refused connections while the server starts are expected
  const limit = Date.now() + 10_000
  for (;;) {
    try {
      await probe.connect()
      await probe.ping()
      await probe.quit()
      return url
    } catch (err) {
      probe.disconnect()
      if (Date.now() > limit)
        throw new Error(`redis-server did not start on ${url}`, { cause: err })
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

/** The Redis URL of this test file's server (started on first use). */
export function testRedisUrl(): Promise<string> {
  redisUrl ??= startRedis()
  return redisUrl
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

afterAll(() => {
  redisChild?.kill('SIGTERM')
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
