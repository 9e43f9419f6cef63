/**
 * The configuration as the user wrote it, before validation: `loadConfig` stops at the first
 * invalid file and throws, while the doctor wants to look at every value, wrong ones included.
 * Sources are layered like `loadConfig` does (environment over file), from core's `ENV_VARS`.
 */
import { readFileSync } from 'node:fs'
import { ENV_VARS } from '@wxmp/core'
import { WECHAT_API_BASE } from './check-push-url.js'

/** One account as written, with its path prefix (`accounts[0]`). */
export interface RawAccount {
  readonly prefix: string
  readonly fields: Readonly<Record<string, unknown>>
}

/** What the checks read. */
export interface GatheredConfig {
  /** The config file in use (from `--config` or `WXMP_CONFIG`), if any. */
  readonly file: string | undefined
  /** Why the file could not be used; its content is never quoted (it holds secrets). */
  readonly fileProblem: string | undefined
  readonly accounts: readonly RawAccount[]
  /** The API base as given, trimmed, or WeChat's host by default. */
  readonly apiBase: string
}

const ACCOUNT_PREFIX = 'accounts[0].'

/** Reads the file (if any) and applies the `WXMP_*` variables over it. */
export function gatherConfig(
  env: Readonly<Record<string, string | undefined>>,
  configFlag: string | undefined,
): GatheredConfig {
  const file = present(configFlag) ?? present(env.WXMP_CONFIG)
  const { raw, problem } = file === undefined ? { raw: {}, problem: undefined } : readJson(file)
  const accounts = Array.isArray(raw.accounts)
    ? raw.accounts.map((a: unknown) => (isObject(a) ? { ...a } : {}))
    : []
  let apiBase = typeof raw.apiBase === 'string' ? raw.apiBase.trim() : WECHAT_API_BASE
  for (const v of ENV_VARS) {
    const value = present(env[v.name])
    if (value === undefined) continue
    if (v.field.startsWith(ACCOUNT_PREFIX)) {
      accounts[0] ??= {}
      accounts[0][v.field.slice(ACCOUNT_PREFIX.length)] = value
    } else if (v.field === 'apiBase') apiBase = value
  }
  return {
    file,
    fileProblem: problem,
    accounts: accounts.map((fields, i) => ({ prefix: `accounts[${i}]`, fields })),
    apiBase: apiBase.replace(/\/+$/, ''),
  }
}

function readJson(file: string): { raw: Record<string, unknown>; problem: string | undefined } {
  let text: string
  try {
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    return { raw: {}, problem: `config file ${file} cannot be read (${code})` }
  }
  try {
    const parsed: unknown = JSON.parse(text)
    if (isObject(parsed)) return { raw: parsed, problem: undefined }
    return { raw: {}, problem: `config file ${file} does not hold a JSON object` }
  } catch {
    return { raw: {}, problem: `config file ${file} is not valid JSON` }
  }
}

// An empty value counts as unset, as in loadConfig.
function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
