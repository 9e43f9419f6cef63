/**
 * `loadConfig`: one validated configuration from flags, `WXMP_*` environment variables and an
 * optional JSON file, in that order of precedence.
 */
import { WxConfigError } from '../errors.js'
import { readConfigFile } from './config-file.js'
import { describeIssues } from './issues.js'
import { WxmpConfigSchema } from './schema.js'
import type { WxmpConfig } from './schema.js'
import { isUnset, layerSources } from './sources.js'
import type { ConfigFlags } from './sources.js'

/** Inputs of `loadConfig`. */
export interface LoadConfigOptions {
  /** Values from command-line flags; the highest precedence. Empty strings count as unset. */
  flags?: ConfigFlags | undefined
  /** Environment to read `WXMP_*` from; defaults to `process.env`. Empty values count as unset. */
  env?: Readonly<Record<string, string | undefined>> | undefined
  /** Config file path from `--config`; when absent, `WXMP_CONFIG` names the file, if set. */
  configFile?: string | undefined
}

/**
 * Loads and validates the configuration. Precedence: flag > environment variable > config file.
 * The account variables and flags (`WXMP_APPID`, `token`, …) set the first account.
 * Throws `WxConfigError` naming each bad field, the fix, and the source of the bad value;
 * secret values never appear in the message.
 *
 * @example
 * const config = loadConfig({ flags: { port: 3000 }, configFile: args.config })
 */
export function loadConfig(options: LoadConfigOptions = {}): WxmpConfig {
  const env = options.env ?? process.env
  const file = locateFile(options.configFile, env)
  const fileRaw = file ? readConfigFile(file.path, file.origin) : {}
  const layered = layerSources(fileRaw, env, options.flags ?? {})
  const result = WxmpConfigSchema.safeParse(layered.raw, { reportInput: true })
  if (result.success) return result.data

  const problems = describeIssues(result.error.issues, {
    overrides: layered.overrides,
    file: file && { path: file.path, raw: fileRaw },
    secrets: layered.secrets,
  })
  const [first] = problems
  if (first === undefined) throw new WxConfigError('invalid configuration')
  const message =
    problems.length === 1
      ? first.line
      : `invalid configuration (${problems.length} problems):\n${problems.map((p) => `  ${p.line}`).join('\n')}`
  throw new WxConfigError(message, first.field)
}

function locateFile(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { path: string; origin: string } | undefined {
  if (!isUnset(flag)) return { path: flag.trim(), origin: 'flag --config' }
  const fromEnv = env.WXMP_CONFIG
  if (!isUnset(fromEnv)) return { path: fromEnv.trim(), origin: 'environment variable WXMP_CONFIG' }
  return undefined
}
