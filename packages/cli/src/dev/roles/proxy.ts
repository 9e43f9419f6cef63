/** The API proxy role of `wxmp dev`: the only caller of WeChat, sharing the token service in-process. */
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import type { ClientConfig, WxmpConfig } from '@wxmp/core'
import { createProxy, jsonLinesAudit, serveProxy } from '@wxmp/proxy'
import type { TokenService } from '@wxmp/token'
import type { RunningRole } from '../role.js'

/** Where the proxy listens, what it calls and with which tokens. */
export interface ProxyRoleOptions {
  readonly port: number
  /** The WeChat API it forwards to (the embedded emulator's URL, or the real host). */
  readonly apiBase: string
  /** The token service role's in-process handle: one refresher for the whole stack. */
  readonly tokens: TokenService
  readonly clients: readonly ClientConfig[]
}

/** The running proxy. */
export interface ProxyRole extends RunningRole {
  readonly role: 'proxy'
}

/** Starts the proxy on loopback, its state and audit log in the data dir (or Redis). */
export async function startProxyRole(
  config: WxmpConfig,
  options: ProxyRoleOptions,
): Promise<ProxyRole> {
  const auditFile = join(config.dataDir, 'proxy-audit.jsonl')
  const audit = createWriteStream(auditFile, { flags: 'a' })
  const state = config.redisUrl === undefined ? join(config.dataDir, 'proxy.sqlite') : 'redis'
  const proxy = createProxy({
    config: { accounts: config.accounts, clients: options.clients },
    tokens: options.tokens,
    apiBase: options.apiBase,
    ...(config.redisUrl === undefined ? { store: state } : { redis: config.redisUrl }),
    audit: jsonLinesAudit(audit),
  })
  const release = async (): Promise<void> => {
    try {
      await proxy.close()
    } finally {
      await new Promise<void>((done) => audit.end(done))
    }
  }
  try {
    const served = await serveProxy(proxy, { host: '127.0.0.1', port: options.port })
    return {
      role: 'proxy',
      url: served.url,
      lines: [
        `WeChat's API paths with Authorization: Bearer <client key> (or an existing SDK: this host + the key as its secret)`,
        `state ${state}; audit log ${auditFile}`,
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
