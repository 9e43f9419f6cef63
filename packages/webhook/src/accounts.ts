import { WxConfigError } from '@wxmp/core'
import { createMessageCipher, type MessageCipher } from '@wxmp/crypto'
import type { AccountInfo } from './context.js'

/** The fields of a configured account the webhook needs (a subset of the shared config schema). */
export interface WebhookAccountConfig {
  appid: string
  token: string
  aesKey?: string | undefined
  previousAesKey?: string | undefined
  originalId?: string | undefined
}

/** An account ready to serve: its token and, when it has an EncodingAESKey, its cipher. */
export interface AccountRuntime {
  readonly info: AccountInfo
  readonly token: string
  readonly cipher: MessageCipher | undefined
}

/**
 * Builds the path → account table: every account at `{base}/{appid}`, and the first (or only)
 * account also at `{base}` itself. Paths are matched exactly, with one trailing slash tolerated.
 */
export function buildAccountTable(
  accounts: readonly WebhookAccountConfig[],
  basePath: string,
): Map<string, AccountRuntime> {
  if (accounts.length === 0) {
    throw new WxConfigError(
      'accounts: at least one account is required — set WXMP_APPID and WXMP_TOKEN, or list accounts in the config file',
      'accounts',
    )
  }
  const base = basePath === '/' ? '' : basePath.replace(/\/+$/, '')
  const table = new Map<string, AccountRuntime>()
  accounts.forEach((a, i) => {
    if (!a.token)
      throw new WxConfigError(
        `accounts[${i}].token: required — the 令牌(Token) from 基本配置, or WXMP_TOKEN`,
        `accounts[${i}].token`,
      )
    const runtime: AccountRuntime = {
      info: Object.freeze({ appid: a.appid, originalId: a.originalId }),
      token: a.token,
      cipher: a.aesKey
        ? createMessageCipher({
            appId: a.appid,
            aesKey: a.aesKey,
            previousAesKey: a.previousAesKey,
          })
        : undefined,
    }
    const own = `${base}/${a.appid}`
    if (table.has(own))
      throw new WxConfigError(
        `accounts[${i}].appid: ${a.appid} is listed twice`,
        `accounts[${i}].appid`,
      )
    table.set(own, runtime)
    if (i === 0) table.set(base === '' ? '/' : base, runtime)
  })
  return table
}

/** Looks a request path up, tolerating one trailing slash. */
export function findAccount(
  table: Map<string, AccountRuntime>,
  path: string,
): AccountRuntime | undefined {
  const hit = table.get(path)
  if (hit !== undefined || path.length < 2 || !path.endsWith('/')) return hit
  return table.get(path.slice(0, -1))
}
