/**
 * Who is calling, and for which account. A caller proves itself with its client key
 * (`Authorization: Bearer <key>`, compared in constant time over SHA-256 digests, every key each
 * time; a key once matched is then found by its exact string, with no hashing), with a drop-in
 * token the proxy issued (`access_token=` as an existing SDK sends it, or as the Bearer value),
 * or, on the OAuth code exchange only, with its key as `secret=`.
 */
import { createHash } from 'node:crypto'
import type { Clock } from '@wxmp/core'
import type { Endpoint } from '@wxmp/spec'
import { ClientKeys } from '@wxmp/token'
import type { ProxyCall } from './answer.js'
import type { ProxyAccount, ProxyClient } from './options.js'
import { ProxyRefusal } from './refusal.js'
import type { DropInSession, ProxyState } from './state/types.js'

/** An identified caller. */
export interface Caller {
  readonly client: ProxyClient
  /** How it proved itself. */
  readonly via: 'key' | 'drop-in' | 'secret'
  /** The drop-in session, when `via` is `drop-in` (it fixes the account). */
  readonly session?: DropInSession
}

/** Hex SHA-256 of a drop-in token: what the store keeps instead of the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** The header naming the account when a client may use several. */
export const ACCOUNT_HEADER = 'x-wxmp-appid'

/** Identifies callers against the configured clients and the drop-in sessions. */
export class Callers {
  readonly #keys: ClientKeys
  readonly #byName: ReadonlyMap<string, ProxyClient>
  readonly #accounts: ReadonlyMap<string, ProxyAccount>
  readonly #state: ProxyState
  readonly #clock: Clock
  // Keys already found, by the exact string presented. Only keys that matched go in, so it holds
  // at most one entry per configured client; a miss still compares every digest.
  readonly #found = new Map<string, ProxyClient>()

  constructor(
    clients: readonly ProxyClient[],
    accounts: readonly ProxyAccount[],
    state: ProxyState,
    clock: Clock,
  ) {
    this.#keys = new ClientKeys(clients)
    this.#byName = new Map(clients.map((c) => [c.name, c]))
    this.#accounts = new Map(accounts.map((a) => [a.appid.toLowerCase(), a]))
    this.#state = state
    this.#clock = clock
  }

  /** The client whose key is `key`, in constant time; `undefined` when none. */
  byKey(key: string): ProxyClient | undefined {
    const known = this.#found.get(key)
    if (known !== undefined) return known
    const found = this.#keys.identify(`Bearer ${key}`)
    const client = found && this.#byName.get(found.name)
    if (client !== undefined) this.#found.set(key, client)
    return client
  }

  /** The configured account `appid`, if any. */
  account(appid: string): ProxyAccount | undefined {
    return this.#accounts.get(appid.toLowerCase())
  }

  /** Identifies the caller of `request` on `endpoint`, or refuses with 401. */
  async identify(call: ProxyCall, url: URL, endpoint: Endpoint | undefined): Promise<Caller> {
    const authorization = call.header('authorization')
    if (authorization !== null) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
      if (match) {
        const client = this.byKey(match[1]!)
        if (client) return { client, via: 'key' }
        const dropIn = await this.#dropIn(match[1]!)
        if (dropIn) return dropIn
      }
      throw new ProxyRefusal('unauthorized', 'unknown client key or proxy token', {
        rule: 'client-key',
      })
    }
    // Existing SDKs put the token in the query; on webToken calls that is the user's own token.
    const auth = endpoint?.auth ?? 'accessToken'
    const token = url.searchParams.get('access_token')
    if (auth === 'accessToken' && token !== null) {
      const dropIn = await this.#dropIn(token)
      if (dropIn) return dropIn
      throw new ProxyRefusal('unauthorized', 'unknown or expired proxy token', {
        rule: 'drop-in-token',
      })
    }
    const secret = url.searchParams.get('secret')
    if (auth === 'appSecret' && secret !== null) {
      const client = this.byKey(secret)
      if (client) return { client, via: 'secret' }
      throw new ProxyRefusal('unauthorized', 'the secret is not a client key', {
        rule: 'client-key',
      })
    }
    throw new ProxyRefusal(
      'unauthorized',
      'send "Authorization: Bearer <client key>" (or a proxy token from /cgi-bin/token)',
      { rule: 'client-key' },
    )
  }

  /**
   * The account a call acts for: the drop-in session's, else the `x-wxmp-appid` header, else the
   * `appid` the request names, else the client's only account. It must be one the client lists.
   */
  accountFor(caller: Caller, call: ProxyCall, url: URL): ProxyAccount {
    const header = call.header(ACCOUNT_HEADER)?.trim().toLowerCase() || undefined
    const named = url.searchParams.get('appid')?.trim().toLowerCase() || undefined
    const { client, session } = caller
    const only = client.accounts.length === 1 ? client.accounts[0]!.toLowerCase() : undefined
    const appid = session?.appid ?? header ?? named ?? only
    if (appid === undefined) {
      throw new ProxyRefusal(
        'bad-request',
        `client ${client.name} may use several accounts: name one in the ${ACCOUNT_HEADER} header`,
        { rule: 'account' },
      )
    }
    for (const other of [header, named]) {
      if (other !== undefined && other !== appid)
        throw new ProxyRefusal('account', `the request names ${other} but acts for ${appid}`, {
          rule: 'account',
        })
    }
    const account = this.account(appid)
    if (!account || !client.accounts.some((a) => a.toLowerCase() === appid)) {
      // The same answer whether the account exists or not: a client learns nothing of others.
      throw new ProxyRefusal('account', `client ${client.name} may not use account ${appid}`, {
        rule: `accounts: ${client.accounts.join(', ')}`,
      })
    }
    return account
  }

  async #dropIn(token: string): Promise<Caller | undefined> {
    const session = await this.#state.getSession(tokenHash(token), this.#clock.now())
    const client = session && this.#byName.get(session.client)
    // A client removed from the configuration loses its sessions with it.
    return client && session ? { client, via: 'drop-in', session } : undefined
  }
}
