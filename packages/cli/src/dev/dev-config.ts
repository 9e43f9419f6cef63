/**
 * The configuration of `wxmp dev`: the shared `loadConfig` settings, with the demo account when
 * none is configured, and the choice of upstream (the embedded emulator unless `WXMP_API_BASE`).
 */
import { loadConfig, WxConfigError } from '@wxmp/core'
import type { WxmpConfig } from '@wxmp/core'
import { demoAccount } from '../demo-account.js'
import { dataDirOf } from '../data-dir.js'
import type { DemoAccount } from '../demo-account.js'

/** What `wxmp dev` runs with. */
export interface DevConfig {
  readonly config: WxmpConfig
  /** The generated account, when nothing was configured. */
  readonly demo: DemoAccount | undefined
  /** True: the emulator runs here and is the upstream; false: `config.apiBase` is. */
  readonly embedded: boolean
}

/** The flags of `wxmp dev` that feed `loadConfig`. */
export interface DevConfigFlags {
  host?: string | undefined
  config?: string | undefined
  dataDir?: string | undefined
  logLevel?: string | undefined
}

/**
 * Loads the configuration. The upstream is chosen by `WXMP_API_BASE` alone: unset, the embedded
 * emulator serves the API (so a config file's `apiBase` does not turn a dev run into a real one);
 * set, that URL does and no emulator starts.
 */
export function loadDevConfig(
  flags: DevConfigFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DevConfig {
  const base = {
    ...(flags.host === undefined ? {} : { host: flags.host }),
    ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
    ...(flags.logLevel === undefined ? {} : { logLevel: flags.logLevel }),
  }
  const embedded = (env.WXMP_API_BASE ?? '').trim() === ''
  const configured = Boolean(env.WXMP_APPID || flags.config || env.WXMP_CONFIG)
  let demo: DemoAccount | undefined
  let config: WxmpConfig
  if (configured) {
    config = loadConfig({
      flags: base,
      env,
      ...(flags.config === undefined ? {} : { configFile: flags.config }),
    })
  } else {
    // The same account `wxmp webhook --demo` and `wxmp emulator` use in this data dir.
    demo = demoAccount(dataDirOf(flags, env))
    config = loadConfig({
      flags: {
        ...base,
        appid: demo.appid,
        secret: demo.secret,
        token: demo.token,
        aesKey: demo.aesKey,
        originalId: demo.originalId,
      },
      env,
    })
  }
  if (config.accounts.length === 0)
    throw new WxConfigError(
      'accounts: none configured — set WXMP_APPID and WXMP_TOKEN (or "accounts" in --config), or unset them all for the demo account',
      'accounts',
    )
  if (embedded) {
    const missing = config.accounts.find((account) => account.secret === undefined)
    if (missing !== undefined)
      throw new WxConfigError(
        `accounts: ${missing.appid} has no secret — the embedded emulator checks the AppSecret on token calls; set WXMP_SECRET or "secret" in the config file`,
        'secret',
      )
  }
  return { config, demo, embedded }
}
