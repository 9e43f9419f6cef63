/**
 * The port of each role of `wxmp dev`: a default per role, shifted together by `--port-base`,
 * overridden one by one by the per-role flags. Port 0 asks the system for a free port.
 */
import { WxConfigError } from '@wxmp/core'

/** The roles `wxmp dev` may run, in start order. */
export const DEV_ROLES = ['webhook', 'emulator', 'token', 'proxy'] as const

/** One role of the embedded stack. */
export type DevRole = (typeof DEV_ROLES)[number]

/** The default ports: what `wxmp webhook|emulator|token|proxy` use when run alone. */
export const DEFAULT_PORTS: Readonly<Record<DevRole, number>> = {
  webhook: 8080,
  emulator: 8090,
  token: 8091,
  proxy: 8092,
}

/** The flags that choose ports, as commander hands them over (text). */
export interface PortFlags {
  portBase?: string | undefined
  webhookPort?: string | undefined
  emulatorPort?: string | undefined
  tokenPort?: string | undefined
  proxyPort?: string | undefined
}

/**
 * Each role's port. `--port-base N` puts the webhook on N and the others at their default
 * distance from it (N+10, N+11, N+12); `--port-base 0` gives every role a free port.
 */
export function resolvePorts(flags: PortFlags): Record<DevRole, number> {
  const base = flags.portBase === undefined ? undefined : portOf(flags.portBase, '--port-base')
  if (base !== undefined && base !== 0 && base + 12 > 65_535)
    throw new WxConfigError(
      `--port-base: ${base} leaves no room for the other roles (it uses up to ${base + 12})`,
      'portBase',
    )
  const shifted = (role: DevRole): number =>
    base === undefined
      ? DEFAULT_PORTS[role]
      : base === 0
        ? 0
        : base + DEFAULT_PORTS[role] - DEFAULT_PORTS.webhook
  const pick = (role: DevRole, flag: string | undefined): number =>
    flag === undefined ? shifted(role) : portOf(flag, `--${role}-port`)
  const ports = {
    webhook: pick('webhook', flags.webhookPort),
    emulator: pick('emulator', flags.emulatorPort),
    token: pick('token', flags.tokenPort),
    proxy: pick('proxy', flags.proxyPort),
  }
  // Two roles on one fixed port would fail later with a bare EADDRINUSE; say which ones now.
  const seen = new Map<number, DevRole>()
  for (const role of DEV_ROLES) {
    const port = ports[role]
    const other = seen.get(port)
    if (port !== 0 && other !== undefined)
      throw new WxConfigError(
        `--${role}-port: ${port} is already the ${other}'s port; give each role its own`,
        `${role}Port`,
      )
    seen.set(port, role)
  }
  return ports
}

function portOf(value: string, flag: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN
  if (!Number.isInteger(n) || n > 65_535)
    throw new WxConfigError(`${flag}: "${value}" is not a port number (0–65535)`, flag)
  return n
}
