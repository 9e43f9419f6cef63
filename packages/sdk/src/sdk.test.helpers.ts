/** Test support: a seeded emulator on a VirtualClock, and clients wired to its in-process fetch. */
import { VirtualClock } from '@wxmp/core'
import type { AccountConfig } from '@wxmp/core'
import { createEmulator } from '@wxmp/emulator'
import type { Emulator } from '@wxmp/emulator'
import { createClient } from './client.js'
import type { Client } from './client.js'
import type { ClientOptions } from './options.js'

/** The emulated account. */
export const APPID = 'wx5d4c3b2a1f0e9d8c'
/** Its AppSecret (32 letters and digits, as WeChat's are). */
export const SECRET = 'Sdk0S3cretSdk0S3cretSdk0S3cret99'

/** A second account on the same platform. */
export const APPID_B = 'wx00112233445566bb'
/** Its AppSecret. */
export const SECRET_B = 'SecondAccountSecretSecondAcct222'

const ACCOUNTS: AccountConfig[] = [
  { appid: APPID, secret: SECRET, token: 'sdktoken', encryptMode: 'plain' },
  { appid: APPID_B, secret: SECRET_B, token: 'sdktokenb', encryptMode: 'plain' },
]

/** One test's world. */
export interface Setup {
  readonly clock: VirtualClock
  readonly emulator: Emulator
  /** A client for the account, answers checked against the table's schemas. */
  readonly client: Client
  /** Another client with these options (same emulator, clock and account). */
  clientWith(options?: Partial<ClientOptions>): Client
  /** Calls counted by the emulator for an API path (`/cgi-bin/stable_token`), via its own API. */
  calls(path: string): Promise<number>
  /** Plans a fault through `POST /__emulator/faults`. */
  fault(fault: Record<string, unknown>): Promise<void>
  /** A follower's OpenID. */
  follower(): string
}

/** A fresh emulator and client. Backoff delays are zero unless a test asks for more. */
export function setup(options: Partial<ClientOptions> = {}): Setup {
  const clock = new VirtualClock()
  const emulator = createEmulator({ accounts: ACCOUNTS, clock, seed: 7 })
  const fetch = (request: Request): Promise<Response> => emulator.fetch(request)
  const clientWith = (more: Partial<ClientOptions> = {}): Client =>
    createClient({
      appid: APPID,
      secret: SECRET,
      fetch,
      clock,
      validateResponses: true,
      retry: { baseDelayMs: 0 },
      ...options,
      ...more,
    })
  const inspect = async (method: string, path: string, body?: unknown): Promise<unknown> => {
    const init: RequestInit =
      body === undefined ? { method } : { method, body: JSON.stringify(body) }
    const response = await emulator.fetch(new Request(`http://emulator${path}`, init))
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`)
    return response.json()
  }
  return {
    clock,
    emulator,
    client: clientWith(),
    clientWith,
    calls: async (path) => {
      const stats = (await inspect('GET', '/__emulator/stats')) as { calls: Record<string, number> }
      return stats.calls[path] ?? 0
    },
    fault: async (fault) => void (await inspect('POST', '/__emulator/faults', fault)),
    follower: () => {
      const fan = emulator.fans.list(APPID).find((candidate) => candidate.subscribed)
      if (!fan) throw new Error('no follower')
      return fan.openid
    },
  }
}
