/**
 * The embedded stack of `wxmp dev`: every role in this one process, started in dependency order
 * (webhook → emulator → token service → API proxy), stopped in reverse. Each role is one
 * `start…Role` function returning a `RunningRole`.
 */
import { mkdirSync } from 'node:fs'
import { WxConfigError } from '@wxmp/core'
import type { ClientConfig } from '@wxmp/core'
import type { DevConfig } from './dev-config.js'
import { devClient } from './dev-client.js'
import type { DevRole } from './ports.js'
import type { RunningRole } from './role.js'
import { startEmulatorRole } from './roles/emulator.js'
import type { EmulatorRole } from './roles/emulator.js'
import { startProxyRole } from './roles/proxy.js'
import type { ProxyRole } from './roles/proxy.js'
import { startTokenRole } from './roles/token.js'
import type { TokenRole } from './roles/token.js'
import { startWebhookRole } from './roles/webhook.js'
import type { AppChoice, WebhookRole } from './roles/webhook.js'

/** What to start. */
export interface DevStackOptions extends AppChoice {
  readonly dev: DevConfig
  readonly ports: Readonly<Record<DevRole, number>>
  /** Keep the embedded emulator's state across restarts (default on in `wxmp dev`). */
  readonly snapshot: boolean
}

/** The running stack. */
export interface DevStack {
  readonly webhook: WebhookRole
  /** Absent when `WXMP_API_BASE` names the upstream. */
  readonly emulator: EmulatorRole | undefined
  readonly token: TokenRole
  /** The API proxy, sharing the token service in-process. */
  readonly proxy: ProxyRole
  /** The upstream every role calls: the emulator's URL or `WXMP_API_BASE`. */
  readonly apiBase: string
  /** Who may call the token service (and the proxy): the configured clients, else a dev client. */
  readonly clients: readonly ClientConfig[]
  /** Every role, in start order. */
  readonly roles: readonly RunningRole[]
  /** Stops every role, last started first; resolves when all are stopped. */
  close(): Promise<void>
}

/** Starts the stack; a role that fails to start stops the ones already running, then throws. */
export async function startDevStack(options: DevStackOptions): Promise<DevStack> {
  const { config, embedded } = options.dev
  mkdirSync(config.dataDir, { recursive: true })
  const clients =
    config.clients.length > 0
      ? config.clients
      : [
          devClient(
            config.dataDir,
            config.accounts.map((account) => account.appid),
          ),
        ]
  const roles: RunningRole[] = []
  const start = async <R extends RunningRole>(role: DevRole, run: () => Promise<R>): Promise<R> => {
    try {
      const running = await run()
      roles.push(running)
      return running
    } catch (error) {
      throw portError(error, role, options.ports[role]) ?? error
    }
  }
  try {
    const webhook = await start('webhook', () =>
      startWebhookRole(config, options, options.ports.webhook),
    )
    const emulator = embedded
      ? await start('emulator', () =>
          startEmulatorRole(config, {
            port: options.ports.emulator,
            snapshot: options.snapshot,
            pushUrlFor: webhook.pushUrlFor,
          }),
        )
      : undefined
    const apiBase = emulator?.url ?? config.apiBase
    const token = await start('token', () =>
      startTokenRole(config, {
        port: options.ports.token,
        apiBase,
        clients,
        inMemory: embedded && !options.snapshot,
      }),
    )
    const proxy = await start('proxy', () =>
      startProxyRole(config, {
        port: options.ports.proxy,
        apiBase,
        tokens: token.service,
        clients,
      }),
    )
    return {
      webhook,
      emulator,
      token,
      proxy,
      apiBase,
      clients,
      roles,
      close: () => closeAll(roles),
    }
  } catch (error) {
    await closeAll(roles).catch(() => undefined)
    throw error
  }
}

/** Closes `roles` in reverse order; every role gets its close even if one fails. */
async function closeAll(roles: readonly RunningRole[]): Promise<void> {
  const failures: unknown[] = []
  for (const role of [...roles].reverse()) {
    try {
      await role.close()
    } catch (error) {
      failures.push(error)
    }
  }
  if (failures.length > 0) throw failures[0]
}

/** A taken port is the user's to fix (exit 2, naming the flag), not a crash. */
function portError(error: unknown, role: DevRole, port: number): WxConfigError | undefined {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'EADDRINUSE')
    return new WxConfigError(
      `the ${role} cannot listen on port ${port}: it is in use (choose --${role}-port, or --port-base for all roles; 0 picks free ports)`,
      `${role}Port`,
    )
  if (code === 'EACCES')
    return new WxConfigError(
      `the ${role} may not listen on port ${port} (ports below 1024 need privileges; put a reverse proxy in front)`,
      `${role}Port`,
    )
  return undefined
}
