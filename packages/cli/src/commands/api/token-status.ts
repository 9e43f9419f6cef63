/**
 * `wxmp token status`: what the token service holds for each account — expiry, last refreshes,
 * source — from its `GET /v1/accounts/{appid}/status`. The CLI itself keeps no tokens, so
 * without a token service there is nothing to show, and it says so (exit 2).
 */
import type { Command } from 'commander'
import type { CredentialStatus, TokenStatus } from '@wxmp/token'
import { ServiceError, UsageError, apiAction } from '../../api/failure.js'
import { isoTime, printJson, printLines } from '../../api/output.js'
import { loadApiConfig, pickAppid, usageExit2 } from '../../api/target.js'

/** Flags of `wxmp token status`. */
export interface TokenStatusFlags {
  config?: string
  appid?: string
  tokenService?: string
  clientKey?: string
  json?: boolean
}

/** What to do when no token service is named. */
export const NO_TOKEN_SERVICE =
  'token status reads the token service, and none is given: give --token-service URL --client-key KEY (or WXMP_TOKEN_SERVICE and WXMP_CLIENT_KEY). Without one, each wxmp command fetches a stable_token for itself and keeps nothing to report.'

/**
 * Registers `wxmp token status` under the existing `wxmp token` (the service), or under a new
 * `token` command when that one is not registered.
 */
export function registerTokenStatusCommand(program: Command): void {
  const token =
    program.commands.find((command) => command.name() === 'token') ??
    program.command('token').description('the access_token service')
  usageExit2(token.command('status'))
    .description("show each account's tokens as the token service holds them (no values)")
    .option('--config <file>', 'configuration file (JSON): its accounts are listed')
    .option('--appid <appid>', 'only this account')
    .option('--token-service <url>', 'the token service (WXMP_TOKEN_SERVICE)')
    .option('--client-key <key>', 'a client key the service accepts (WXMP_CLIENT_KEY)')
    .option('--json', 'print {accounts: [status, …]} as JSON')
    .action(
      apiAction(async (flags: TokenStatusFlags) => {
        const env = process.env
        const service = (flags.tokenService ?? env.WXMP_TOKEN_SERVICE ?? '')
          .trim()
          .replace(/\/+$/, '')
        const key = (flags.clientKey ?? env.WXMP_CLIENT_KEY ?? '').trim()
        if (service === '') throw new UsageError(NO_TOKEN_SERVICE)
        if (key === '')
          throw new UsageError('--token-service needs --client-key (or WXMP_CLIENT_KEY)')
        const appids = accountsToShow(flags)
        const statuses: TokenStatus[] = []
        for (const appid of appids) statuses.push(await fetchStatus(service, key, appid))
        if (flags.json === true) return printJson({ accounts: statuses })
        printLines(statuses.flatMap((status) => describeStatus(status, Date.now())))
      }),
    )
}

/** `--appid` alone (it need not be configured: the service knows its accounts), else every configured account. */
function accountsToShow(flags: TokenStatusFlags): string[] {
  const config = loadApiConfig(flags)
  if (flags.appid !== undefined) return [pickAppid(config, flags.appid, false)]
  const appids = config.accounts.map((account) => account.appid)
  if (appids.length === 0)
    throw new UsageError('no account to show: give --appid, set WXMP_APPID, or --config FILE')
  return appids
}

/** One account's status from the service; its refusals and a failed connection are `ServiceError`s. */
export async function fetchStatus(
  service: string,
  key: string,
  appid: string,
): Promise<TokenStatus> {
  const url = `${service}/v1/accounts/${encodeURIComponent(appid)}/status`
  let response: Response
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(10_000),
    })
  } catch (error) {
    const cause =
      error instanceof Error
        ? ((error.cause as Error | undefined)?.message ?? error.message)
        : String(error)
    throw new ServiceError(`token service ${service}: unreachable (${cause})`)
  }
  const text = await response.text()
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new ServiceError(`token service ${service}: HTTP ${response.status}, not JSON`)
  }
  if (response.status !== 200) {
    const failure = (body as { error?: { code?: string; message?: string } }).error
    throw new ServiceError(
      `token service: ${appid}: HTTP ${response.status} ${failure?.code ?? ''}${failure?.message === undefined ? '' : `: ${failure.message}`}`,
    )
  }
  return body as TokenStatus
}

/** A readable span: `1h 59m`, `42s`, or `expired`. */
export function span(seconds: number): string {
  if (seconds <= 0) return 'expired'
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  if (h > 0) return `${h}h ${m}m`
  if (m > 0) return `${m}m ${seconds % 60}s`
  return `${seconds}s`
}

/** The text form of one account's status (`now` in milliseconds). */
export function describeStatus(status: TokenStatus, now: number): string[] {
  const lines = [`${status.appid}  mode ${status.mode} · store ${status.store}`]
  for (const [kind, credential] of Object.entries(status.credentials))
    lines.push(`  ${kind}  ${describeCredential(credential, now)}`)
  const force = status.forceRefresh
  lines.push(
    `  force_refresh  ${force.used} used on ${force.day}${force.lastAt === undefined ? '' : `, last ${isoTime(force.lastAt)}`}`,
  )
  if (status.refreshes.length === 0) lines.push('  no refreshes yet')
  else {
    lines.push('  last refreshes (newest first):')
    for (const r of status.refreshes)
      lines.push(
        `    ${isoTime(r.at)}  ${r.kind}  ${r.trigger} → ${r.outcome}${r.errcode === undefined ? '' : ` errcode ${r.errcode}`}${r.message === undefined ? '' : ` ${r.message}`}`,
      )
  }
  return lines
}

function describeCredential(credential: CredentialStatus, now: number): string {
  if (!credential.present) return 'none held'
  const parts = [
    `expires ${isoTime(credential.expiresAt)} (${span((credential.expiresAt ?? 0) - Math.floor(now / 1000))})`,
    `fetched ${isoTime(credential.fetchedAt)}`,
    `source ${credential.source ?? '-'}`,
  ]
  if (credential.rejected === true) parts.push('REJECTED by a caller')
  const failure = credential.failure
  if (failure !== undefined)
    parts.push(
      `failing (${failure.kind}${failure.errcode === undefined ? '' : ` errcode ${failure.errcode}`}: ${failure.message}; retry at ${isoTime(failure.retryAt)})`,
    )
  return parts.join(' · ')
}
