/**
 * Secret redaction for logs and errors. WeChat puts `access_token` in the query string and the
 * AppSecret in token requests, so every URL, request body and config object is passed through
 * here before it is logged or attached to an error (as octokit's RequestError does).
 */

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]'

/**
 * Query parameters whose values are secrets (matched case-insensitively).
 * - `access_token`, `component_access_token`, `authorizer_access_token`: API credentials.
 * - `secret`, `appsecret`, `client_secret`: the AppSecret in token and OAuth calls.
 * - `refresh_token`, `code`: OAuth credentials; a code plus the secret yields a user token.
 * - `ticket`, `jsapi_ticket`: a jsapi_ticket signs JS-SDK pages, and a QR ticket lets anyone
 *   fetch the QR image (scene ids are often login sessions).
 * - `key`, `token`: client keys of the wxmp proxy and the webhook token.
 * Signatures (`signature`, `msg_signature`) are derived values and stay visible for debugging.
 */
export const SECRET_QUERY_PARAMS: readonly string[] = [
  'access_token',
  'component_access_token',
  'authorizer_access_token',
  'secret',
  'appsecret',
  'client_secret',
  'refresh_token',
  'code',
  'ticket',
  'jsapi_ticket',
  'key',
  'token',
]

/**
 * Object keys whose values are secrets, compared after lower-casing and dropping `_` and `-`
 * (so `aesKey`, `aes_key` and `AES-KEY` all match). `code` is absent on purpose: in objects it is
 * usually an error code, and hiding `err.code` would make logs useless.
 */
export const SECRET_OBJECT_KEYS: readonly string[] = [
  'secret',
  'appsecret',
  'clientsecret',
  'accesstoken',
  'componentaccesstoken',
  'authorizeraccesstoken',
  'refreshtoken',
  'token',
  'ticket',
  'jsapiticket',
  'aeskey',
  'encodingaeskey',
  'previousaeskey',
  'apikey',
  'clientkey',
  'password',
  'authorization',
  'cookie',
]

const secretKeySet = new Set(SECRET_OBJECT_KEYS)
const paramPattern = new RegExp(
  `((?:^|[?&;])(?:${SECRET_QUERY_PARAMS.map(escapeRegExp).join('|')})=)[^&#;\\s]+`,
  'gi',
)
// `scheme://user:password@host`: the password of a Redis or database URL.
const userinfoPattern = /^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]+@/i

/**
 * `url` with the values of secret query parameters and any userinfo password replaced by
 * `[redacted]`. Works on absolute and relative URLs and on bare `a=1&b=2` form strings, and keeps
 * everything else byte for byte.
 * Empty values stay empty: "the secret was missing" is worth seeing and reveals nothing.
 */
export function redactUrl(url: string): string {
  return url.replace(userinfoPattern, `$1${REDACTED}@`).replace(paramPattern, `$1${REDACTED}`)
}

/**
 * A deep copy of `value` with secrets replaced by `[redacted]`: values under secret-named keys
 * (see `SECRET_OBJECT_KEYS`), `key` anywhere under a `clients` property (proxy client keys;
 * elsewhere `key` is e.g. a menu button key), and secret query values inside URL-like strings.
 * Plain objects and arrays are copied; other objects (Date, Buffer, Map) are kept as they are.
 * Null, undefined and empty strings under secret keys are kept, since they reveal nothing.
 */
export function redactObject<T>(value: T): T {
  return redactValue(value, false, new WeakMap()) as T
}

function redactValue(
  value: unknown,
  underClients: boolean,
  seen: WeakMap<object, unknown>,
): unknown {
  if (typeof value === 'string') return mayCarrySecrets(value) ? redactUrl(value) : value
  if (typeof value !== 'object' || value === null) return value
  const copied = seen.get(value)
  if (copied !== undefined) return copied
  if (Array.isArray(value)) {
    const out: unknown[] = []
    seen.set(value, out)
    for (const item of value) out.push(redactValue(item, underClients, seen))
    return out
  }
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  seen.set(value, out)
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      isSecretKey(key, underClients) && !isBlank(child)
        ? REDACTED
        : redactValue(child, underClients || key === 'clients', seen)
  }
  return out
}

function isSecretKey(key: string, underClients: boolean): boolean {
  const normalised = key.toLowerCase().replace(/[-_]/g, '')
  return secretKeySet.has(normalised) || (underClients && normalised === 'key')
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

function mayCarrySecrets(value: string): boolean {
  return value.includes('=') || value.includes('@')
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
