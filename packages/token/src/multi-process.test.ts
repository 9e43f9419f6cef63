import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createEmulator, serveEmulator } from '@wxmp/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { ACCOUNT, APPID, SECRET } from './service.test-support.js'
import { tempDir } from './store/test-stores.test-support.js'

const SCRIPT = fileURLToPath(new URL('./instance-process.test-support.ts', import.meta.url))
const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

interface Instance {
  readonly child: ChildProcess
  output(): string
  readonly exited: Promise<number | string>
}

function startInstance(env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ['--conditions=@wxmp/source', '--import', 'tsx', SCRIPT], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  return { child, output: () => out, exited }
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const limit = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('token service instances as separate processes', () => {
  it('recovers within the lease when the lock holder is killed mid-refresh', async () => {
    const emulator = createEmulator({ accounts: [ACCOUNT], seed: 3 })
    const served = await serveEmulator(emulator)
    try {
      const tokenCalls = () => emulator.stats().calls['/cgi-bin/stable_token'] ?? 0
      // The first call hangs inside WeChat, so its caller is holding the lock when it dies.
      emulator.state.faults.add('/cgi-bin/stable_token', 1, { delayMs: 60_000 })
      const env = {
        WXMP_TOKEN_STORE: join(tempDir(), 'tokens.sqlite'),
        WXMP_API_BASE: served.url,
        WXMP_APPID: APPID,
        WXMP_SECRET: SECRET,
        // Generous for a loaded CI machine: the survivors' WeChat call may take up to half of it.
        WXMP_LOCK_TTL_MS: '4000',
      }
      const holder = startInstance(env)
      await until(() => tokenCalls() === 1, 'the holder to call WeChat')
      holder.child.kill('SIGKILL')
      expect(await holder.exited).toBe('SIGKILL')
      const killedAt = Date.now()
      const others = [startInstance(env), startInstance(env)]
      // Each survivor answers and exits 0 (an unsettled wait would end the process early).
      expect(await Promise.all(others.map((o) => o.exited))).toEqual([0, 0])
      const elapsed = Date.now() - killedAt
      const tokens = others.map((o) => /token (\S+)/.exec(o.output())?.[1])
      expect(tokens[0], others[0]!.output()).toHaveLength(136)
      expect(tokens[1], others[1]!.output()).toBe(tokens[0])
      // The dead holder's call and exactly one more: the survivors did not both refresh.
      expect(tokenCalls()).toBe(2)
      expect(elapsed).toBeLessThan(12_000)
      for (const o of [holder, ...others]) expect(o.output()).not.toContain(SECRET)
    } finally {
      await served.close()
      emulator.close()
    }
  }, 40_000)
})
