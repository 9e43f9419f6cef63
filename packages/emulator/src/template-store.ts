/**
 * Each account's template messages (§6.6, §6.7): its private templates, its two industries, the
 * fans who refuse its templates, and the `client_msg_id`s of recent sends. Accounts start with
 * two demo templates drawn from the library, their ids from a random stream of their own.
 */
import { randomId64 } from './message-ids.js'
import type { Random } from './random.js'
import { randomToken } from './random.js'
import type { KeepAccount } from './snapshot/keep-account.js'
import {
  DEFAULT_INDUSTRY_IDS,
  DEMO_TEMPLATE_SHORT_IDS,
  contentOf,
  exampleOf,
  libraryTemplate,
} from './template-library.js'
import type { LibraryTemplate, TemplateKeyword } from './template-library.js'

/** A private template as `get_all_private_template` lists it. */
export interface PrivateTemplate {
  readonly template_id: string
  readonly title: string
  readonly primary_industry: string
  readonly deputy_industry: string
  readonly content: string
  readonly example: string
}

/** Template ids are 43 characters of the token alphabet (the docs' examples). */
export const TEMPLATE_ID_LENGTH = 43

/**
 * How long a `client_msg_id` de-duplicates sends to the same fan: 10 minutes (the send doc's
 * "10 分钟有效"; the reference only calls it an idempotency key).
 */
export const CLIENT_MSG_ID_TTL_MS = 10 * 60_000

/**
 * Each account's templates (oldest first), industries, refusing fans and recent
 * `client_msg_id`s (keyed `${openid} ${client_msg_id}`).
 */
export interface TemplateSnapshot {
  readonly accounts: readonly {
    readonly appid: string
    readonly templates: readonly PrivateTemplate[]
    readonly industryIds: readonly [string, string]
    readonly refusing: readonly string[]
    readonly sent: readonly (readonly [key: string, sent: SentKey])[]
  }[]
}

/** A `client_msg_id`'s first send. */
export interface SentKey {
  readonly msgid: string
  readonly at: number
}

interface AccountTemplates {
  readonly templates: Map<string, PrivateTemplate>
  industryIds: readonly [string, string]
  readonly refusing: Set<string>
  /** `${openid} ${client_msg_id}` → the first send. */
  readonly sent: Map<string, SentKey>
}

/** All accounts' templates. */
export class TemplateStore {
  readonly #accounts = new Map<string, AccountTemplates>()
  readonly #random: Random

  /** `random` draws template ids and msgids; a stream of its own keeps seeded tokens stable. */
  constructor(random: Random) {
    this.#random = random
  }

  /** Gives `appid` its demo templates (called once per configured account, in order). */
  seed(appid: string): void {
    for (const shortId of DEMO_TEMPLATE_SHORT_IDS) {
      const entry = libraryTemplate(shortId)
      if (entry) this.add(appid, entry, entry.keywords)
    }
  }

  /** Adds a private template made of `keywords` of library `entry`; returns it. */
  add(
    appid: string,
    entry: LibraryTemplate,
    keywords: readonly TemplateKeyword[],
  ): PrivateTemplate {
    const template: PrivateTemplate = {
      template_id: randomToken(this.#random, TEMPLATE_ID_LENGTH),
      title: entry.title,
      primary_industry: entry.primaryIndustry,
      deputy_industry: entry.deputyIndustry,
      content: contentOf(keywords),
      example: exampleOf(keywords),
    }
    this.#of(appid).templates.set(template.template_id, template)
    return template
  }

  /** The account's templates, oldest first. */
  list(appid: string): PrivateTemplate[] {
    return [...this.#of(appid).templates.values()]
  }

  /** A template of the account, or `undefined`. */
  get(appid: string, templateId: string): PrivateTemplate | undefined {
    return this.#of(appid).templates.get(templateId)
  }

  /** Whether it existed. */
  delete(appid: string, templateId: string): boolean {
    return this.#of(appid).templates.delete(templateId)
  }

  /** The account's industry ids, primary then secondary. */
  industryIds(appid: string): readonly [string, string] {
    return this.#of(appid).industryIds
  }

  /** Sets the account's industries; the caller has checked the ids. */
  setIndustryIds(appid: string, primary: string, secondary: string): void {
    this.#of(appid).industryIds = [primary, secondary]
  }

  /**
   * Makes `openid` refuse (or accept again) the account's template messages, as a fan does from
   * the chat's settings; sends to them answer 43101. For tests.
   */
  setRefusing(appid: string, openid: string, refusing = true): void {
    const set = this.#of(appid).refusing
    if (refusing) set.add(openid)
    else set.delete(openid)
  }

  /** Whether `openid` refuses the account's templates. */
  isRefusing(appid: string, openid: string): boolean {
    return this.#of(appid).refusing.has(openid)
  }

  /** A new 64-bit msgid. */
  nextMsgid(): string {
    return randomId64(this.#random)
  }

  /** The msgid of a send to `openid` with `clientMsgId` within the last 10 minutes at `now`. */
  sentWith(appid: string, openid: string, clientMsgId: string, now: number): string | undefined {
    const sent = this.#of(appid).sent.get(`${openid} ${clientMsgId}`)
    return sent && now - sent.at < CLIENT_MSG_ID_TTL_MS ? sent.msgid : undefined
  }

  /** Remembers a send's `client_msg_id` for 10 minutes. */
  rememberSent(
    appid: string,
    openid: string,
    clientMsgId: string,
    msgid: string,
    now: number,
  ): void {
    this.#of(appid).sent.set(`${openid} ${clientMsgId}`, { msgid, at: now })
  }

  /** The templates as plain data. */
  snapshot(): TemplateSnapshot {
    return {
      accounts: [...this.#accounts].map(([appid, account]) => ({
        appid,
        templates: [...account.templates.values()],
        industryIds: account.industryIds,
        refusing: [...account.refusing],
        sent: [...account.sent],
      })),
    }
  }

  /** Loads a snapshot into this (fresh) store, the accounts `keep` refuses left out. */
  restore(data: TemplateSnapshot, keep: KeepAccount): void {
    for (const { appid, templates, industryIds, refusing, sent } of data.accounts) {
      if (!keep(appid)) continue
      this.#accounts.set(appid, {
        templates: new Map(templates.map((template) => [template.template_id, template])),
        industryIds: [industryIds[0], industryIds[1]],
        refusing: new Set(refusing),
        sent: new Map(sent),
      })
    }
  }

  #of(appid: string): AccountTemplates {
    const key = appid.toLowerCase()
    let account = this.#accounts.get(key)
    if (!account) {
      account = {
        templates: new Map(),
        industryIds: DEFAULT_INDUSTRY_IDS,
        refusing: new Set(),
        sent: new Map(),
      }
      this.#accounts.set(key, account)
    }
    return account
  }
}
