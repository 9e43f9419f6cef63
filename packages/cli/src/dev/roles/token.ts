/** The token service role of `wxmp dev`: one refresher per account, its HTTP API served too. */
import { join } from 'node:path'
import type { ClientConfig, WxmpConfig } from '@wxmp/core'
import {
  createTokenService,
  openRedisTokenStore,
  openSqliteTokenStore,
  serveTokenService,
} from '@wxmp/token'
import type { TokenService, TokenStore } from '@wxmp/token'
import type { RunningRole } from '../role.js'

/** Where the service listens, its upstream and who may call it. */
export interface TokenRoleOptions {
  readonly port: number
  /** The WeChat API the service fetches tokens from (the embedded emulator's URL, or the real host). */
  readonly apiBase: string
  readonly clients: readonly ClientConfig[]
  /**
   * Keep tokens in memory instead of `<dataDir>/tokens.sqlite`: used when the emulator forgets its
   * state on exit, since tokens stored for a platform that no longer knows them would be refused.
   */
  readonly inMemory: boolean
}

/** The running token service; `service` is the in-process handle other roles may share. */
export interface TokenRole extends RunningRole {
  readonly role: 'token'
  readonly service: TokenService
}

/** Starts the token service on loopback. Every account must have its secret. */
export async function startTokenRole(
  config: WxmpConfig,
  options: TokenRoleOptions,
): Promise<TokenRole> {
  const { store, where } = openStore(config, options.inMemory)
  const service = createTokenService({
    accounts: config.accounts.map((account) => ({ appid: account.appid, secret: account.secret })),
    store,
    apiBase: options.apiBase,
  })
  const release = async (): Promise<void> => {
    try {
      await service.close()
    } finally {
      await store.close()
    }
  }
  try {
    const served = await serveTokenService(service, {
      host: '127.0.0.1',
      port: options.port,
      clients: options.clients,
    })
    return {
      role: 'token',
      url: served.url,
      service,
      lines: [
        `access_tokens from ${options.apiBase} (stable_token); store ${where}`,
        `GET ${served.url}/v1/accounts/{appid}/access-token  with  Authorization: Bearer <client key>`,
      ],
      close: async () => {
        try {
          await served.close()
        } finally {
          await release()
        }
      },
    }
  } catch (error) {
    await release()
    throw error
  }
}

function openStore(config: WxmpConfig, inMemory: boolean): { store: TokenStore; where: string } {
  if (config.redisUrl !== undefined)
    return { store: openRedisTokenStore(config.redisUrl), where: 'redis' }
  if (inMemory) return { store: openSqliteTokenStore(':memory:'), where: 'in memory' }
  const file = join(config.dataDir, 'tokens.sqlite')
  return { store: openSqliteTokenStore(file), where: file }
}
