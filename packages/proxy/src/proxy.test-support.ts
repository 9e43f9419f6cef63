/**
 * A proxy on real loopback HTTP in front of a served emulator, with an in-process token service
 * on a SQLite file, all on one VirtualClock. Everything started is stopped after each test.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VirtualClock } from '@wxmp/core'
import type { AccountConfig } from '@wxmp/core'
import { startTestRedis, type TestRedis } from '@wxmp/core/testing'
import { createEmulator, serveEmulator } from '@wxmp/emulator'
import type { Emulator, ServedEmulator } from '@wxmp/emulator'
import { createTokenService, openSqliteTokenStore } from '@wxmp/token'
import type { TokenService } from '@wxmp/token'
import { afterAll, afterEach } from 'vitest'
import type { AuditEntry } from './audit.js'
import type { ProxyClient, ProxyLogEntry, ProxyOptions } from './options.js'
import { createProxy } from './proxy.js'
import type { Proxy } from './proxy.js'
import { serveProxy } from './serve.js'
import type { ServedProxy } from './serve.js'
import type { ProxyTokens } from './tokens.js'

/** The test account. */
export const APPID = 'wx0123456789abcdef'
export const SECRET = 'S3cretS3cretS3cretS3cretS3cret12'
export const ACCOUNT: AccountConfig = {
  appid: APPID,
  secret: SECRET,
  token: 'wxmptoken',
  encryptMode: 'plain',
}
/** A second account, configured but not listed by every client. */
export const OTHER_APPID = 'wx99999999999999ff'
export const OTHER: AccountConfig = {
  ...ACCOUNT,
  appid: OTHER_APPID,
  secret: 'OtherOtherOtherOtherOtherOther12',
}

/** Client keys. */
export const MENU_KEY = 'menu-client-key-0123456789abcdef'
export const ALL_KEY = 'all-client-key-0123456789abcdef0'

/** Clients: `menu` (menus and user reads, one account), `all` (everything, both accounts). */
export const CLIENTS: ProxyClient[] = [
  { name: 'menu', key: MENU_KEY, accounts: [APPID], allow: ['menu.*', 'user.info'] },
  { name: 'all', key: ALL_KEY, accounts: [APPID, OTHER_APPID], allow: ['*'] },
]

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A fresh temporary directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-proxy-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** The token service as the proxy sees it, counting invalidations and remembering what it handed out. */
export interface SpyTokens extends ProxyTokens {
  readonly handedOut: Set<string>
  readonly invalidations: Array<{ appid: string; stale: string; invalidated: boolean }>
}

function spy(service: TokenService): SpyTokens {
  const handedOut = new Set<string>()
  const invalidations: SpyTokens['invalidations'] = []
  return {
    handedOut,
    invalidations,
    async accessToken(appid) {
      const credential = await service.accessToken(appid)
      handedOut.add(credential.value)
      return credential
    },
    async invalidate(appid, stale) {
      const result = await service.invalidate(appid, stale)
      invalidations.push({ appid, stale, invalidated: result.invalidated })
      handedOut.add(result.current.value)
      return result
    },
  }
}

/** What a test works with. */
export interface Rig {
  readonly clock: VirtualClock
  readonly emulator: Emulator
  readonly upstream: ServedEmulator
  readonly tokens: SpyTokens
  readonly proxy: Proxy
  readonly served: ServedProxy
  readonly audit: AuditEntry[]
  readonly logs: ProxyLogEntry[]
  /** Another proxy instance on the same upstream and tokens (pass `redis` to share state). */
  another(options?: Partial<ProxyOptions>): Promise<{ proxy: Proxy; served: ServedProxy }>
  /** Calls the proxy over HTTP: `path` with query, Bearer `key` unless `key` is null. */
  call(path: string, init?: CallInit, base?: string): Promise<Response>
  /** Calls to WeChat's path the emulator received. */
  upstreamCalls(path: string): number
  /** Plans an emulator fault (`POST /__emulator/faults`). */
  fault(fault: Record<string, unknown>): Promise<void>
}

/** How a test calls the proxy. */
export interface CallInit {
  readonly method?: string
  readonly key?: string | null
  readonly headers?: Record<string, string>
  readonly json?: unknown
  readonly body?: RequestInit['body']
}

/** Starts the rig; `options` go to the first proxy. */
export async function rig(options: Partial<ProxyOptions> = {}): Promise<Rig> {
  // 10:00 Beijing time, so a test can reach midnight by advancing 14 hours.
  const clock = new VirtualClock(Date.UTC(2026, 2, 10, 2, 0, 0))
  const emulator = createEmulator({ accounts: [ACCOUNT, OTHER], clock, seed: 5 })
  const upstream = await serveEmulator(emulator)
  cleanups.push(() => upstream.close())
  const store = openSqliteTokenStore(join(tempDir(), 'tokens.sqlite'))
  cleanups.push(() => store.close())
  const service = createTokenService({
    accounts: [ACCOUNT, OTHER],
    store,
    apiBase: upstream.url,
    clock,
    activeTimers: false,
    random: () => 0,
  })
  cleanups.push(() => service.close())
  const tokens = spy(service)
  const audit: AuditEntry[] = []
  const logs: ProxyLogEntry[] = []
  const start = async (extra: Partial<ProxyOptions>) => {
    const proxy = createProxy({
      config: { accounts: [ACCOUNT, OTHER], clients: CLIENTS },
      tokens,
      apiBase: upstream.url,
      clock,
      audit: (entry) => audit.push(entry),
      log: (entry) => logs.push(entry),
      ...extra,
    })
    cleanups.push(() => proxy.close())
    const served = await serveProxy(proxy)
    cleanups.push(() => served.close())
    return { proxy, served }
  }
  const first = await start(options)
  const call = async (path: string, init: CallInit = {}, base = first.served.url) => {
    const headers: Record<string, string> = { ...init.headers }
    const key = init.key === undefined ? MENU_KEY : init.key
    if (key !== null) headers.authorization = `Bearer ${key}`
    let body = init.body
    if (init.json !== undefined) {
      body = JSON.stringify(init.json)
      headers['content-type'] = 'application/json'
    }
    const method = init.method ?? (body === undefined ? 'GET' : 'POST')
    // Redirects (the OAuth page) are the caller's to follow, as a browser would.
    return fetch(`${base}${path}`, { method, headers, body: body ?? null, redirect: 'manual' })
  }
  return {
    clock,
    emulator,
    upstream,
    tokens,
    audit,
    logs,
    ...first,
    another: start,
    call,
    upstreamCalls: (path) => emulator.stats().calls[path] ?? 0,
    async fault(fault) {
      const response = await fetch(`${upstream.url}/__emulator/faults`, {
        method: 'POST',
        body: JSON.stringify(fault),
      })
      if (!response.ok) throw new Error(`fault not planned: ${await response.text()}`)
    },
  }
}

let redis: Promise<TestRedis> | undefined

afterAll(async () => {
  ;(await redis)?.stop()
})

/**
 * A Redis for this test file: `WXMP_REDIS_URL` when set, else a private `redis-server` on a free
 * loopback port (stopped after the file), as the token package's tests do.
 */
export async function testRedisUrl(): Promise<string> {
  redis ??= startTestRedis()
  return (await redis).url
}

/** A key prefix no other test uses. */
export function freshPrefix(): string {
  return `test${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}:wxmp:proxy`
}

/** Registers a cleanup to run after the test. */
export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup)
}
