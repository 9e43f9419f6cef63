/**
 * Client keys and permissions of the token API, from core's `clients` configuration: a client
 * names the accounts it may read, and its `allow` patterns (the proxy's endpoint patterns) say
 * which credentials: reading the access_token needs a pattern matching `token.get`, the
 * jsapi_ticket `ticket.get`. So a proxy client allowed only `menu.*` cannot fetch the raw token
 * and step around the proxy's allow-list.
 */
import { createHash, timingSafeEqual } from 'node:crypto'

/** A caller of the token API (core's `ClientConfig` fits). */
export interface TokenClient {
  readonly name: string
  readonly key: string
  readonly accounts: readonly string[]
  readonly allow: readonly string[]
}

interface KnownClient {
  readonly client: TokenClient
  readonly digest: Buffer
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest()

/** Looks up clients by key in constant time. */
export class ClientKeys {
  readonly #clients: readonly KnownClient[]

  constructor(clients: readonly TokenClient[]) {
    this.#clients = clients.map((client) => ({ client, digest: digest(client.key) }))
  }

  /**
   * The client whose key is in `authorization` (`Bearer <key>`), or `undefined`. Every key is
   * compared, each over equal-length digests, so the time taken tells nothing about any key.
   */
  identify(authorization: string | undefined): TokenClient | undefined {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
    if (!match) return undefined
    const offered = digest(match[1]!)
    let found: TokenClient | undefined
    for (const known of this.#clients) {
      if (timingSafeEqual(known.digest, offered) && found === undefined) found = known.client
    }
    return found
  }
}

/** Whether `client` may use `appid` at all. */
export function mayUseAccount(client: TokenClient, appid: string): boolean {
  return client.accounts.some((a) => a.toLowerCase() === appid.toLowerCase())
}

/** Whether one of `client`'s allow patterns (`*`, `scope.*`, an id) matches endpoint `id`. */
export function allows(client: TokenClient, id: string): boolean {
  return client.allow.some(
    (pattern) =>
      pattern === '*' ||
      pattern === id ||
      (pattern.endsWith('.*') && id.startsWith(pattern.slice(0, -1))),
  )
}
