import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The wxmp bin, as `npx wxmp` runs it (from the build in dist/, made by `tsc -b`). */
export const WXMP_BIN = fileURLToPath(new URL('../bin/wxmp.js', import.meta.url))

/** A started CLI process with its output collected. */
export interface CliProcess {
  readonly child: ChildProcess
  stdout(): string
  stderr(): string
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>
}

/** Starts `wxmp ...args` with an environment that contains only what is given (plus PATH/HOME). */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): CliProcess {
  const child = spawn(process.execPath, [WXMP_BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr.on('data', (c: Buffer) => (err += c.toString()))
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  return { child, stdout: () => out, stderr: () => err, exited }
}

/** Waits (bounded) until the CLI printed its listening URL; returns the origin. */
export async function listeningOrigin(cli: CliProcess, timeoutMs = 10_000): Promise<string> {
  const limit = Date.now() + timeoutMs
  for (;;) {
    const m = /listening on (http:\/\/[^/\s]+)/.exec(cli.stdout())
    if (m) return m[1]!
    if (Date.now() > limit)
      throw new Error(`the CLI did not start:\n${cli.stdout()}\n${cli.stderr()}`)
    if (cli.child.exitCode !== null)
      throw new Error(
        `the CLI exited with ${cli.child.exitCode}:\n${cli.stdout()}\n${cli.stderr()}`,
      )
    await new Promise((r) => setTimeout(r, 20))
  }
}
