/**
 * Which account an API command acts for and how it reaches WeChat: the shared configuration
 * (`--config`, `WXMP_*`), `--appid` to pick one of several accounts, and one of three ways in —
 * directly with the AppSecret, through the token service, or through the API proxy.
 */
import { CommanderError } from 'commander'
import type { Command } from 'commander'
import { findAccount, loadConfig, WxConfigError } from '@wxmp/core'
import type { WxmpConfig } from '@wxmp/core'

/** WeChat's own API base: with it, the SDK sends mp/open calls to their own hosts. */
export const WECHAT_API_BASE = 'https://api.weixin.qq.com'

/**
 * Placeholder for the webhook token when only `WXMP_APPID`/`WXMP_SECRET` are given: the API
 * commands never use it, but the shared schema requires one per account.
 */
const UNUSED_TOKEN = 'wxmpcliunused'

/** The options every API command takes. */
export interface ApiFlags {
  config?: string
  appid?: string
  apiBase?: string
  proxy?: string
  clientKey?: string
  tokenService?: string
  json?: boolean
}

/** How the command reaches WeChat. */
export type Route =
  | { readonly kind: 'direct'; readonly secret: string }
  | { readonly kind: 'token-service'; readonly url: string; readonly clientKey: string }
  | { readonly kind: 'proxy'; readonly url: string; readonly clientKey: string }

/** The account and the way in, resolved from flags, environment and configuration file. */
export interface ApiTarget {
  readonly appid: string
  readonly route: Route
  /** `undefined` for WeChat itself; else one base for every host (the emulator, a test server). */
  readonly apiBase: string | undefined
}

/**
 * Makes commander's own usage errors (a missing argument, an unknown option) exit 2 like the
 * commands' other usage errors, instead of commander's 1.
 */
export function usageExit2(command: Command): Command {
  return command.exitOverride((error) => {
    if (error.exitCode === 1 && error.code.startsWith('commander.'))
      throw new CommanderError(2, error.code, error.message)
    throw error
  })
}

/**
 * A WeChat id as a command argument may begin with "-": media_ids and template_ids are base64url
 * strings, so one in 64 does. Such a token is long and made of id characters only, which no
 * option of ours is; anything else that begins with "-" stays an unknown option.
 */
const DASHED_ID = /^-[A-Za-z0-9_][A-Za-z0-9_-]{15,}$/

/** Whether `arg` is an option-looking token that is not a dashed WeChat id. */
const strayOption = (arg: string): boolean => arg.startsWith('-') && !DASHED_ID.test(arg)

/**
 * Lets a command take WeChat ids that begin with "-" as arguments (`wxmp media get -pkiu… -o f`
 * would otherwise fail as an unknown option); a real unknown option is still refused, exit 2.
 */
export function acceptDashedIds(command: Command): Command {
  // Commander checks the argument count (and prints its complaint) before any hook runs; the
  // check moves into the hook so that a stray option is named rather than counted.
  return command
    .allowUnknownOption()
    .allowExcessArguments()
    .hook('preAction', (_program, action) => {
      const stray = action.args.find(strayOption)
      if (stray !== undefined)
        action.error(`error: unknown option '${stray}'`, {
          code: 'commander.unknownOption',
          exitCode: 2,
        })
      const expected = action.registeredArguments.length
      if (action.args.length > expected)
        action.error(
          `error: too many arguments for '${action.name()}'. Expected ${expected} but got ${action.args.length}.`,
          { code: 'commander.excessArguments', exitCode: 2 },
        )
    })
}

/** Adds the shared options to an API command; its usage errors exit 2. */
export function withApiOptions(command: Command): Command {
  return usageExit2(command)
    .option('--config <file>', 'configuration file (JSON) with the accounts')
    .option('--appid <appid>', 'the account to act for, when several are configured')
    .option('--api-base <url>', `WeChat's API base (WXMP_API_BASE; default ${WECHAT_API_BASE})`)
    .option('--proxy <url>', 'call through the wxmp API proxy (WXMP_PROXY_URL) with --client-key')
    .option(
      '--token-service <url>',
      'take access_tokens from the wxmp token service (WXMP_TOKEN_SERVICE) with --client-key',
    )
    .option('--client-key <key>', 'client key for the proxy or token service (WXMP_CLIENT_KEY)')
}

const present = (value: string | undefined): value is string =>
  value !== undefined && value.trim() !== ''

/** Loads the configuration the API commands read; only the accounts and `apiBase` matter. */
export function loadApiConfig(
  flags: ApiFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
): WxmpConfig {
  // [inferred] The webhook token is irrelevant here; fill it only for an account given by
  // environment variables alone, so WXMP_APPID + WXMP_SECRET are enough.
  const tokenless = present(env.WXMP_APPID) && !present(env.WXMP_TOKEN)
  return loadConfig({
    flags: {
      ...(present(flags.apiBase) ? { apiBase: flags.apiBase } : {}),
      ...(tokenless ? { token: UNUSED_TOKEN } : {}),
    },
    env,
    ...(present(flags.config) ? { configFile: flags.config } : {}),
  })
}

/** Resolves the account and route of an API command; a `WxConfigError` (exit 2) when it cannot. */
export function resolveTarget(
  flags: ApiFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ApiTarget {
  const config = loadApiConfig(flags, env)
  const apiBase = config.apiBase === WECHAT_API_BASE ? undefined : config.apiBase
  const proxy = flags.proxy ?? env.WXMP_PROXY_URL
  const tokenService = flags.tokenService ?? env.WXMP_TOKEN_SERVICE
  const clientKey = flags.clientKey ?? env.WXMP_CLIENT_KEY
  if (present(proxy) && present(tokenService))
    throw new WxConfigError(
      '--proxy and --token-service exclude each other: the proxy holds the token itself',
      'proxy',
    )
  const via = present(proxy)
    ? { through: 'proxy' as const, given: proxy }
    : present(tokenService)
      ? { through: 'token-service' as const, given: tokenService }
      : undefined
  if (via !== undefined) {
    const { through } = via
    const url = checkUrl(via.given, `--${through}`)
    if (!present(clientKey))
      throw new WxConfigError(
        `--${through} needs --client-key (or WXMP_CLIENT_KEY): the key of a client in its configuration`,
        'clientKey',
      )
    // The proxy or service holds the secret: the account need not be configured here.
    const appid = pickAppid(config, flags.appid, false)
    return { appid, apiBase, route: { kind: through, url, clientKey: clientKey.trim() } }
  }
  const appid = pickAppid(config, flags.appid, true)
  const secret = findAccount(config, appid)?.secret
  if (secret === undefined)
    throw new WxConfigError(
      `accounts: ${appid} has no secret — set WXMP_SECRET or "secret" in the config file, or call through --proxy / --token-service`,
      'secret',
    )
  return { appid, apiBase, route: { kind: 'direct', secret } }
}

/**
 * The AppID to act for: `--appid` (which must be configured when `configured` is required), else
 * the only configured account.
 */
export function pickAppid(
  config: WxmpConfig,
  wanted: string | undefined,
  mustBeConfigured: boolean,
): string {
  const known = config.accounts.map((account) => account.appid)
  if (present(wanted)) {
    const account = findAccount(config, wanted)
    if (account !== undefined) return account.appid
    if (!mustBeConfigured && /^wx[0-9a-f]{16}$/i.test(wanted.trim()))
      return wanted.trim().toLowerCase()
    throw new WxConfigError(
      `--appid: ${wanted} is not a configured account${known.length === 0 ? '' : ` (configured: ${known.join(', ')})`}`,
      'appid',
    )
  }
  const [only, ...others] = known
  if (only === undefined)
    throw new WxConfigError(
      'accounts: no account — set WXMP_APPID and WXMP_SECRET, or give --config FILE',
      'accounts',
    )
  if (others.length > 0)
    throw new WxConfigError(
      `accounts: ${known.length} are configured (${known.join(', ')}) — pick one with --appid`,
      'appid',
    )
  return only
}

function checkUrl(value: string, flag: string): string {
  let url: URL | undefined
  try {
    url = new URL(value.trim())
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new WxConfigError(`${flag}: "${value}" is not an http:// or https:// URL`, flag.slice(2))
  return value.trim().replace(/\/+$/, '')
}
