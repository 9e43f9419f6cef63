/**
 * Test support for the examples: the emulator pushes a fan's messages to the example app served
 * by a real `@wxmp/webhook` on loopback (safe mode: signed and AES-encrypted), and an SDK client
 * calls the emulator's API. Everything runs on one VirtualClock.
 */
import { VirtualClock } from '@wxmp/core'
import { createEmulator } from '@wxmp/emulator'
import type { Emulator, FanMessage, PushReport } from '@wxmp/emulator'
import { createClient } from '@wxmp/sdk'
import type { Client } from '@wxmp/sdk'
import { createWebhook, serveWebhook } from '@wxmp/webhook'
import type { RunningServer, WebhookApp } from '@wxmp/webhook'
import { afterEach } from 'vitest'

/** The example account, as `wxmp emulator` and `wxmp webhook` would share it. */
export const ACCOUNT = {
  appid: 'wx5e6d7c8b9a0f1e2d',
  secret: 'ExampleSecretExampleSecretExamp1',
  token: 'exampleToken2026',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  originalId: 'gh_5e6d7c8b9a0f',
  encryptMode: 'safe' as const,
}

/** What an example test works with. */
export interface ExampleRig {
  readonly clock: VirtualClock
  readonly emulator: Emulator
  /** An SDK client of the account, talking to the emulator. */
  readonly client: Client
  /** A follower's OpenID. */
  readonly fan: string
  /** The fan (or `openid`) sends a message or triggers an event; resolves to the report. */
  push(message: FanMessage, openid?: string): Promise<PushReport>
  /** Shorthand: the fan sends a text and gets the reply's text (or `null` for no reply). */
  say(text: string, openid?: string): Promise<string | null>
}

const servers: RunningServer[] = []
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((served) => {
      const closed = served.close()
      served.closeAllConnections()
      return closed
    }),
  )
})

/** Serves the app made by `makeApp` (given the SDK client) and returns the rig. */
export async function exampleRig(makeApp: (client: Client) => WebhookApp): Promise<ExampleRig> {
  const clock = new VirtualClock(Date.UTC(2026, 2, 1, 8))
  const webhook = createWebhook({ accounts: [ACCOUNT], clock })
  const served = await serveWebhook(webhook, { host: '127.0.0.1', port: 0 })
  servers.push(served)
  const emulator = createEmulator({
    accounts: [ACCOUNT],
    clock,
    seed: 26,
    pushUrl: `${served.origin}/wx`,
  })
  const client = createClient({
    appid: ACCOUNT.appid,
    secret: ACCOUNT.secret,
    fetch: (request) => emulator.fetch(request),
    clock,
  })
  await makeApp(client)(webhook)
  const follower = emulator.fans.list(ACCOUNT.appid).find((f) => f.subscribed)
  if (follower === undefined) throw new Error('the demo fans include a follower')
  const push = (message: FanMessage, openid = follower.openid): Promise<PushReport> =>
    emulator.push.push({ openid, message })
  return {
    clock,
    emulator,
    client,
    fan: follower.openid,
    push,
    say: async (text, openid) => {
      const report = await push({ kind: 'text', Content: text }, openid)
      if (!report.acknowledged) throw new Error(`the push failed: ${report.failure ?? '?'}`)
      if (report.reply === null) return null
      if (report.reply.type !== 'text')
        throw new Error(`expected a text reply, got ${report.reply.type}`)
      return report.reply.Content
    },
  }
}
