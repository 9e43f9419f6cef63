/** Everything the emulated platform remembers, in memory. */
import { AccountConfigSchema } from '@wxmp/core'
import type { AccountConfig, Clock } from '@wxmp/core'
import type { RequestOf } from '@wxmp/spec'
import { CsWindows } from './cs-windows.js'
import { FanStore } from './fans.js'
import { FaultPlan } from './faults.js'
import { IpWhitelists } from './ip-whitelist.js'
import { KfAccountStore } from './kf-accounts.js'
import { MassStore } from './mass-store.js'
import { MediaStore } from './media-store.js'
import { OAuthStore } from './oauth-store.js'
import type { MediaFile } from './media-store.js'
import { NewsBox } from './news-box.js'
import { MenuStore } from './menu-store.js'
import { PushOutbox } from './outbox.js'
import { PublishStore } from './publish-store.js'
import { QrCodeStore } from './qrcode-store.js'
import { QuotaLedger } from './quota.js'
import type { Random } from './random.js'
import { ReceivedLog } from './received.js'
import { ShortLinkStore } from './short-link-store.js'
import { SubscribeStore } from './subscribe-store.js'
import { TagStore } from './tag-store.js'
import { TicketStore } from './ticket-store.js'
import { TemplateStore } from './template-store.js'
import { TokenStore } from './tokens.js'

/** A default menu as `menu/create` accepted it. */
export type MenuButtons = RequestOf<'menu.create'>['button']

/** The platform's memory: accounts, tokens, quota counters, menus, fans and tags. */
export interface EmulatorState {
  readonly clock: Clock
  readonly random: Random
  /** Configured accounts by (lower-case) AppID. */
  readonly accounts: ReadonlyMap<string, AccountConfig>
  readonly tokens: TokenStore
  readonly quota: QuotaLedger
  /** Default menus by AppID; absent when none was created or it was deleted. */
  readonly menus: Map<string, MenuButtons>
  /** Menu ids (the default menu's too) and conditional menus by AppID (§6.1). */
  readonly conditionalMenus: MenuStore
  /** Followers and blacklists by AppID; each configured account starts with demo fans. */
  readonly fans: FanStore
  /** Follower tags by AppID. */
  readonly tags: TagStore
  /** Temporary media (3 days) and permanent material by AppID. */
  readonly media: MediaStore
  /**
   * The draft box by AppID (§6.4). `drafts.has(appid, mediaId)` tells whether a media_id is a
   * draft of the account (mass `mpnews` sends take one); `drafts.remove` takes a sent draft out.
   */
  readonly drafts: NewsBox
  /** Legacy permanent news material (`material/add_news`) by AppID. */
  readonly newsMaterial: NewsBox
  /** Published drafts (`freepublish/*`) by AppID. */
  readonly publications: PublishStore
  /** Job-finished events handlers leave for the push engine to deliver. */
  readonly outbox: PushOutbox
  /** Template, customer-service and mass messages each fan received. */
  readonly received: ReceivedLog
  /** Customer-service windows the fans' interactions opened (§6.8). */
  readonly windows: CsWindows
  /** Failures planned for the next calls of API paths (`/__emulator/faults`). */
  readonly faults: FaultPlan
  /** API IP whitelists by AppID (§5.1); none by default. */
  readonly ipWhitelists: IpWhitelists
  /** JS-SDK tickets (`jsapi`, `wx_card`) by AppID (§6.12). */
  readonly tickets: TicketStore
  /** Customer-service accounts (客服账号) by AppID, with test helpers for their workers. */
  readonly kfAccounts: KfAccountStore
  /** Private templates, industries and template refusals by AppID (§6.6, §6.7). */
  readonly templates: TemplateStore
  /** Mass-send jobs, speeds and the news and videos uploaded for them by AppID (§6.5). */
  readonly mass: MassStore
  /** Parametric QR codes by ticket (§6.10); `resolve` tells the push engine what a scan means. */
  readonly qrcodes: QrCodeStore
  /** OAuth2 codes, web access_tokens and refresh_tokens (§6.11). */
  readonly oauth: OAuthStore
  /** Short keys (短key托管) by AppID, until they expire on the clock. */
  readonly shortLinks: ShortLinkStore
  /**
   * Subscription-notice templates (订阅通知) by AppID, and the fans' acceptances of them;
   * `subscriptions.accept(appid, openid, priTmplId)` is the fan's tap in WeChat's pop-up.
   */
  readonly subscriptions: SubscribeStore
  /**
   * Keeps a file as temporary media of `appid` (a fan's inbound image, voice, …) for 3 days on
   * the clock, as `media/upload` would; returns its media_id for `media/get`.
   */
  registerTemporaryMedia(appid: string, file: MediaFile): string
  /**
   * Changes an account's settings as the console would (a new EncodingAESKey, another encryption
   * mode or push URL); the next push uses them. Validated like the config file (throws an Error
   * naming the field); the AppID cannot change.
   */
  updateAccount(appid: string, changes: AccountChanges): AccountConfig
}

/** The settings `updateAccount` can change. */
export type AccountChanges = Partial<Omit<AccountConfig, 'appid'>>

/**
 * The random streams a state draws from. `main` draws tokens and rids; every other stream is a
 * concern of its own, so adding fans, uploading, publishing, sending, making QR codes or
 * authorizing in a test does not shift the tokens and rids a seed reproduces.
 */
export interface StateStreams {
  readonly main: Random
  /** Demo fans and new OpenIDs. */
  readonly fans: Random
  /** media_ids, image URLs, the article pipeline's ids and addresses. */
  readonly media: Random
  /** Template ids, msgids and mass-send media_ids. */
  readonly messages: Random
  /** QR code tickets and URLs. */
  readonly qr: Random
  /** OAuth codes and web tokens. */
  readonly oauth: Random
}

/**
 * A fresh state for `accounts`, each with its demo fans and templates, except the accounts
 * `seeded` refuses: a snapshot restores those (see `snapshot/`).
 */
export function createState(
  accounts: readonly AccountConfig[],
  clock: Clock,
  streams: StateStreams,
  seeded: (appid: string) => boolean = () => true,
): EmulatorState {
  const fans = new FanStore(clock, streams.fans)
  const media = new MediaStore(clock, streams.media)
  const templates = new TemplateStore(streams.messages)
  for (const account of accounts) {
    if (!seeded(account.appid)) continue
    fans.seed(account.appid)
    templates.seed(account.appid)
  }
  const accountMap = new Map(accounts.map((account) => [account.appid.toLowerCase(), account]))
  return {
    clock,
    random: streams.main,
    accounts: accountMap,
    tokens: new TokenStore(clock, streams.main),
    quota: new QuotaLedger(),
    menus: new Map(),
    conditionalMenus: new MenuStore(),
    fans,
    tags: new TagStore(),
    media,
    drafts: new NewsBox(clock, streams.media),
    newsMaterial: new NewsBox(clock, streams.media),
    publications: new PublishStore(clock, streams.media),
    outbox: new PushOutbox(),
    received: new ReceivedLog(),
    windows: new CsWindows(),
    faults: new FaultPlan(),
    ipWhitelists: new IpWhitelists(),
    tickets: new TicketStore(clock, streams.main),
    kfAccounts: new KfAccountStore(clock),
    templates,
    mass: new MassStore(clock, streams.messages),
    qrcodes: new QrCodeStore(clock, streams.qr),
    oauth: new OAuthStore(clock, streams.oauth),
    shortLinks: new ShortLinkStore(clock, streams.qr),
    subscriptions: new SubscribeStore(streams.messages),
    registerTemporaryMedia: (appid, file) => media.addTemporary(appid, file).mediaId,
    updateAccount: (appid, changes) => {
      const key = appid.toLowerCase()
      const current = accountMap.get(key)
      if (!current) throw new Error(`no account ${appid}`)
      const parsed = AccountConfigSchema.safeParse({ ...current, ...changes, appid: current.appid })
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new Error(`account ${appid}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`)
      }
      accountMap.set(key, parsed.data)
      return parsed.data
    },
  }
}
