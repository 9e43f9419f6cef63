import type { Command } from 'commander'
import { loadConfig, WxConfigError, type WxmpConfig } from '@wxmp/core'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import {
  AdjustableClock,
  SnapshotError,
  createEmulator,
  createSelfSignedCertificate,
  serveEmulator,
} from '@wxmp/emulator'
import type { Emulator, EmulatorOptions, TlsMaterial } from '@wxmp/emulator'
import { demoAccount } from '../demo-account.js'
import { dataDirOf } from '../data-dir.js'
import { onShutdown } from '../shutdown.js'

/** Flags of `wxmp emulator`. */
export interface EmulatorFlags {
  host?: string
  port?: string
  config?: string
  dataDir?: string
  seed?: string
  tls?: boolean
  pushUrl?: string
  /** `--snapshot` alone: `<data-dir>/emulator-snapshot.sqlite`; with a value, that file. */
  snapshot?: string | true
}

/** The snapshot file `--snapshot` without a value names, under the data directory. */
export const DEFAULT_SNAPSHOT_FILE = 'emulator-snapshot.sqlite'

/** Registers `wxmp emulator`. */
export function registerEmulatorCommand(program: Command): void {
  program
    .command('emulator')
    .description('serve a local WeChat (api.weixin.qq.com) for offline development and tests')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default 8090)')
    .option('--config <file>', 'configuration file (JSON); its accounts are the emulated accounts')
    .option('--data-dir <dir>', 'where the demo account lives (default ./data)')
    .option('--seed <n>', 'seed for tokens and demo fans, for reproducible runs')
    .option(
      '--push-url <url>',
      "where fans' messages and events are pushed (default: each account's pushUrl, else http://127.0.0.1:8080/wx)",
    )
    .option(
      '--snapshot [file]',
      `keep the emulated state in an SQLite file across restarts (default file: <data-dir>/${DEFAULT_SNAPSHOT_FILE}); off unless given`,
    )
    .option('--tls', 'serve HTTPS with a fresh self-signed certificate (saved under the data dir)')
    .action(async (flags: EmulatorFlags) => {
      await runEmulator(flags)
    })
}

/** Starts the emulator from CLI flags and keeps it running until SIGINT/SIGTERM. */
export async function runEmulator(flags: EmulatorFlags): Promise<void> {
  const { config, demo } = resolveConfig(flags)
  const seed = flags.seed === undefined ? undefined : Number(flags.seed)
  if (seed !== undefined && !Number.isInteger(seed))
    throw new WxConfigError(`--seed: "${flags.seed}" is not a whole number`, 'seed')
  const pushUrl = flags.pushUrl === undefined ? undefined : checkPushUrl(flags.pushUrl)
  const snapshotFile =
    flags.snapshot === undefined
      ? undefined
      : resolve(
          flags.snapshot === true ? join(config.dataDir, DEFAULT_SNAPSHOT_FILE) : flags.snapshot,
        )
  const emulator = startEmulator({
    accounts: config.accounts,
    ...(pushUrl === undefined ? {} : { pushUrl }),
    // Real time that POST /__emulator/clock can move forward.
    clock: new AdjustableClock(),
    ...(seed === undefined ? {} : { seed }),
    ...(snapshotFile === undefined ? {} : { snapshotFile }),
  })
  const port = flags.port === undefined ? 8090 : Number(flags.port)
  if (!Number.isInteger(port) || port < 0)
    throw new WxConfigError(`--port: "${flags.port}" is not a port number`, 'port')
  const tls = flags.tls === true ? writeCertificate(config.dataDir) : undefined
  const served = await serveEmulator(emulator, {
    host: config.host,
    port,
    ...(tls === undefined ? {} : { tls: tls.material }),
  })
  const lines = [
    `wxmp emulator listening on ${served.url}`,
    ...(tls === undefined
      ? []
      : [
          `  self-signed certificate: ${tls.certPath}`,
          `  trust it, e.g. NODE_EXTRA_CA_CERTS=${tls.certPath} (Node) or curl --cacert ${tls.certPath}`,
        ]),
    `  use it as the API base instead of https://api.weixin.qq.com (e.g. WXMP_API_BASE=${served.url})`,
    ...config.accounts.map(
      (a) => `  account ${a.appid}${demo ? `  secret ${a.secret ?? ''}  token ${a.token}` : ''}`,
    ),
    ...config.accounts.map((a) => `  pushes for ${a.appid} go to ${emulator.push.urlFor(a.appid)}`),
    ...persistenceLines(emulator),
    `  inspection: ${served.url}/__emulator/stats · /push · /fans · /received · /faults · /clock`,
    `  e.g. curl -X POST ${served.url}/__emulator/push -d '{"message":{"MsgType":"text","Content":"hi"}}'`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
  // The server first, so no request changes the state after the last save.
  onShutdown(async () => {
    try {
      await served.close()
    } finally {
      emulator.close()
    }
  })
}

/** The emulator; a snapshot file it cannot use is a configuration error (exit 2), not a crash. */
function startEmulator(options: EmulatorOptions): Emulator {
  try {
    return createEmulator(options)
  } catch (error) {
    if (error instanceof SnapshotError)
      throw new WxConfigError(`--snapshot: ${error.message}`, 'snapshot')
    throw error
  }
}

/** Where the state persists and what the start restored, for the start-up banner. */
function persistenceLines(emulator: Emulator): string[] {
  const persistence = emulator.persistence
  if (persistence === undefined)
    return ['  state: in memory only (--snapshot [file] keeps it across restarts)']
  const restored = persistence.restored
  if (restored === undefined) return [`  state persists in ${persistence.file} (new snapshot)`]
  return [
    `  state persists in ${persistence.file} (restored the snapshot of ${new Date(restored.savedAt).toISOString()})`,
    ...(restored.droppedAccounts.length === 0
      ? []
      : [
          `  dropped the saved state of accounts no longer configured: ${restored.droppedAccounts.join(', ')}`,
        ]),
    ...(restored.newAccounts.length === 0
      ? []
      : [
          `  new accounts start fresh (demo fans and templates): ${restored.newAccounts.join(', ')}`,
        ]),
  ]
}

/** `--push-url` must be an absolute http(s) URL: a webhook WeChat could push to. */
function checkPushUrl(value: string): string {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new WxConfigError(
      `--push-url: "${value}" is not an http:// or https:// URL (e.g. http://127.0.0.1:8080/wx)`,
      'pushUrl',
    )
  return url.toString()
}

/**
 * A fresh certificate for this run, its PEM saved to `<dataDir>/emulator-tls/` so clients can
 * trust it (the key stays beside it, readable by the owner only).
 */
function writeCertificate(dataDir: string): { material: TlsMaterial; certPath: string } {
  const material = createSelfSignedCertificate()
  const dir = resolve(dataDir, 'emulator-tls')
  mkdirSync(dir, { recursive: true })
  const certPath = join(dir, 'cert.pem')
  writeFileSync(certPath, material.cert)
  writeFileSync(join(dir, 'key.pem'), material.key, { mode: 0o600 })
  return { material, certPath }
}

function resolveConfig(flags: EmulatorFlags): { config: WxmpConfig; demo: boolean } {
  const env = process.env
  const base = {
    ...(flags.host === undefined ? {} : { host: flags.host }),
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
  }
  const configured = Boolean(env.WXMP_APPID || flags.config || env.WXMP_CONFIG)
  if (!configured) {
    // The same demo account `wxmp webhook --demo` uses, so the two roles agree out of the box.
    const d = demoAccount(dataDirOf(flags, env))
    const flagsWithDemo = {
      ...base,
      appid: d.appid,
      secret: d.secret,
      token: d.token,
      aesKey: d.aesKey,
      originalId: d.originalId,
    }
    return { config: loadConfig({ flags: flagsWithDemo }), demo: true }
  }
  const config = loadConfig({
    flags: base,
    ...(flags.config === undefined ? {} : { configFile: flags.config }),
  })
  const missing = config.accounts.find((a) => a.secret === undefined)
  if (missing !== undefined) {
    throw new WxConfigError(
      `accounts: ${missing.appid} has no secret — the emulator checks the AppSecret on token calls; set WXMP_SECRET or "secret" in the config file`,
      'secret',
    )
  }
  return { config, demo: false }
}
