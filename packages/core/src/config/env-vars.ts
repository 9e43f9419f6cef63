/**
 * The environment variables every wxmp role reads, as data: `loadConfig` applies them from this
 * table, and the configuration reference doc is generated from it.
 */

/** One environment variable: its name, the config field it sets, and what it is for. */
export interface EnvVar {
  /** Variable name, e.g. `WXMP_AES_KEY`. */
  readonly name: string
  /** Config field it sets, as a path: `accounts[0].aesKey`, `port`; `configFile` for WXMP_CONFIG. */
  readonly field: string
  /** The key of the same setting in `loadConfig({ flags })` (camelCase). */
  readonly flag: string
  /** What the value is and where to find it. */
  readonly description: string
  /** Default when set nowhere, as shown in docs. */
  readonly default?: string
  /** True when the value must never be logged or echoed. */
  readonly secret: boolean
}

/** Prefix of account fields: the WXMP_* account variables describe the first account. */
export const FIRST_ACCOUNT = 'accounts[0].'

/**
 * Every `WXMP_*` variable. Account variables override the fields of the first account of the
 * config file, or create that account when the file has none. An empty value counts as unset.
 */
// prettier-ignore
export const ENV_VARS: readonly EnvVar[] = [
  { name: 'WXMP_APPID', field: 'accounts[0].appid', flag: 'appid', secret: false, description: 'AppID (开发者ID) of the account: `wx` + 16 hex digits, from 基本配置 → 公众号开发信息.' },
  { name: 'WXMP_SECRET', field: 'accounts[0].secret', flag: 'secret', secret: true, description: 'AppSecret (开发者密码), 32 letters and digits. Only roles that fetch access_tokens need it.' },
  { name: 'WXMP_TOKEN', field: 'accounts[0].token', flag: 'token', secret: true, description: 'Token (令牌) from 基本配置 → 服务器配置, 3–32 letters and digits; signs every push.' },
  { name: 'WXMP_AES_KEY', field: 'accounts[0].aesKey', flag: 'aesKey', secret: true, description: 'EncodingAESKey from 基本配置 → 服务器配置, exactly 43 letters and digits.' },
  { name: 'WXMP_PREVIOUS_AES_KEY', field: 'accounts[0].previousAesKey', flag: 'previousAesKey', secret: true, description: 'The EncodingAESKey in use before the last change; still accepted for pushes during rotation.' },
  { name: 'WXMP_ORIGINAL_ID', field: 'accounts[0].originalId', flag: 'originalId', secret: false, description: 'Original ID (原始ID) of the account, `gh_` + 12 hex digits; the ToUserName of pushes.' },
  { name: 'WXMP_ENCRYPT_MODE', field: 'accounts[0].encryptMode', flag: 'encryptMode', secret: false, default: '`safe` with an aesKey, else `plain`', description: 'Message encryption (消息加解密方式): `plain` (明文), `compat` (兼容) or `safe` (安全).' },
  { name: 'WXMP_PUSH_URL', field: 'accounts[0].pushUrl', flag: 'pushUrl', secret: false, description: 'The server URL (服务器地址) WeChat, or the emulator, pushes messages to.' },
  { name: 'WXMP_HOST', field: 'host', flag: 'host', secret: false, default: '127.0.0.1', description: 'Address the role listens on; `0.0.0.0` for all interfaces.' },
  { name: 'WXMP_PORT', field: 'port', flag: 'port', secret: false, description: 'Port the role listens on (0 picks a free port). Each role has its own default.' },
  { name: 'WXMP_PATH', field: 'path', flag: 'path', secret: false, default: '/wx', description: 'URL path of the webhook.' },
  { name: 'WXMP_DATA_DIR', field: 'dataDir', flag: 'dataDir', secret: false, default: './data', description: 'Directory of the SQLite file and other local state, relative to the working directory.' },
  { name: 'WXMP_API_BASE', field: 'apiBase', flag: 'apiBase', secret: false, default: 'https://api.weixin.qq.com', description: 'Upstream WeChat API: the real host, or the emulator URL in development.' },
  { name: 'WXMP_REDIS_URL', field: 'redisUrl', flag: 'redisUrl', secret: true, description: 'Redis URL (`redis://…` or `rediss://…`) for the scaled-out deployment; unset runs on one machine.' },
  { name: 'WXMP_LOG_LEVEL', field: 'logLevel', flag: 'logLevel', secret: false, default: 'info', description: 'Log level: fatal, error, warn, info, debug, trace or silent.' },
  { name: 'WXMP_CONFIG', field: 'configFile', flag: 'configFile', secret: false, description: 'Path of a JSON config file, used when no `--config` flag is given.' },
]

/** The environment variable that sets `field` (`accounts[0].aesKey` → `WXMP_AES_KEY`). */
export function envVarFor(field: string): EnvVar | undefined {
  return ENV_VARS.find((v) => v.field === field)
}
