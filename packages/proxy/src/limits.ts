/**
 * Per-client rate limits (sliding window, per minute by default) and the per-account daily quota
 * ledger (Beijing days). Both refuse before WeChat would, with WeChat's own errcodes.
 */
import { beijingDay, untilBeijingMidnight } from '@wxmp/core'
import { matchesAllow } from '@wxmp/spec'
import type { Endpoint } from '@wxmp/spec'
import type { ProxyAccount, ProxyClient } from './options.js'
import { ProxyRefusal } from './refusal.js'
import { retryAfterMs, windowAt } from './state/sliding-window.js'
import type { ProxyState, RateLimit } from './state/types.js'

/** The limits of `client` that apply to `endpoint`, with the rule text for each. */
export function rateLimitsFor(
  client: ProxyClient,
  endpoint: Endpoint,
): Array<RateLimit & { rule: string }> {
  const limits: Array<RateLimit & { rule: string }> = []
  const config = client.rateLimit
  if (config?.perMinute !== undefined) {
    limits.push({ name: '*', limit: config.perMinute, rule: 'all endpoints' })
  }
  for (const [pattern, limit] of Object.entries(config?.endpoints ?? {})) {
    // Each endpoint a pattern admits has a budget of its own.
    if (matchesAllow(endpoint.id, pattern))
      limits.push({ name: `${pattern}|${endpoint.id}`, limit, rule: pattern })
  }
  return limits
}

/** Counts the call against the client's rate limits, or refuses (429, 45011, `Retry-After`). */
export async function takeRate(
  state: ProxyState,
  client: ProxyClient,
  endpoint: Endpoint,
  now: number,
  windowMs: number,
): Promise<void> {
  const limits = rateLimitsFor(client, endpoint)
  if (limits.length === 0) return
  const at = windowAt(now, windowMs)
  const outcome = await state.takeRate(client.name, limits, at)
  if (outcome.allowed) return
  const limit = limits[outcome.index]!
  const wait = retryAfterMs(outcome.prev, outcome.curr, at, limit.limit)
  const per = windowMs === 60_000 ? 'min' : `${windowMs / 1000}s`
  throw new ProxyRefusal(
    'rate',
    `client ${client.name} exceeded ${limit.limit} calls/${per} (${limit.rule})`,
    {
      rule: `rate: ${limit.limit}/${per} ${limit.rule}`,
      retryAfter: Math.max(1, Math.ceil(wait / 1000 - 1e-9)),
    },
  )
}

/** Where the day's ledger stands after a counted call. */
export interface QuotaStanding {
  readonly used: number
  readonly limit: number
  /** At or past the warning share. */
  readonly warn: boolean
  /** This very call crossed the warning share (exactly one call a day does, on any instance). */
  readonly crossed: boolean
}

/** The daily limit of `endpoint` for `account`: its own setting, else the table's `quota.perDay`. */
export function dailyLimit(account: ProxyAccount, endpoint: Endpoint): number | undefined {
  return account.dailyQuota?.[endpoint.id] ?? endpoint.quota?.perDay
}

/** Counts the call in the day's ledger, or refuses (429, 45009) once the limit is reached. */
export async function takeQuota(
  state: ProxyState,
  account: ProxyAccount,
  endpoint: Endpoint,
  now: number,
  warnAt: number,
): Promise<QuotaStanding | undefined> {
  const limit = dailyLimit(account, endpoint)
  if (limit === undefined) return undefined
  const appid = account.appid.toLowerCase()
  const outcome = await state.takeQuota(appid, endpoint.id, beijingDay(now), limit)
  if (!outcome.allowed) {
    throw new ProxyRefusal(
      'quota',
      `${endpoint.id}: account ${appid} has used its ${limit} calls of today (Beijing time)`,
      {
        rule: `quota: ${limit}/day ${endpoint.id}`,
        retryAfter: Math.ceil(untilBeijingMidnight(now) / 1000),
      },
    )
  }
  const threshold = Math.ceil(limit * warnAt)
  return {
    used: outcome.used,
    limit,
    warn: outcome.used >= threshold,
    crossed: outcome.used === threshold,
  }
}
