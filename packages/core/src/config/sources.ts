/**
 * Layering of the three configuration sources (flag > environment > config file) into one raw
 * object, remembering where each overridden value came from so an error can say so.
 */
import { ENV_VARS, FIRST_ACCOUNT } from './env-vars.js'
import type { EnvVar } from './env-vars.js'

/** Where a configuration value came from. */
export type ConfigSource =
  | { readonly kind: 'flag'; readonly name: string }
  | { readonly kind: 'env'; readonly name: string }
  | { readonly kind: 'file'; readonly path: string }

/** Values given as flags, named like the config fields (camelCase); account fields set the first account. */
export interface ConfigFlags {
  appid?: string | undefined
  secret?: string | undefined
  token?: string | undefined
  aesKey?: string | undefined
  previousAesKey?: string | undefined
  originalId?: string | undefined
  encryptMode?: string | undefined
  pushUrl?: string | undefined
  host?: string | undefined
  port?: number | string | undefined
  path?: string | undefined
  dataDir?: string | undefined
  apiBase?: string | undefined
  redisUrl?: string | undefined
  logLevel?: string | undefined
}

/** The layered raw configuration, and the source of every value set by a flag or variable. */
export interface LayeredConfig {
  /** Raw merged object, to be validated. */
  readonly raw: Record<string, unknown>
  /** Sources of overridden values, keyed by field path (`accounts[0].aesKey`). */
  readonly overrides: ReadonlyMap<string, ConfigSource>
  /** Every secret value given by any source, so messages can be scrubbed of them. */
  readonly secrets: readonly string[]
}

/** Human wording of a source, for messages. */
export function describeSource(source: ConfigSource): string {
  if (source.kind === 'file') return `config file ${source.path}`
  if (source.kind === 'env') return `environment variable ${source.name}`
  return `flag --${source.name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
}

/** An empty (or blank) value counts as unset, so `WXMP_AES_KEY=` in a .env file changes nothing. */
export function isUnset(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

/** Applies environment variables, then flags, over the config file's object. */
export function layerSources(
  file: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
  flags: ConfigFlags,
): LayeredConfig {
  const raw = structuredClone(file)
  const overrides = new Map<string, ConfigSource>()
  const secrets: string[] = []
  const apply = (v: EnvVar, value: unknown, source: ConfigSource): void => {
    if (isUnset(value) || !setField(raw, v.field, value)) return
    overrides.set(v.field, source)
    if (v.secret && typeof value === 'string') secrets.push(value.trim())
  }
  const settable = ENV_VARS.filter((v) => v.field !== 'configFile')
  for (const v of settable) apply(v, env[v.name], { kind: 'env', name: v.name })
  for (const v of settable) {
    apply(v, (flags as Record<string, unknown>)[v.flag], { kind: 'flag', name: v.flag })
  }
  collectFileSecrets(file, secrets)
  return { raw, overrides, secrets }
}

// Sets `field` (`port` or `accounts[0].x`) in `raw`; false when the file's shape prevents it
// (e.g. `accounts` is not a list), in which case validation reports the shape instead.
function setField(raw: Record<string, unknown>, field: string, value: unknown): boolean {
  if (!field.startsWith(FIRST_ACCOUNT)) {
    raw[field] = value
    return true
  }
  raw.accounts ??= []
  if (!Array.isArray(raw.accounts)) return false
  const accounts = raw.accounts as unknown[]
  accounts[0] ??= {}
  const first = accounts[0]
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return false
  ;(first as Record<string, unknown>)[field.slice(FIRST_ACCOUNT.length)] = value
  return true
}

// Secrets written in the file count too: a message must not echo them even from another field.
function collectFileSecrets(file: Record<string, unknown>, out: string[]): void {
  const lists = [file.accounts, file.clients].filter(Array.isArray) as unknown[][]
  for (const entry of lists.flat()) {
    if (typeof entry !== 'object' || entry === null) continue
    for (const key of ['secret', 'token', 'aesKey', 'previousAesKey', 'key']) {
      const value = (entry as Record<string, unknown>)[key]
      if (typeof value === 'string') out.push(value.trim())
    }
  }
  if (typeof file.redisUrl === 'string') out.push(file.redisUrl.trim())
}
