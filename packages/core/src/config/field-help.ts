/**
 * Per-field knowledge used in configuration error messages: how to fix a value (where WeChat's
 * console shows it), which fields are secrets (never echoed), and the known field names (to
 * suggest the right one for a typo).
 */
import { ENV_VARS } from './env-vars.js'

/**
 * How to fix each field, keyed by its generic path (`accounts[].aesKey`). The matching
 * environment variable is appended when one exists for the field.
 */
export const FIELD_FIXES: Readonly<Record<string, string>> = {
  accounts: 'write accounts as a list: [{ "appid": "wx…", "token": "…" }]',
  'accounts[]': 'each account needs at least appid and token',
  'accounts[].appid': 'copy 开发者ID(AppID) from 基本配置 → 公众号开发信息',
  'accounts[].secret': 'copy 开发者密码(AppSecret) from 基本配置 → 公众号开发信息',
  'accounts[].token': 'use the 令牌(Token) entered in 基本配置 → 服务器配置',
  'accounts[].aesKey': 'copy EncodingAESKey from 基本配置 → 服务器配置',
  'accounts[].previousAesKey':
    'use the EncodingAESKey that was in 基本配置 → 服务器配置 before the last change',
  'accounts[].originalId': 'copy 原始ID from 设置与开发 → 公众号设置',
  'accounts[].encryptMode':
    'match 消息加解密方式 in 基本配置 → 服务器配置: plain (明文), compat (兼容) or safe (安全)',
  'accounts[].pushUrl': 'use the 服务器地址(URL) entered in 基本配置 → 服务器配置',
  'accounts[].dailyQuota':
    'map endpoint ids to calls per day, e.g. { "menu.create": 2000 } (see 设置与开发 → 接口权限)',
  'clients[].rateLimit': 'e.g. { "perMinute": 600, "endpoints": { "message.*": 60 } }',
  clients: 'write clients as a list: [{ "name", "key", "accounts", "allow" }]',
  'clients[]': 'each client needs name, key, accounts and allow',
  'clients[].name': 'name the client, e.g. "billing"',
  'clients[].key': 'generate a key, e.g. with `openssl rand -hex 24`',
  'clients[].accounts': 'list the AppIDs (from accounts) this client may use',
  'clients[].accounts[]': 'use an AppID listed under accounts',
  'clients[].allow': 'list endpoint patterns: "*", "menu.*" or an endpoint id such as "user.get"',
  'clients[].allow[]': 'use "*", "menu.*" or an endpoint id such as "user.get"',
  host: 'e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces)',
  port: 'pick a free port, e.g. 3000',
  path: 'e.g. /wx, matching the path of the 服务器地址(URL)',
  dataDir: 'e.g. ./data',
  apiBase: 'use https://api.weixin.qq.com, or the emulator URL in development',
  redisUrl: 'e.g. redis://localhost:6379',
  logLevel: 'e.g. info',
}

/** Generic paths of fields whose values are secrets: only their length is ever reported. */
const SECRET_FIELDS = new Set([
  ...ENV_VARS.filter((v) => v.secret).map((v) => genericPath(v.field)),
  'clients[].key',
])

/** Field names accepted at each level, for "did you mean" suggestions. */
const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': [
    '$schema',
    'accounts',
    'clients',
    'host',
    'port',
    'path',
    'dataDir',
    'apiBase',
    'redisUrl',
    'logLevel',
  ],
  'accounts[]': [
    'appid',
    'secret',
    'token',
    'aesKey',
    'previousAesKey',
    'originalId',
    'encryptMode',
    'pushUrl',
    'dailyQuota',
  ],
  'clients[]': ['name', 'key', 'accounts', 'allow', 'rateLimit'],
  'clients[].rateLimit': ['perMinute', 'endpoints'],
}

/** Names people copy from WeChat's console or other SDKs, mapped to ours. */
const ALIASES: Readonly<Record<string, string>> = {
  encodingaeskey: 'aesKey',
  appsecret: 'secret',
  originid: 'originalId',
  ghid: 'originalId',
  url: 'pushUrl',
  redis: 'redisUrl',
}

/** `accounts[0].aesKey` → `accounts[].aesKey`: the key of the tables above. */
export function genericPath(field: string): string {
  return field.replace(/\[\d+\]/g, '[]')
}

/** True when the value at `field` is a secret. */
export function isSecretField(field: string): boolean {
  return SECRET_FIELDS.has(genericPath(field))
}

/** The fix for `field`, naming the environment variable when one sets it. */
export function fixFor(field: string): string | undefined {
  const fix = FIELD_FIXES[genericPath(field)]
  const envVar = ENV_VARS.find((v) => v.field === field && v.field !== 'configFile')
  if (fix === undefined) return envVar && `set ${envVar.name}`
  return envVar ? `${fix}, or set ${envVar.name}` : fix
}

/** The known field that an unknown key `key` under `parent` most likely meant. */
export function suggestKey(parent: string, key: string): string | undefined {
  const known = KNOWN_KEYS[genericPath(parent)] ?? []
  const normalised = normaliseKey(key)
  const alias = ALIASES[normalised]
  return (
    known.find((k) => normaliseKey(k) === normalised) ??
    (alias && known.includes(alias) ? alias : undefined)
  )
}

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_\s]/g, '')
}
