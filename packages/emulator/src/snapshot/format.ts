/**
 * The snapshot's shape: plain, JSON-able data (bytes stay `Uint8Array`s) that a new emulator
 * starts from. One interface per store lives next to the store; this file puts them together.
 */
import { WxError } from '@wxmp/core'
import type { CsWindowSnapshot } from '../cs-windows.js'
import type { FanSnapshot } from '../fans.js'
import type { KfAccountSnapshot } from '../kf-accounts.js'
import type { MassSnapshot } from '../mass-store.js'
import type { MediaSnapshot } from '../media-store.js'
import type { MenuStoreSnapshot } from '../menu-store.js'
import type { NewsBoxSnapshot } from '../news-box.js'
import type { OAuthSnapshot } from '../oauth-store.js'
import type { OutboxSnapshot } from '../outbox.js'
import type { PublishSnapshot } from '../publish-store.js'
import type { PushCountersSnapshot } from '../push/engine.js'
import type { QrCodeSnapshot } from '../qrcode-store.js'
import type { QuotaSnapshot } from '../quota.js'
import type { ReceivedSnapshot } from '../received.js'
import type { MenuButtons } from '../state.js'
import type { TagSnapshot } from '../tag-store.js'
import type { TemplateSnapshot } from '../template-store.js'
import type { TicketSnapshot } from '../ticket-store.js'
import type { TokenSnapshot } from '../tokens.js'

/**
 * The format this code writes and reads: the JSON shapes below and the file's tables together.
 * Bump it whenever either changes, with a migration step in `sqlite-file.ts` for the older one.
 * A file of a newer version is refused, never half-loaded.
 */
export const SNAPSHOT_VERSION = 1

/** Every store of `EmulatorState` that survives a restart (faults do not). */
export interface StateSnapshot {
  readonly tokens: TokenSnapshot
  readonly quota: QuotaSnapshot
  /** Default menus by AppID. */
  readonly menus: readonly (readonly [appid: string, buttons: MenuButtons])[]
  readonly conditionalMenus: MenuStoreSnapshot
  readonly fans: FanSnapshot
  readonly tags: TagSnapshot
  readonly media: MediaSnapshot
  readonly drafts: NewsBoxSnapshot
  readonly newsMaterial: NewsBoxSnapshot
  readonly publications: PublishSnapshot
  readonly outbox: OutboxSnapshot
  readonly received: ReceivedSnapshot
  readonly windows: CsWindowSnapshot
  readonly tickets: TicketSnapshot
  readonly kfAccounts: KfAccountSnapshot
  readonly templates: TemplateSnapshot
  readonly mass: MassSnapshot
  readonly qrcodes: QrCodeSnapshot
  readonly oauth: OAuthSnapshot
}

/** The parts of a `StateSnapshot`, each a row of the file (the type checks the list is whole). */
export const STATE_PARTS = Object.keys({
  tokens: true,
  quota: true,
  menus: true,
  conditionalMenus: true,
  fans: true,
  tags: true,
  media: true,
  drafts: true,
  newsMaterial: true,
  publications: true,
  outbox: true,
  received: true,
  windows: true,
  tickets: true,
  kfAccounts: true,
  templates: true,
  mass: true,
  qrcodes: true,
  oauth: true,
} satisfies Record<keyof StateSnapshot, true>) as (keyof StateSnapshot)[]

/** The emulator's random streams (see `StateStreams`, plus the push engine's). */
export const STREAM_NAMES = ['main', 'fans', 'media', 'messages', 'qr', 'oauth', 'push'] as const

/** A random stream's name. */
export type StreamName = (typeof STREAM_NAMES)[number]

/** Everything a restarted emulator needs besides its configuration. */
export interface EmulatorSnapshot {
  readonly version: number
  /** The emulator clock's time at the save, in milliseconds. */
  readonly savedAt: number
  /** The (lower-case) AppIDs configured when it was saved. */
  readonly accounts: readonly string[]
  /** An AdjustableClock's offset (how far `/__emulator/clock` moved it); absent otherwise. */
  readonly clockOffset?: number
  /** Each random stream's position, so ids go on rather than repeat. */
  readonly random: Readonly<Record<StreamName, number>>
  readonly push: PushCountersSnapshot
  readonly state: StateSnapshot
}

/** A snapshot file that cannot be used: corrupt, foreign, newer than this code, or unwritable. */
export class SnapshotError extends WxError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('WX_ERR_EMULATOR_SNAPSHOT', message, options)
  }
}
