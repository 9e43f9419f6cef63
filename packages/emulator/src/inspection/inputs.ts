/**
 * Shared input handling of the fan and push routes: the account and fan a request names (404 when
 * unknown), JSON bodies checked with zod (400 naming the field), and the push engine's refusals
 * turned into statuses.
 */
import type { AccountConfig } from '@wxmp/core'
import type { z } from 'zod'
import type { Fan } from '../fans.js'
import { PushError } from '../push/index.js'
import type { PushReport } from '../push/index.js'
import type { EmulatorState } from '../state.js'
import { InspectionError } from './route.js'

/** The account `appid` names (case-insensitive), or the first configured one when it is empty. */
export function accountOf(state: EmulatorState, appid: string | undefined): AccountConfig {
  if (appid === undefined || appid === '') {
    const first = state.accounts.values().next()
    if (first.done) throw new InspectionError('the emulator has no accounts', 404)
    return first.value
  }
  const account = state.accounts.get(appid.toLowerCase())
  if (!account) throw new InspectionError(`no account ${appid}`, 404)
  return account
}

/**
 * The fan `openid` names, or the first fan (in the order they were added) that `fallback` accepts
 * when it is omitted.
 */
export function fanOf(
  state: EmulatorState,
  appid: string,
  openid: string | undefined,
  fallback: { readonly test: (fan: Fan) => boolean; readonly what: string },
): Fan {
  if (openid === undefined) {
    const fan = state.fans.list(appid).find(fallback.test)
    if (!fan) throw new InspectionError(`${appid} has no ${fallback.what}; pass openid`, 404)
    return fan
  }
  const fan = state.fans.get(appid, openid)
  if (!fan) throw new InspectionError(`${appid} has no fan ${openid}`, 404)
  return fan
}

/** Parses `body` with `schema`; 400 naming the first bad field otherwise. */
export function parseInput<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  if (issue?.code === 'unrecognized_keys')
    throw new InspectionError(
      `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`,
    )
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  throw new InspectionError(`${where}${issue?.message ?? 'invalid body'}`)
}

/** Runs a push, turning the engine's refusals into 404 (unknown), 400 (invalid), 409 (state). */
export async function pushing(run: () => Promise<PushReport>): Promise<PushReport> {
  try {
    return await run()
  } catch (error) {
    if (!(error instanceof PushError)) throw error
    const status =
      error.reason === 'invalid-message' ? 400 : error.reason === 'not-allowed' ? 409 : 404
    throw new InspectionError(error.message, status)
  }
}
