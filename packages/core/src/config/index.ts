/** The shared configuration: schema, loader, environment variable table and lookups. */
export { ENV_VARS, envVarFor } from './env-vars.js'
export type { EnvVar } from './env-vars.js'
export {
  AccountConfigSchema,
  ClientConfigSchema,
  RateLimitConfigSchema,
  WxmpConfigSchema,
  ENCRYPT_MODES,
  LOG_LEVELS,
} from './schema.js'
export type {
  AccountConfig,
  ClientConfig,
  RateLimitConfig,
  WxmpConfig,
  WxmpConfigInput,
} from './schema.js'
export { loadConfig } from './load-config.js'
export type { LoadConfigOptions } from './load-config.js'
export type { ConfigFlags, ConfigSource } from './sources.js'
export { findAccount } from './find-account.js'
