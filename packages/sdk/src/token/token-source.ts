/**
 * Where a client gets an account's access_token. One interface, three sources: `staticTokenSource`
 * (tests), `directTokenSource` (this process asks WeChat) and `remoteTokenSource` (the wxmp token
 * service asks WeChat for everyone).
 */
import { WxTokenUnavailableError } from '@wxmp/core'

/** A source of access_tokens, by AppID. */
export interface TokenSource {
  /** A token for `appid` that is valid now. Concurrent callers may share one fetch. */
  get(appid: string): Promise<string>
  /**
   * Reports that WeChat rejected `stale` (40001/40014/42001). Compare-and-invalidate: the source
   * drops its token only if it is still `stale`, so a late report cannot throw away a newer one.
   */
  invalidate(appid: string, stale: string): Promise<void>
}

/**
 * A source that always answers the same tokens, for tests and scripts that already hold one.
 * `invalidate` does nothing: there is nowhere to get another token from.
 *
 * @example
 * const client = createClient({ appid, tokenSource: staticTokenSource({ [appid]: token }) })
 */
export function staticTokenSource(tokens: Readonly<Record<string, string>>): TokenSource {
  return {
    get: async (appid) => {
      const token = Object.hasOwn(tokens, appid) ? tokens[appid] : undefined
      if (token === undefined)
        throw new WxTokenUnavailableError(`staticTokenSource: no token for ${appid}`)
      return token
    },
    invalidate: async () => {},
  }
}
