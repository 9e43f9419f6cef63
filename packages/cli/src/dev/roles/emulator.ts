/** The emulator role of `wxmp dev`: the local WeChat, pushing to the embedded webhook. */
import { join } from 'node:path'
import type { WxmpConfig } from '@wxmp/core'
import { WxConfigError } from '@wxmp/core'
import { AdjustableClock, createEmulator, serveEmulator, SnapshotError } from '@wxmp/emulator'
import type { Emulator } from '@wxmp/emulator'
import type { RunningRole } from '../role.js'

/** The snapshot file of the embedded emulator, under the data dir. */
export const DEV_SNAPSHOT_FILE = 'emulator-snapshot.sqlite'

/** Where the emulator listens and what it keeps. */
export interface EmulatorRoleOptions {
  readonly port: number
  /** Keep the platform's state in `<dataDir>/emulator-snapshot.sqlite` across restarts. */
  readonly snapshot: boolean
  /** Each account's webhook URL. */
  readonly pushUrlFor: (appid: string) => string
}

/** The running emulator. */
export interface EmulatorRole extends RunningRole {
  readonly role: 'emulator'
  readonly emulator: Emulator
}

/**
 * Starts the emulator on loopback. Every account is pushed to the embedded webhook, whatever
 * `pushUrl` the configuration names: in `wxmp dev` the webhook is the one running here.
 */
export async function startEmulatorRole(
  config: WxmpConfig,
  options: EmulatorRoleOptions,
): Promise<EmulatorRole> {
  const snapshotFile = options.snapshot ? join(config.dataDir, DEV_SNAPSHOT_FILE) : undefined
  let emulator: Emulator
  try {
    emulator = createEmulator({
      accounts: config.accounts.map((account) => ({
        ...account,
        pushUrl: options.pushUrlFor(account.appid),
      })),
      // Real time that POST /__emulator/clock can move forward, as in `wxmp emulator`.
      clock: new AdjustableClock(),
      ...(snapshotFile === undefined ? {} : { snapshotFile }),
    })
  } catch (error) {
    if (error instanceof SnapshotError)
      throw new WxConfigError(
        `${error.message} (or start with --no-snapshot, or move the file away)`,
        'snapshot',
      )
    throw error
  }
  try {
    const served = await serveEmulator(emulator, { host: '127.0.0.1', port: options.port })
    const persistence = emulator.persistence
    const state =
      persistence === undefined
        ? 'state in memory only (--no-snapshot)'
        : persistence.restored === undefined
          ? `state persists in ${persistence.file} (new)`
          : `state persists in ${persistence.file} (restored)`
    return {
      role: 'emulator',
      url: served.url,
      emulator,
      lines: [
        `the WeChat API (api.weixin.qq.com) stand-in; ${state}`,
        `inspection ${served.url}/__emulator/stats · /push · /fans · /received · /clock`,
      ],
      // The server first, so no request changes the state after the last save.
      close: async () => {
        try {
          await served.close()
        } finally {
          emulator.close()
        }
      },
    }
  } catch (error) {
    emulator.close()
    throw error
  }
}
