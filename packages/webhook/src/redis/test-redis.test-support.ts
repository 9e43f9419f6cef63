/**
 * A Redis server for the tests of this package: `WXMP_REDIS_URL` when set (CI may provide one),
 * else a private `redis-server` on a free loopback port, started on first use by a test file and
 * stopped after it. Not part of the public API.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'
import { afterAll } from 'vitest'

let started: Promise<string> | undefined
let child: ChildProcess | undefined
let prefixes = 0

afterAll(() => {
  child?.kill('SIGTERM')
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function start(): Promise<string> {
  if (process.env.WXMP_REDIS_URL) return process.env.WXMP_REDIS_URL
  const port = await freePort()
  child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  )
  const url = `redis://127.0.0.1:${port}`
  const deadline = Date.now() + 10_000
  for (;;) {
    const probe = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    })
    probe.on('error', () => {}) // refused while the server starts up
    try {
      await probe.connect()
      await probe.ping()
      await probe.quit()
      return url
    } catch (err) {
      probe.disconnect()
      if (Date.now() > deadline)
        throw new Error(`redis-server did not start on ${url}`, { cause: err })
      await new Promise((r) => setTimeout(r, 50))
    }
  }
}

/** The URL of this test file's Redis server. */
export function testRedisUrl(): Promise<string> {
  started ??= start()
  return started
}

/** A key prefix no other test (or test run) uses, so tests never see each other's claims. */
export function uniquePrefix(): string {
  return `test${process.pid}.${++prefixes}.${Date.now()}:wxmp:webhook`
}
