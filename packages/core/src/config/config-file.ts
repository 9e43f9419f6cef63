/**
 * Reading the JSON config file. The only I/O in @wxmp/core, done when asked to. Failures name the
 * file and never quote its contents (it holds secrets).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { WxConfigError } from '../errors.js'

/**
 * The parsed JSON object in the file at `path`. `origin` says who named the file
 * (`flag --config`, `environment variable WXMP_CONFIG`), for the error message.
 */
export function readConfigFile(path: string, origin: string): Record<string, unknown> {
  let text: string
  try {
    // A BOM is what some Windows editors put first; JSON.parse rejects it.
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
  } catch (err) {
    throw new WxConfigError(readFailure(path, origin, err), 'configFile')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw new WxConfigError(
      `config file ${path} (from ${origin}) is not valid JSON${where(text, err)}: check for trailing commas, comments or unquoted keys`,
      'configFile',
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WxConfigError(
      `config file ${path} (from ${origin}) must contain a JSON object such as { "accounts": [ … ] }`,
      'configFile',
    )
  }
  return parsed as Record<string, unknown>
}

function readFailure(path: string, origin: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code
  const absolute = resolve(path)
  if (code === 'ENOENT') {
    return `config file ${path} (from ${origin}) not found (looked at ${absolute}): check the path, or drop the setting to use flags and WXMP_* variables only`
  }
  if (code === 'EISDIR')
    return `config file ${path} (from ${origin}) is a directory: name the JSON file inside it`
  if (code === 'EACCES' || code === 'EPERM') {
    return `config file ${path} (from ${origin}) cannot be read: permission denied for this user`
  }
  return `config file ${path} (from ${origin}) cannot be read: ${code ?? String(err)}`
}

// " at line L, column C" from the position V8 reports. V8's own message is not used: some of
// its forms quote a slice of the input, which may be a secret.
function where(text: string, err: unknown): string {
  const position = /position (\d+)/.exec(err instanceof Error ? err.message : '')?.[1]
  if (position === undefined) return ''
  const before = text.slice(0, Number(position))
  const line = before.split('\n').length
  const column = Number(position) - before.lastIndexOf('\n')
  return ` at line ${line}, column ${column}`
}
