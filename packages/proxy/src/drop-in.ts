/**
 * Drop-in mode: an existing WeChat SDK asks `/cgi-bin/token` (or `stable_token`) with its
 * client key as the secret and gets a proxy-scoped token instead of WeChat's, which it then
 * sends as `access_token` on every other call. The real token never leaves the proxy.
 */
import { randomBytes } from 'node:crypto'
import { jsonAnswer } from './answer.js'
import type { ProxyAnswer } from './answer.js'
import type { Callers } from './callers.js'
import { tokenHash } from './callers.js'
import type { ProxyAccount, ProxyClient } from './options.js'
import { ProxyRefusal } from './refusal.js'
import type { ProxyState } from './state/types.js'

/** Who got a drop-in token. */
export interface DropInGrant {
  readonly client: ProxyClient
  readonly account: ProxyAccount
  readonly answer: ProxyAnswer
}

/**
 * Answers a token request: `GET /cgi-bin/token?grant_type=client_credential&appid=&secret=` or
 * `POST /cgi-bin/stable_token` with the same fields as JSON. The answer has WeChat's shape,
 * `{ access_token, expires_in }`.
 */
export async function grantDropIn(
  callers: Callers,
  state: ProxyState,
  url: URL,
  body: Uint8Array | undefined,
  now: number,
  ttlSeconds: number,
  /** Counts the grant against the client's rate limits; throws (429) past them. */
  admit: (client: ProxyClient) => Promise<void>,
): Promise<DropInGrant> {
  const fields = body === undefined ? Object.fromEntries(url.searchParams) : jsonFields(body)
  const appid = typeof fields.appid === 'string' ? fields.appid.trim().toLowerCase() : ''
  const secret = typeof fields.secret === 'string' ? fields.secret : ''
  if (secret === '') {
    throw new ProxyRefusal('unauthorized', 'secret (your client key) is missing', {
      rule: 'client-key',
    })
  }
  const client = callers.byKey(secret)
  if (!client) {
    throw new ProxyRefusal('unauthorized', 'the secret is not a client key of this proxy', {
      rule: 'client-key',
    })
  }
  const account = callers.account(appid)
  if (!account || !client.accounts.some((a) => a.toLowerCase() === appid)) {
    throw new ProxyRefusal('account', `client ${client.name} may not use account ${appid}`, {
      rule: `accounts: ${client.accounts.join(', ')}`,
    })
  }
  // Before a session is stored: an SDK that fetches a token per call is held to the client's
  // rate limits like any other call, not allowed to grow the session store without bound.
  await admit(client)
  // 32 random bytes: as unguessable as a client key, in WeChat's token alphabet.
  const token = randomBytes(32).toString('base64url')
  await state.putSession(
    tokenHash(token),
    { client: client.name, appid, expiresAt: now + ttlSeconds * 1000 },
    now,
  )
  const answer = jsonAnswer(200, { access_token: token, expires_in: ttlSeconds }, [
    ['content-type', 'application/json; charset=utf-8'],
    ['cache-control', 'no-store'],
  ])
  return { client, account, answer }
}

function jsonFields(body: Uint8Array): Record<string, unknown> {
  try {
    const value = JSON.parse(new TextDecoder().decode(body)) as unknown
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>
  } catch {
    // answered below
  }
  throw new ProxyRefusal('bad-request', 'the body must be JSON: {"appid", "secret", …}')
}
