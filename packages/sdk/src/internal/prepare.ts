/**
 * One call's request, worked out from the table entry before anything is sent: arguments split
 * into query and body by the entry's schemas, the account's `appid`/`secret` filled in, every
 * part validated (a failure names the field), upload inputs read into replayable Blobs.
 */
import { WxConfigError, WxRequestError } from '@wxmp/core'
import { isMultipart } from '@wxmp/spec'
import type { AuthKind, Endpoint, Host, HttpMethod, ResponseSpec } from '@wxmp/spec'
import { z } from 'zod'
import { checkFileLimit, toFileBlob } from './upload.js'
import type { FileBlob } from './upload.js'

/** A request body, ready to be sent (any number of times). */
export type PreparedBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  | {
      readonly kind: 'multipart'
      readonly fields: Readonly<Record<string, string>>
      readonly files: Readonly<Record<string, FileBlob>>
    }

/** Everything the transport needs for one call. */
export interface PreparedCall {
  /** The endpoint id, or the route for a call outside the table. */
  readonly id: string
  /** The table entry, when the call is one of the table's. */
  readonly entry: Endpoint | undefined
  readonly method: HttpMethod
  readonly host: Host
  readonly path: string
  readonly auth: AuthKind
  readonly idempotent: boolean
  readonly query: Readonly<Record<string, string>>
  readonly body: PreparedBody
  /** How to read the answer; `undefined` outside the table (JSON, else a file). */
  readonly response: ResponseSpec | undefined
}

/** The account a client serves. */
export interface Account {
  readonly appid: string
  readonly secret: string | undefined
}

type Args = Readonly<Record<string, unknown>>

/** Validates `args` against `entry` and builds the request. Throws before any network call. */
export async function prepareCall(
  entry: Endpoint,
  request: unknown,
  account: Account,
): Promise<PreparedCall> {
  if (request !== undefined && (typeof request !== 'object' || request === null))
    throw new WxRequestError(entry.id, '', ['expected an object of parameters'])
  const args: Args = (request ?? {}) as Args
  const filled = accountFields(entry, account)
  const queryKeys = new Set(entry.query ? Object.keys(entry.query.shape) : [])

  const query = entry.query
    ? toQueryStrings(
        parse(entry.id, entry.query, withAccount(pick(args, queryKeys), filled, queryKeys)),
      )
    : {}
  const rest = omit(args, queryKeys)
  let body: PreparedBody = { kind: 'none' }
  if (isMultipart(entry.body)) {
    const files: Record<string, FileBlob> = {}
    for (const [part, spec] of Object.entries(entry.body.files)) {
      if (rest[part] === undefined) throw new WxRequestError(entry.id, part, [`${part}: required`])
      const file = await toFileBlob(entry.id, part, rest[part])
      checkFileLimit(entry.id, part, spec, file, query)
      files[part] = file
    }
    const fields = entry.body.fields
      ? toQueryStrings(parse(entry.id, entry.body.fields, pick(rest, keysOf(entry.body.fields))))
      : {}
    body = { kind: 'multipart', fields, files }
  } else if (entry.body !== undefined) {
    const bodyKeys = new Set(keysOf(entry.body))
    body = { kind: 'json', value: parse(entry.id, entry.body, withAccount(rest, filled, bodyKeys)) }
  }
  return {
    id: entry.id,
    entry,
    method: entry.method,
    host: entry.host,
    path: entry.path,
    auth: entry.auth,
    idempotent: entry.idempotent,
    query,
    body,
    response: entry.response,
  }
}

// The account keys this entry's schemas carry: `appid` wherever a schema names it (the OAuth and
// quota calls too), `secret` only for `appSecret` calls, and only when the client has one.
function accountFields(entry: Endpoint, account: Account): Args {
  if (entry.auth !== 'appSecret') return { appid: account.appid }
  if (account.secret === undefined)
    throw new WxConfigError(
      `${entry.id} carries the AppSecret: create this client with \`secret\` (a proxy client has none)`,
      'secret',
    )
  return { appid: account.appid, secret: account.secret }
}

// The client's account wins over anything passed: a client serves one account, never another.
function withAccount(args: Args, filled: Args, keys: ReadonlySet<string>): Args {
  const out: Record<string, unknown> = { ...args }
  for (const [key, value] of Object.entries(filled)) if (keys.has(key)) out[key] = value
  return out
}

function keysOf(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : []
}

function parse(endpoint: string, schema: z.ZodType, value: unknown): unknown {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    return `${path || '(request)'}: ${issue.message}`
  })
  const field = result.error.issues[0]?.path.map(String).join('.') ?? ''
  throw new WxRequestError(endpoint, field, issues)
}

/** Query or form values as strings; absent values are left out. */
export function toQueryStrings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {}
  if (typeof value !== 'object' || value === null) return out
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || item === null) continue
    out[key] = typeof item === 'object' ? JSON.stringify(item) : String(item as string | number)
  }
  return out
}

function pick(args: Args, keys: Iterable<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of keys) if (Object.hasOwn(args, key)) out[key] = args[key]
  return out
}

function omit(args: Args, keys: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([key]) => !keys.has(key)))
}
