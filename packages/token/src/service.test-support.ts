/** A token service against an in-process emulator, on a virtual clock, for policy tests. */
import { VirtualClock } from '@wxmp/core'
import type { AccountConfig, Clock } from '@wxmp/core'
import { createEmulator } from '@wxmp/emulator'
import type { Emulator } from '@wxmp/emulator'
import type { TokenLogEntry, TokenServiceOptions } from './options.js'
import { createTokenService } from './service.js'
import type { TokenService } from './service.js'
import type { TokenStore } from './types.js'

/** The test account's AppID and AppSecret. */
export const APPID = 'wx0123456789abcdef'
export const SECRET = 'S3cretS3cretS3cretS3cretS3cret12'

/** The test account, as core's config schema outputs it. */
export const ACCOUNT: AccountConfig = {
  appid: APPID,
  secret: SECRET,
  token: 'wxmptoken',
  encryptMode: 'plain',
}

/** What a policy test works with. */
export interface Rig {
  readonly clock: Clock
  readonly emulator: Emulator
  readonly logs: TokenLogEntry[]
  /** Services made so far (`service` is the first). */
  readonly service: TokenService
  /** Another instance on another connection to the same store. */
  another(options?: Partial<TokenServiceOptions>): TokenService
  /** Calls WeChat's token endpoints received (both paths). */
  tokenCalls(): number
  /** getticket calls received. */
  ticketCalls(): number
  /** Calls an API with `token` and answers WeChat's errcode (0 when accepted). */
  errcodeFor(token: string): Promise<number>
}

/**
 * An emulator and a first service over `open()`; `VirtualClock` unless `clock` is given. Random
 * jitter is 0 unless overridden, so due times are exact.
 */
export function rig(
  open: () => TokenStore,
  options: Partial<TokenServiceOptions> & { clock?: Clock } = {},
): Rig {
  const clock = options.clock ?? new VirtualClock()
  const emulator = createEmulator({ accounts: [ACCOUNT], clock, seed: 7 })
  const logs: TokenLogEntry[] = []
  const make = (extra: Partial<TokenServiceOptions> = {}): TokenService =>
    createTokenService({
      accounts: [ACCOUNT],
      store: open(),
      fetch: (request) => emulator.fetch(request),
      clock,
      random: () => 0,
      log: (entry) => logs.push(entry),
      ...options,
      ...extra,
    })
  const service = make()
  const calls = (path: string) => emulator.stats().calls[path] ?? 0
  return {
    clock,
    emulator,
    logs,
    service,
    another: make,
    tokenCalls: () => calls('/cgi-bin/token') + calls('/cgi-bin/stable_token'),
    ticketCalls: () => calls('/cgi-bin/ticket/getticket'),
    async errcodeFor(token) {
      // getcallbackip needs nothing but a valid token.
      const response = await emulator.handle({
        method: 'GET',
        path: '/cgi-bin/getcallbackip',
        query: new URLSearchParams({ access_token: token }).toString(),
        body: '',
      })
      return (JSON.parse(String(response.body)) as { errcode?: number }).errcode ?? 0
    },
  }
}
