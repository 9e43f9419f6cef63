/**
 * Runs every check over one configuration: the offline ones on each account's values, then one
 * probe of the API host (reachability and clock) and one token request per account with a
 * secret (IP whitelist, credentials).
 */
import { checkAesKey } from './check-aes-key.js'
import { checkApiHost } from './check-api-host.js'
import { checkAppid } from './check-appid.js'
import { checkClock } from './check-clock.js'
import { checkTokenAnswer } from './check-ip-whitelist.js'
import { checkPushUrl } from './check-push-url.js'
import { checkSchema } from './check-schema.js'
import { checkToken } from './check-token.js'
import { fetchTokenOnce } from './fetch-token.js'
import { finding } from './finding.js'
import type { Finding } from './finding.js'
import { gatherConfig } from './gather-config.js'
import type { GatheredConfig, RawAccount } from './gather-config.js'
import { probeApiHost } from './probe.js'
import type { FetchLike } from './probe.js'

/** Default time each network request may take. */
export const DEFAULT_TIMEOUT_MS = 5000

/** Inputs of `runDoctor`. */
export interface DoctorOptions {
  /** Where `WXMP_*` come from; `process.env` in the CLI. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** `--config`; else `WXMP_CONFIG`. */
  readonly configFile?: string | undefined
  /** `--url`: the webhook URL to check instead of each account's `pushUrl`. */
  readonly url?: string | undefined
  /** Skip the network checks (API host, clock, IP whitelist). */
  readonly offline?: boolean
  readonly timeoutMs?: number
  readonly fetch?: FetchLike
  /** Local clock for the skew check. */
  readonly now?: () => number
}

/** Every finding, in a stable order: configuration, each account, then the network. */
export async function runDoctor(options: DoctorOptions): Promise<Finding[]> {
  const config = gatherConfig(options.env, options.configFile)
  const findings: Finding[] = []
  if (config.fileProblem !== undefined)
    findings.push(
      finding(
        'config',
        'fail',
        config.file ?? 'configuration',
        config.fileProblem,
        'fix the path given by --config or WXMP_CONFIG, or the JSON in the file (no comments or trailing commas)',
      ),
    )
  else findings.push(...checkSchema(options.env, options.configFile))
  if (config.accounts.length === 0)
    findings.push(
      finding(
        'config',
        'fail',
        'accounts',
        'no account is configured',
        'set WXMP_APPID and WXMP_TOKEN (and WXMP_SECRET, WXMP_AES_KEY), or list accounts in the config file',
      ),
    )
  for (const account of config.accounts) findings.push(...checkAccount(account, config, options))
  if (options.offline !== true) findings.push(...(await checkNetwork(config, options)))
  return findings
}

function checkAccount(
  account: RawAccount,
  config: GatheredConfig,
  options: DoctorOptions,
): Finding[] {
  const { prefix, fields } = account
  const url = options.url ?? fields.pushUrl
  return [
    checkAppid(fields.appid, `${prefix}.appid`),
    checkToken(fields.token, `${prefix}.token`),
    ...checkAesKey(fields, prefix),
    checkPushUrl(url, options.url === undefined ? `${prefix}.pushUrl` : '--url', config.apiBase),
  ]
}

async function checkNetwork(config: GatheredConfig, options: DoctorOptions): Promise<Finding[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (!/^https?:\/\/[^/]/.test(config.apiBase))
    return [
      finding(
        'api-host',
        'skip',
        'apiBase',
        'the API base is not an http(s) URL, so the network checks did not run',
      ),
    ]
  const probe = await probeApiHost(config.apiBase, {
    timeoutMs,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    ...(options.now === undefined ? {} : { now: options.now }),
  })
  const out = [checkApiHost(probe, config.apiBase), checkClock(probe, config.apiBase)]
  for (const { prefix, fields } of config.accounts) {
    const appid = typeof fields.appid === 'string' ? fields.appid.trim().toLowerCase() : ''
    const secret = typeof fields.secret === 'string' ? fields.secret.trim() : ''
    if (!probe.reachable || secret === '' || !/^wx[0-9a-f]{16}$/.test(appid)) {
      const why = !probe.reachable
        ? 'the API host did not answer'
        : secret === ''
          ? 'no AppSecret is set (WXMP_SECRET), so no token can be fetched'
          : 'the AppID is not valid'
      out.push(finding('ip-whitelist', 'skip', prefix, `not checked: ${why}`))
      continue
    }
    const answer = await fetchTokenOnce(
      config.apiBase,
      { appid, secret },
      { timeoutMs, ...(options.fetch === undefined ? {} : { fetch: options.fetch }) },
    )
    out.push(checkTokenAnswer(answer, prefix))
  }
  return out
}
