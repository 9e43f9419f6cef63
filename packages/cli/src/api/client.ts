/** The SDK client an API command calls WeChat with, for the resolved account and route. */
import { createClient, remoteTokenSource } from '@wxmp/sdk'
import type { Client } from '@wxmp/sdk'
import { progressFetch } from './progress.js'
import { resolveTarget } from './target.js'
import type { ApiFlags, ApiTarget } from './target.js'

/** Per-attempt timeout of uploads and downloads, which may move megabytes. */
export const TRANSFER_TIMEOUT_MS = 120_000

/** A client for `target`: direct (AppSecret, `stable_token`), token service or proxy. */
export function clientFor(target: ApiTarget): Client {
  const route = target.route
  const common = {
    appid: target.appid,
    ...(target.apiBase === undefined ? {} : { apiBase: target.apiBase }),
    fetch: progressFetch((request: Request) => globalThis.fetch(request)),
  }
  if (route.kind === 'proxy')
    return createClient({ ...common, proxy: { baseUrl: route.url, clientKey: route.clientKey } })
  if (route.kind === 'token-service')
    return createClient({
      ...common,
      tokenSource: remoteTokenSource({ baseUrl: route.url, clientKey: route.clientKey }),
    })
  return createClient({ ...common, secret: route.secret })
}

/** Resolves the command's account and route from its flags and opens a client. */
export function openClient(flags: ApiFlags): Client {
  return clientFor(resolveTarget(flags))
}
