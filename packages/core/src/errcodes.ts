/**
 * Lookups over the errcode table (`errcode-table.ts`): by code, by key, the kind for an endpoint
 * and the rendered hint. Callers branch on `kind` or `key`, never on `errmsg`.
 */
import { ERRCODE_TABLE, TOKEN_ENDPOINT_40001_HINT } from './errcode-table.js'
import type { ErrcodeKind, ErrcodeRow } from './errcode-table.js'

export { ERRCODE_TABLE } from './errcode-table.js'
export type { ErrcodeKind, ErrcodeOrigin, ErrcodeRow } from './errcode-table.js'

type TableRow = (typeof ERRCODE_TABLE)[number]

/** Every known errcode key, as a union of literals (`'ACCESS_TOKEN_EXPIRED' | …`). */
export type ErrcodeKey = TableRow['key']

/** One row of the table, with its key typed as a known key. */
export interface ErrcodeInfo extends ErrcodeRow {
  /** Stable SCREAMING_SNAKE name. */
  readonly key: ErrcodeKey
}

/** Key → code, e.g. `ERRCODE.ACCESS_TOKEN_EXPIRED === 42001` (trpc style). */
export const ERRCODE = Object.freeze(
  Object.fromEntries(ERRCODE_TABLE.map((row) => [row.key, row.code])),
) as { readonly [R in TableRow as R['key']]: R['code'] }

const byCode: ReadonlyMap<number, ErrcodeInfo> = new Map(
  ERRCODE_TABLE.map((row): [number, ErrcodeInfo] => [row.code, row]),
)

/**
 * Endpoint ids of the two token endpoints (`GET /cgi-bin/token`, `POST /cgi-bin/stable_token`).
 * There, 40001 means the AppSecret is wrong, not that an access_token was rejected.
 */
export const TOKEN_ENDPOINT_IDS: readonly string[] = ['token.get', 'token.stable']

/** The table row for `code`, or `undefined` when WeChat sent a code we do not know. */
export function errcodeInfo(code: number): ErrcodeInfo | undefined {
  return byCode.get(code)
}

/**
 * What `code` means for the caller, given the endpoint (spec id) that answered it.
 * 40001 from a token endpoint is a wrong AppSecret (`config`); anywhere else it is a rejected
 * access_token (`token`). Unknown codes are `invalid`, except -1, which is always `transient`.
 */
export function errcodeKind(code: number, endpointId?: string): ErrcodeKind {
  if (code === ERRCODE.INVALID_CREDENTIAL && isTokenEndpoint(endpointId)) return 'config'
  return byCode.get(code)?.kind ?? (code === -1 ? 'transient' : 'invalid')
}

/**
 * The fix for a known trap, with details taken from the errmsg filled in (the caller's IP for
 * 40164). `undefined` when the table has no hint for this code.
 */
export function errcodeHint(
  code: number,
  context: { endpoint?: string | undefined; errmsg?: string | undefined } = {},
): string | undefined {
  if (code === ERRCODE.INVALID_CREDENTIAL && isTokenEndpoint(context.endpoint)) {
    return TOKEN_ENDPOINT_40001_HINT
  }
  const hint = byCode.get(code)?.hint
  if (hint === undefined) return undefined
  const ip = context.errmsg === undefined ? undefined : callerIpFrom(context.errmsg)
  return hint.replace('{ip}', ip ?? '(shown in the errmsg)')
}

/** The caller IP WeChat names in a 40164 errmsg: `invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist`. */
export function callerIpFrom(errmsg: string): string | undefined {
  return /\binvalid ip ([0-9A-Fa-f.:]+?)[,\s]/.exec(errmsg)?.[1]
}

function isTokenEndpoint(endpointId: string | undefined): boolean {
  return endpointId !== undefined && TOKEN_ENDPOINT_IDS.includes(endpointId)
}
