/**
 * A push rig for tests: an emulator and a real `@wxmp/webhook` server on loopback, sharing one
 * VirtualClock and one account, so the engine's pushes go through the webhook's real pipeline
 * (signature, decryption, dedupe, reply sealing).
 */
import { VirtualClock } from '@wxmp/core'
import type { AccountConfig } from '@wxmp/core'
import type { PushMode } from '@wxmp/crypto'
import { createWebhook, serveWebhook } from '@wxmp/webhook'
import type {
  RunningServer,
  Webhook,
  WebhookOptions,
  WebhookRequest,
  WebhookResponse,
} from '@wxmp/webhook'
import { afterEach } from 'vitest'
import { createEmulator } from '../emulator.js'
import type { Emulator, EmulatorOptions } from '../emulator.js'
import type { Fan } from '../fans.js'

/** The rig's account. */
export const APPID = 'wx0123456789abcdef'
export const TOKEN = 'pushToken2026'
export const ORIGINAL_ID = 'gh_0123456789ab'
/** The current and the previous EncodingAESKey (rotation tests). */
export const NEW_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR'
export const OLD_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

/** The emulator's view of the account in `mode`. */
export function account(mode: PushMode, aesKey: string = NEW_KEY): AccountConfig {
  return {
    appid: APPID,
    secret: 'S3cretS3cretS3cretS3cretS3cret12',
    token: TOKEN,
    originalId: ORIGINAL_ID,
    encryptMode: mode,
    ...(mode === 'plain' ? {} : { aesKey }),
  }
}

/** What a test works with. */
export interface Rig {
  readonly clock: VirtualClock
  readonly emulator: Emulator
  readonly webhook: Webhook
  /** Every request that reached the webhook server, in order. */
  readonly seen: WebhookRequest[]
  /** A follower of the account. */
  readonly fan: Fan
}

/** Options of `rig`. */
export interface RigOptions {
  readonly mode?: PushMode
  readonly webhook?: Partial<WebhookOptions>
  readonly emulator?: Partial<EmulatorOptions>
  /** Answers instead of the webhook while it returns a response (e.g. a 500 for the first try). */
  readonly intercept?: (request: WebhookRequest, index: number) => WebhookResponse | undefined
}

const running: RunningServer[] = []
afterEach(async () => {
  await Promise.all(
    running.splice(0).map((served) => {
      const closed = served.close()
      // Keep-alive sockets of the emulator's fetch would otherwise hold close() for seconds.
      served.closeAllConnections()
      return closed
    }),
  )
})

/** An emulator pushing to a served webhook, both on one VirtualClock. */
export async function rig(options: RigOptions = {}): Promise<Rig> {
  const mode = options.mode ?? 'plain'
  const clock = new VirtualClock(Date.UTC(2026, 2, 1, 8))
  const webhook = createWebhook({
    accounts: [
      {
        appid: APPID,
        token: TOKEN,
        originalId: ORIGINAL_ID,
        ...(mode === 'plain' ? {} : { aesKey: NEW_KEY, previousAesKey: OLD_KEY }),
      },
    ],
    clock,
    ...options.webhook,
  })
  const seen: WebhookRequest[] = []
  const server = await serveWebhook(
    {
      maxBodyBytes: webhook.maxBodyBytes,
      handle: (request) => {
        seen.push(request)
        return options.intercept?.(request, seen.length - 1) ?? webhook.handle(request)
      },
    },
    { host: '127.0.0.1', port: 0 },
  )
  running.push(server)
  const emulator = createEmulator({
    accounts: [account(mode)],
    clock,
    seed: 11,
    pushUrl: `${server.origin}/wx`,
    ...options.emulator,
  })
  const fan = emulator.fans.list(APPID).find((candidate) => candidate.subscribed)
  if (!fan) throw new Error('the demo fans include followers')
  return { clock, emulator, webhook, seen, fan }
}

/** Waits (bounded, in real time) for loopback I/O to reach a condition; test time stays virtual. */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const limit = Date.now() + 5000
  while (!condition()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
}
