import { connect } from 'node:net'
import type { CliProcess } from '../run-cli.test-support.js'

/** The URLs `wxmp dev` printed, by role. */
export interface DevUrls {
  webhook: string
  emulator: string | undefined
  token: string
  proxy: string
}

/** Waits (bounded) for the banner of `wxmp dev`; answers each role's URL. */
export async function devUrls(cli: CliProcess, timeoutMs = 10_000): Promise<DevUrls> {
  const limit = Date.now() + timeoutMs
  for (;;) {
    const out = cli.stdout()
    // The banner is written at once; the upstream line comes after every role's.
    if (/^ {2}upstream /m.test(out)) {
      const url = (role: string): string | undefined =>
        new RegExp(`^ {2}${role} +(http://\\S+)`, 'm').exec(out)?.[1]
      const webhook = url('webhook')
      const token = url('token')
      const proxy = url('proxy')
      if (webhook === undefined || token === undefined || proxy === undefined)
        throw new Error(`the banner lacks a URL:\n${out}`)
      return { webhook, emulator: url('emulator'), token, proxy }
    }
    if (cli.child.exitCode !== null || Date.now() > limit)
      throw new Error(`wxmp dev did not start:\n${out}\n${cli.stderr()}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** True when nothing accepts connections on `port` of the loopback any more. */
export function portClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

/** The port of an `http://host:port/…` URL. */
export function portOf(url: string): number {
  return Number(new URL(url).port)
}
