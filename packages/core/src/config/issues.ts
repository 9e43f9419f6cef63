/**
 * Turns zod issues into configuration error lines that name the field, say what was given
 * (secrets by length only), give the fix and say where the value came from:
 * `accounts[0].aesKey: must be exactly 43 letters and digits (got 42 characters) — copy
 * EncodingAESKey from 基本配置 → 服务器配置, or set WXMP_AES_KEY [from environment variable WXMP_AES_KEY]`
 */
import type { z } from 'zod'
import { REDACTED, redactUrl } from '../redact.js'
import { fixFor, genericPath, isSecretField, suggestKey } from './field-help.js'
import { describeSource } from './sources.js'
import type { ConfigSource } from './sources.js'

/** What the formatter needs to know about the sources. */
export interface IssueContext {
  /** Sources of values set by flags and environment variables, by field path. */
  readonly overrides: ReadonlyMap<string, ConfigSource>
  /** The config file, when one was read: its path and parsed object. */
  readonly file: { readonly path: string; readonly raw: Record<string, unknown> } | undefined
  /** Secret values from every source; any occurrence in a message is replaced. */
  readonly secrets: readonly string[]
}

/** What the schema's custom issues may carry in `params`. */
export interface CustomParams {
  /** The fix, when it depends on the problem rather than the field. */
  readonly fix?: string
  /** Show the issue's input (the offending value) in the message. */
  readonly showInput?: boolean
}

/** One readable problem. */
export interface ConfigProblem {
  /** Field path, e.g. `accounts[0].aesKey`. */
  readonly field: string
  /** The full line: field, problem, given value, fix and source. */
  readonly line: string
}

// Longer non-secret values are described by length: a value that long in the wrong field is
// likely a pasted secret.
const MAX_ECHO = 24
const URL_FIELDS = new Set(['accounts[].pushUrl', 'apiBase'])
const ALNUM_SECRETS = new Set([
  'accounts[].secret',
  'accounts[].token',
  'accounts[].aesKey',
  'accounts[].previousAesKey',
])

/** The problems behind `issues`, one per field (and one per unknown key). */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  ctx: IssueContext,
): ConfigProblem[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => unknownKey(issue.path, key, ctx))
    }
    const field = fieldName(issue.path)
    const params = issue.code === 'custom' ? (issue.params as CustomParams | undefined) : undefined
    // Zod fills a custom issue's input with the whole refined object; only show it when asked.
    const showInput =
      issue.input !== undefined && (issue.code !== 'custom' || params?.showInput === true)
    const given = showInput ? ` (${scrub(describeValue(field, issue.input), ctx.secrets)})` : ''
    const fix = params?.fix ?? fixFor(field)
    return [problem(field, `${issue.message}${given}`, fix, sourceOf(issue.path, field, ctx))]
  })
}

function unknownKey(
  parentPath: readonly PropertyKey[],
  key: string,
  ctx: IssueContext,
): ConfigProblem {
  const parent = fieldName(parentPath)
  const field = parent === '' ? key : `${parent}.${key}`
  const suggestion = suggestKey(parent, key)
  const fix = suggestion === undefined ? 'remove it' : `did you mean "${suggestion}"?`
  return problem(field, 'is not a known setting', fix, sourceOf([...parentPath, key], field, ctx))
}

function problem(
  field: string,
  text: string,
  fix: string | undefined,
  source: ConfigSource | undefined,
): ConfigProblem {
  let line = `${field || 'configuration'}: ${text}`
  if (fix !== undefined) line += ` — ${fix}`
  if (source !== undefined) line += ` [from ${describeSource(source)}]`
  return { field, line }
}

/** `['accounts', 0, 'aesKey']` → `accounts[0].aesKey`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`
    return out === '' ? String(segment) : `${out}.${String(segment)}`
  }, '')
}

function sourceOf(
  path: readonly PropertyKey[],
  field: string,
  ctx: IssueContext,
): ConfigSource | undefined {
  const override = ctx.overrides.get(field)
  if (override !== undefined) return override
  if (ctx.file !== undefined && existsIn(ctx.file.raw, path))
    return { kind: 'file', path: ctx.file.path }
  return undefined
}

function existsIn(root: unknown, path: readonly PropertyKey[]): boolean {
  let node = root
  for (const segment of path) {
    if (typeof node !== 'object' || node === null || !(String(segment) in node)) return false
    node = (node as Record<string, unknown>)[String(segment)]
  }
  return true
}

/** What was given, without ever showing a secret: `got 42 characters`, `got "wx12"`, `got a list`. */
function describeValue(field: string, value: unknown): string {
  const generic = genericPath(field)
  if (typeof value === 'string') {
    if (isSecretField(field)) return `got ${value.length} characters${secretDetail(generic, value)}`
    const shown = URL_FIELDS.has(generic) ? redactUrl(value) : value
    const limit = URL_FIELDS.has(generic) ? 80 : MAX_ECHO
    return shown.length <= limit ? `got ${JSON.stringify(shown)}` : `got ${value.length} characters`
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return isSecretField(field) ? `got a ${typeof value}` : `got ${String(value)}`
  }
  if (value === null) return 'got null'
  return Array.isArray(value)
    ? 'got a list'
    : `got ${typeof value === 'object' ? 'an object' : typeof value}`
}

function secretDetail(generic: string, value: string): string {
  if (!ALNUM_SECRETS.has(generic)) return ''
  if (/\s/.test(value)) return ', including spaces'
  return /[^A-Za-z0-9]/.test(value) ? ', including characters other than letters and digits' : ''
}

// Belt and braces for the echoed value: a secret given in one field must not surface through
// another (say, an AppSecret pasted into appid). Very short values are skipped, as they would
// mangle words.
function scrub(line: string, secrets: readonly string[]): string {
  let out = line
  for (const secret of secrets) {
    if (secret.length >= 6) out = out.split(secret).join(REDACTED)
  }
  return out
}
