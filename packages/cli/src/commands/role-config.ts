/**
 * What the service roles (`wxmp token`, `wxmp proxy`) read the same way: the shared configuration
 * from `--config`, `WXMP_*` and the `--host`/`--data-dir` flags, and the `--port` flag.
 */
import { loadConfig, WxConfigError } from '@wxmp/core'
import type { WxmpConfig } from '@wxmp/core'

/** The flags every service role takes. */
export interface RoleFlags {
  host?: string
  port?: string
  config?: string
  dataDir?: string
}

/** The configuration for a role: flags over `WXMP_*` variables over the `--config` file. */
export function roleConfig(flags: RoleFlags): WxmpConfig {
  return loadConfig({
    flags: {
      ...(flags.host === undefined ? {} : { host: flags.host }),
      ...(flags.dataDir === undefined ? {} : { dataDir: flags.dataDir }),
    },
    env: process.env,
    ...(flags.config === undefined ? {} : { configFile: flags.config }),
  })
}

/** `--port`, or the role's default; a clear config error (exit 2) when it is not a port. */
export function rolePort(flags: RoleFlags, defaultPort: number): number {
  const port = flags.port === undefined ? defaultPort : Number(flags.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new WxConfigError(`--port: "${flags.port}" is not a port number`, 'port')
  return port
}
