/**
 * Each account's subscription-notice templates (订阅通知) and which fans accepted which of them.
 * A one-time template's acceptance is spent by one notice; a long-term one's lasts [inferred:
 * what 一次性 / 长期 订阅 mean]. Ids come from the messages random stream.
 */
import { randomId64 } from './message-ids.js'
import type { Random } from './random.js'
import { randomToken } from './random.js'
import { keywordKey } from './subscribe-library.js'
import type { SubscribeKeyword, SubscribeLibraryTemplate } from './subscribe-library.js'

/** A template the account picked, as `gettemplate` lists it. */
export interface SubscribeTemplate {
  readonly priTmplId: string
  readonly title: string
  readonly content: string
  readonly example: string
  readonly type: 2 | 3
}

/** Private template ids are 43 characters, like template-message ids [inferred]. */
export const PRI_TMPL_ID_LENGTH = 43

/** How many templates an account may keep [inferred: the mini-program limit, 50]. */
export const MAX_SUBSCRIBE_TEMPLATES = 50

interface AccountSubscriptions {
  readonly templates: Map<string, SubscribeTemplate>
  /** `${openid} ${priTmplId}` → acceptances left (Infinity for a long-term template). */
  readonly accepted: Map<string, number>
}

/** All accounts' subscription templates and acceptances. */
export class SubscribeStore {
  readonly #accounts = new Map<string, AccountSubscriptions>()
  readonly #random: Random

  /** `random` draws template ids and msgids. */
  constructor(random: Random) {
    this.#random = random
  }

  /** Adds a template made of `keywords` of library `entry`, in their order; returns it. */
  add(
    appid: string,
    entry: SubscribeLibraryTemplate,
    keywords: readonly SubscribeKeyword[],
  ): SubscribeTemplate {
    const template: SubscribeTemplate = {
      priTmplId: randomToken(this.#random, PRI_TMPL_ID_LENGTH),
      title: entry.title,
      content: keywords.map((k) => `${k.name}:{{${keywordKey(k)}.DATA}}`).join('\n'),
      example: keywords.map((k) => `${k.name}:${k.example}`).join('\n'),
      type: entry.type,
    }
    this.#of(appid).templates.set(template.priTmplId, template)
    return template
  }

  /** The account's templates, oldest first. */
  list(appid: string): SubscribeTemplate[] {
    return [...this.#of(appid).templates.values()]
  }

  /** A template of the account, or `undefined`. */
  get(appid: string, priTmplId: string): SubscribeTemplate | undefined {
    return this.#of(appid).templates.get(priTmplId)
  }

  /** Whether it existed; the fans' acceptances of it go with it. */
  delete(appid: string, priTmplId: string): boolean {
    const account = this.#of(appid)
    for (const key of account.accepted.keys())
      if (key.endsWith(` ${priTmplId}`)) account.accepted.delete(key)
    return account.templates.delete(priTmplId)
  }

  /**
   * Records that `openid` accepted template `priTmplId` in WeChat's pop-up (a test helper, as
   * the fan's tap would): one more notice for a one-time template, every notice for a long-term
   * one. Throws when the account has no such template.
   */
  accept(appid: string, openid: string, priTmplId: string): void {
    const account = this.#of(appid)
    const template = account.templates.get(priTmplId)
    if (!template) throw new Error(`${appid} has no subscribe template ${priTmplId}`)
    const key = `${openid} ${priTmplId}`
    const left = account.accepted.get(key) ?? 0
    account.accepted.set(key, template.type === 3 ? Infinity : left + 1)
  }

  /** Spends one acceptance of `openid` for `priTmplId`; false when there is none. */
  spend(appid: string, openid: string, priTmplId: string): boolean {
    const account = this.#of(appid)
    const key = `${openid} ${priTmplId}`
    const left = account.accepted.get(key) ?? 0
    if (left <= 0) return false
    if (left === 1) account.accepted.delete(key)
    else account.accepted.set(key, left - 1)
    return true
  }

  /** The notices `openid` may still be sent with `priTmplId` (Infinity for long-term). */
  acceptances(appid: string, openid: string, priTmplId: string): number {
    return this.#of(appid).accepted.get(`${openid} ${priTmplId}`) ?? 0
  }

  /** A new 64-bit msgid. */
  nextMsgid(): string {
    return randomId64(this.#random)
  }

  #of(appid: string): AccountSubscriptions {
    const key = appid.toLowerCase()
    let account = this.#accounts.get(key)
    if (!account) this.#accounts.set(key, (account = { templates: new Map(), accepted: new Map() }))
    return account
  }
}
