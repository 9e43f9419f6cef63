import { loadConfig } from '@wxmp/core'

/** The schema's default `dataDir` (`WxmpConfigSchema`). */
const DEFAULT_DATA_DIR = './data'

/**
 * The data directory for a command that needs it without a whole configuration: the demo account
 * of a role nobody configured, or `wxmp messages` (no account needed to read the log).
 * `--data-dir`, else `WXMP_DATA_DIR`, else the configuration file's (only when one is named),
 * else `./data`. Empty values count as unset, as everywhere in wxmp's configuration.
 */
export function dataDirOf(
  flags: { dataDir?: string | undefined; config?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (flags.dataDir) return flags.dataDir
  if (env.WXMP_DATA_DIR) return env.WXMP_DATA_DIR
  if (flags.config || env.WXMP_CONFIG) {
    return loadConfig({ env, ...(flags.config ? { configFile: flags.config } : {}) }).dataDir
  }
  return DEFAULT_DATA_DIR
}
