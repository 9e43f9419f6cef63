/**
 * The embedded stack for the API command tests: an emulator on a real port as WeChat, and the
 * built `wxmp` spawned with `WXMP_API_BASE` pointing at it and the emulator's account.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator, serveEmulator } from '@wxmp/emulator'
import type { Emulator, ServedEmulator } from '@wxmp/emulator'
import { startCli } from '../run-cli.test-support.js'

/** The emulated account. */
export const APPID = 'wx0123456789abcdef'
/** Its AppSecret. */
export const SECRET = 'S3cretS3cretS3cretS3cretS3cret12'

/** A running emulator and the environment that points `wxmp` at it. */
export interface Upstream {
  readonly emulator: Emulator
  readonly served: ServedEmulator
  readonly env: Record<string, string>
  /** Calls the emulator received for a WeChat path, e.g. `/cgi-bin/menu/create` (0 if none). */
  calls(path: string): number
  close(): Promise<void>
}

/** Starts an emulator for {@link APPID} on a free port. */
export async function startUpstream(seed = 11): Promise<Upstream> {
  const emulator = createEmulator({
    accounts: [{ appid: APPID, secret: SECRET, token: 'wxmptoken', encryptMode: 'plain' }],
    seed,
  })
  const served = await serveEmulator(emulator)
  return {
    emulator,
    served,
    env: { WXMP_APPID: APPID, WXMP_SECRET: SECRET, WXMP_API_BASE: served.url },
    calls: (path) => emulator.stats().calls[path] ?? 0,
    close: async () => {
      await served.close()
      emulator.close()
    },
  }
}

/** What a finished `wxmp` run printed and its exit code. */
export interface CliRun {
  readonly code: number | string
  readonly stdout: string
  readonly stderr: string
}

/** Runs `wxmp ...args` to completion. */
export async function wxmp(args: string[], env: Record<string, string>): Promise<CliRun> {
  const cli = startCli(args, env)
  const code = await cli.exited
  return { code, stdout: cli.stdout(), stderr: cli.stderr() }
}

/** Parses a run's stdout as JSON, failing with the run's output when it is not. */
export function stdoutJson<T = Record<string, unknown>>(run: CliRun): T {
  try {
    return JSON.parse(run.stdout) as T
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`)
  }
}

/** A fresh temporary directory. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'wxmp-api-'))
}

/** A small JPEG-looking file (WeChat checks the extension, the emulator keeps the bytes). */
export const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0xd9])
