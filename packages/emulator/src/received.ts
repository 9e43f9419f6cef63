/**
 * What each fan has received from an account: template, subscription-notice, customer-service
 * and mass messages and previews sent through the APIs, and passive replies to pushes, with their delivery status.
 * Tests and the inspection API read it to check that a send reached the right person with the
 * right content.
 */
import type { KeepAccount } from './snapshot/keep-account.js'

/**
 * How the message reached the fan (`subscribe`: a subscription notice, `bizsend`); `reply` is a passive reply to a push (or, msgtype `notice`,
 * the error WeChat showed when the webhook failed).
 */
export type ReceivedChannel =
  'template' | 'subscribe' | 'customService' | 'mass' | 'preview' | 'reply'

/** One message a fan received. */
export interface ReceivedMessage {
  readonly channel: ReceivedChannel
  /** The API's id for the send (`msgid` / `msg_id`), as a decimal string; absent for custom messages. */
  readonly msgId?: string
  /** The message type: `text`, `image`, `mpnews`, the template id's `template`, … */
  readonly msgtype: string
  /** The request body's payload for that type, as the API received it. */
  readonly payload: unknown
  /** Clock milliseconds when it was sent. */
  readonly sentAt: number
  /** Delivery status, e.g. `success` (template), `SEND_SUCCESS` / `DELETE` (mass). */
  status: string
}

/** Every account's records, fan by fan, oldest first. */
export interface ReceivedSnapshot {
  readonly accounts: readonly {
    readonly appid: string
    readonly fans: readonly {
      readonly openid: string
      readonly messages: readonly ReceivedMessage[]
    }[]
  }[]
}

/** Messages received, per account and fan, in sending order. */
export class ReceivedLog {
  readonly #byAccount = new Map<string, Map<string, ReceivedMessage[]>>()

  /** Records `message` as received by `openid` from `appid`; returns the stored record. */
  record(appid: string, openid: string, message: ReceivedMessage): ReceivedMessage {
    const key = appid.toLowerCase()
    let fans = this.#byAccount.get(key)
    if (!fans) this.#byAccount.set(key, (fans = new Map<string, ReceivedMessage[]>()))
    let list = fans.get(openid)
    if (!list) fans.set(openid, (list = []))
    const stored = { ...message }
    list.push(stored)
    return stored
  }

  /** What `openid` received from `appid`, oldest first. */
  forFan(appid: string, openid: string): readonly ReceivedMessage[] {
    return this.#byAccount.get(appid.toLowerCase())?.get(openid) ?? []
  }

  /** Every record of `appid` with its fan, oldest first within each fan. */
  forAccount(appid: string): readonly { openid: string; message: ReceivedMessage }[] {
    const fans = this.#byAccount.get(appid.toLowerCase())
    if (!fans) return []
    return [...fans].flatMap(([openid, list]) => list.map((message) => ({ openid, message })))
  }

  /** The records as plain data. */
  snapshot(): ReceivedSnapshot {
    return {
      accounts: [...this.#byAccount].map(([appid, fans]) => ({
        appid,
        fans: [...fans].map(([openid, messages]) => ({ openid, messages })),
      })),
    }
  }

  /** Loads a snapshot into this (fresh) log, the accounts `keep` refuses left out. */
  restore(data: ReceivedSnapshot, keep: KeepAccount): void {
    for (const { appid, fans } of data.accounts) {
      if (!keep(appid)) continue
      const byFan = fans.map(({ openid, messages }): [string, ReceivedMessage[]] => [
        openid,
        messages.map((message) => ({ ...message })),
      ])
      this.#byAccount.set(appid, new Map(byFan))
    }
  }

  /** Sets the status of every record of `appid` with `msgId` (a mass message deleted, …). */
  setStatus(appid: string, msgId: string, status: string): number {
    let changed = 0
    for (const { message } of this.forAccount(appid)) {
      if (message.msgId === msgId) {
        message.status = status
        changed++
      }
    }
    return changed
  }
}
