/** The whole `EmulatorState` to plain data and back, one store at a time. */
import type { EmulatorState } from '../state.js'
import type { StateSnapshot } from './format.js'
import type { KeepAccount } from './keep-account.js'

/** Every store that survives a restart, as plain data (faults are left out). */
export function snapshotState(state: EmulatorState): StateSnapshot {
  return {
    tokens: state.tokens.snapshot(),
    quota: state.quota.snapshot(),
    menus: [...state.menus],
    conditionalMenus: state.conditionalMenus.snapshot(),
    fans: state.fans.snapshot(),
    tags: state.tags.snapshot(),
    media: state.media.snapshot(),
    drafts: state.drafts.snapshot(),
    newsMaterial: state.newsMaterial.snapshot(),
    publications: state.publications.snapshot(),
    outbox: state.outbox.snapshot(),
    received: state.received.snapshot(),
    windows: state.windows.snapshot(),
    tickets: state.tickets.snapshot(),
    kfAccounts: state.kfAccounts.snapshot(),
    templates: state.templates.snapshot(),
    mass: state.mass.snapshot(),
    qrcodes: state.qrcodes.snapshot(),
    oauth: state.oauth.snapshot(),
  }
}

/**
 * Loads `data` into a fresh state whose restored accounts were not seeded; the accounts `keep`
 * refuses (no longer configured) are left out of every store.
 */
export function restoreState(state: EmulatorState, data: StateSnapshot, keep: KeepAccount): void {
  state.tokens.restore(data.tokens, keep)
  state.quota.restore(data.quota, keep)
  for (const [appid, buttons] of data.menus) if (keep(appid)) state.menus.set(appid, buttons)
  state.conditionalMenus.restore(data.conditionalMenus, keep)
  state.fans.restore(data.fans, keep)
  state.tags.restore(data.tags, keep)
  state.media.restore(data.media, keep)
  state.drafts.restore(data.drafts, keep)
  state.newsMaterial.restore(data.newsMaterial, keep)
  state.publications.restore(data.publications, keep)
  state.outbox.restore(data.outbox, keep)
  state.received.restore(data.received, keep)
  state.windows.restore(data.windows, keep)
  state.tickets.restore(data.tickets, keep)
  state.kfAccounts.restore(data.kfAccounts, keep)
  state.templates.restore(data.templates, keep)
  state.mass.restore(data.mass, keep)
  state.qrcodes.restore(data.qrcodes, keep)
  state.oauth.restore(data.oauth, keep)
}
