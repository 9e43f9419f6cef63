import type { DevRole } from './ports.js'

/** One started role of the embedded stack. */
export interface RunningRole {
  readonly role: DevRole
  /** The base URL to print, e.g. `http://127.0.0.1:8090`. */
  readonly url: string
  /** What to say about it under its URL in the banner. */
  readonly lines: readonly string[]
  /** Stops serving and releases what the role holds (files, timers). */
  close(): Promise<void>
}

/**
 * A host to reach a listening address from this machine: a wildcard address (`0.0.0.0`, `::`)
 * accepts connections but cannot be dialled everywhere, so the loopback stands in for it.
 */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::' || host === '[::]') return '[::1]'
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host
}
