/**
 * Issue 5, acceptance 1: three `wxmp token` processes on one real Redis. A thousand concurrent
 * cold requests spread over them cause exactly one call to WeChat's token endpoints, and a
 * SIGKILLed lock holder delays the others only until its (short, configured) lease runs out.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator, serveEmulator } from '@wxmp/emulator'
import type { Emulator, ServedEmulator } from '@wxmp/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestRedis } from '@wxmp/core/testing'
import type { TestRedis } from '@wxmp/core/testing'
import { listeningOrigin, startCli, type CliProcess } from './run-cli.test-support.js'

const APPID = 'wx0123456789abcdef'
const SECRET = 'S3cretS3cretS3cretS3cretS3cret12'
const KEY = 'fleet-client-key-0001'

const started: CliProcess[] = []
let upstream: ServedEmulator | undefined
let redis: TestRedis | undefined
afterEach(async () => {
  for (const c of started.splice(0)) if (c.child.exitCode === null) c.child.kill('SIGKILL')
  await upstream?.close()
  upstream = undefined
  redis?.stop()
  redis = undefined
})

async function fleet(lockTtlMs?: number) {
  const emulator = createEmulator({
    accounts: [{ appid: APPID, secret: SECRET, token: 'wxmptoken', encryptMode: 'plain' }],
    seed: 9,
  })
  upstream = await serveEmulator(emulator)
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-fleet-'))
  const config = join(dir, 'wxmp.json')
  writeFileSync(
    config,
    JSON.stringify({
      accounts: [{ appid: APPID, secret: SECRET, token: 'wxmptoken' }],
      clients: [{ name: 'app', key: KEY, accounts: [APPID], allow: ['token.get'] }],
    }),
  )
  // A private, empty Redis per test: the fleet must start cold.
  redis = await startTestRedis({ private: true })
  const env = { WXMP_API_BASE: upstream.url, WXMP_REDIS_URL: redis.url }
  const args = ['token', '--port', '0', '--config', config]
  if (lockTtlMs !== undefined) args.push('--lock-ttl-ms', String(lockTtlMs))
  const start = async (): Promise<{ cli: CliProcess; origin: string }> => {
    const cli = startCli(args, env)
    started.push(cli)
    return { cli, origin: await listeningOrigin(cli, 20_000) }
  }
  return { emulator, start }
}

const tokenCalls = (emulator: Emulator): number =>
  (emulator.stats().calls['/cgi-bin/stable_token'] ?? 0) +
  (emulator.stats().calls['/cgi-bin/token'] ?? 0)

async function accessToken(origin: string): Promise<string> {
  const response = await fetch(`${origin}/v1/accounts/${APPID}/access-token`, {
    headers: { authorization: `Bearer ${KEY}` },
  })
  const body = (await response.json()) as { access_token?: string; error?: unknown }
  if (body.access_token === undefined) throw new Error(JSON.stringify(body))
  return body.access_token
}

describe('three wxmp token processes on one Redis', () => {
  it('answer 1,000 concurrent cold requests with one upstream token call', async () => {
    const { emulator, start } = await fleet()
    const instances = await Promise.all([start(), start(), start()])
    const tokens = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => accessToken(instances[i % 3]!.origin)),
    )
    expect(new Set(tokens).size).toBe(1)
    expect(tokenCalls(emulator)).toBe(1)
  }, 60_000)

  it('keep serving once the lease of a SIGKILLed lock holder runs out', async () => {
    const { emulator, start } = await fleet(4000)
    const [holder, b, c] = await Promise.all([start(), start(), start()])
    // The first token call hangs inside WeChat: its caller holds the lock when it is killed.
    emulator.state.faults.add('/cgi-bin/stable_token', 1, { delayMs: 60_000 })
    const first = accessToken(holder.origin).catch((error: unknown) => error)
    const limit = Date.now() + 10_000
    while (tokenCalls(emulator) === 0 && Date.now() < limit)
      await new Promise((resolve) => setTimeout(resolve, 20))
    expect(tokenCalls(emulator)).toBe(1)
    holder.cli.child.kill('SIGKILL')
    expect(await holder.cli.exited).toBe('SIGKILL')
    await first
    const killedAt = Date.now()
    const [fromB, fromC] = await Promise.all([accessToken(b.origin), accessToken(c.origin)])
    expect(fromC).toBe(fromB)
    // The dead holder's call and exactly one more, made after its lease ended.
    expect(tokenCalls(emulator)).toBe(2)
    expect(Date.now() - killedAt).toBeLessThan(10_000)
  }, 60_000)
})
