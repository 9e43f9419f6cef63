/** Looking an account up by AppID. */
import type { AccountConfig, WxmpConfig } from './schema.js'

/**
 * The account with `appid` (compared case-insensitively, as the config lower-cases AppIDs),
 * or `undefined` when this configuration does not serve it.
 */
export function findAccount(
  config: Pick<WxmpConfig, 'accounts'>,
  appid: string,
): AccountConfig | undefined {
  const wanted = appid.trim().toLowerCase()
  return config.accounts.find((account) => account.appid === wanted)
}
