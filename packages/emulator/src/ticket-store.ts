/**
 * JS-SDK tickets (§6.12): per account, one `jsapi` ticket and one `wx_card` api_ticket, each
 * answered again for its whole 7200 s life, then replaced by a new one.
 */
import type { Clock } from '@wxmp/core'
import { randomToken } from './random.js'
import type { Random } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'

/** The ticket types `getticket` issues. */
export const TICKET_TYPES = ['jsapi', 'wx_card'] as const

/** A ticket type: `jsapi` for `wx.config` signatures, `wx_card` for card signatures. */
export type TicketType = (typeof TICKET_TYPES)[number]

/** A ticket's life (§6.12: `expires_in` 7200). */
export const TICKET_TTL_SECONDS = 7200

// The reference's sample tickets are 86 characters of the token alphabet.
const TICKET_LENGTH = 86

/** A ticket as `getticket` answers it: the string and its remaining life in whole seconds. */
export interface IssuedTicket {
  readonly ticket: string
  readonly expires_in: number
}

interface Slot {
  readonly ticket: string
  /** Milliseconds on the clock. */
  readonly expiresAt: number
}

/** Each account's latest ticket of each type. */
export interface TicketSnapshot {
  readonly slots: readonly {
    readonly appid: string
    readonly type: TicketType
    readonly ticket: string
    readonly expiresAt: number
  }[]
}

/** Every account's current tickets. */
export class TicketStore {
  readonly #slots = new Map<string, Slot>()

  /**
   * Tickets are drawn from `random`, the stream tokens use: a ticket is a credential minted on
   * request, like a token, so a ticket call shifts later tokens and rids as a token call does.
   */
  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
  ) {}

  /**
   * The account's current ticket of `type` with its remaining seconds, or a new one when there is
   * none or it has expired. [inferred] WeChat answers the cached ticket within its life; the
   * remaining life (not a fresh 7200) is reported so a client never caches a ticket past its end.
   */
  issue(appid: string, type: TicketType): IssuedTicket {
    const key = `${appid.toLowerCase()} ${type}`
    const now = this.clock.now()
    let slot = this.#slots.get(key)
    if (!slot || now >= slot.expiresAt) {
      slot = {
        ticket: randomToken(this.random, TICKET_LENGTH),
        expiresAt: now + TICKET_TTL_SECONDS * 1000,
      }
      this.#slots.set(key, slot)
    }
    return { ticket: slot.ticket, expires_in: Math.floor((slot.expiresAt - now) / 1000) }
  }

  /** The tickets as plain data. */
  snapshot(): TicketSnapshot {
    return {
      slots: [...this.#slots].map(([key, slot]) => {
        const [appid = '', type] = key.split(' ')
        return { appid, type: type as TicketType, ticket: slot.ticket, expiresAt: slot.expiresAt }
      }),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: TicketSnapshot, keep: KeepAccount): void {
    for (const { appid, type, ticket, expiresAt } of data.slots)
      if (keep(appid)) this.#slots.set(`${appid.toLowerCase()} ${type}`, { ticket, expiresAt })
  }

  /** The live ticket of `type`, if any (for pages that check a `wx.config` signature). */
  current(appid: string, type: TicketType): string | undefined {
    const slot = this.#slots.get(`${appid.toLowerCase()} ${type}`)
    return slot && this.clock.now() < slot.expiresAt ? slot.ticket : undefined
  }
}
