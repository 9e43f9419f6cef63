/**
 * The push engine (§2–§4, §8): delivers fans' messages and events, and the job-finished events
 * handlers leave in the outbox, to each account's webhook exactly as WeChat does — header filled,
 * query signed, body encrypted per the account's mode, 5 s timeout with identical re-sends, the
 * reply decoded and checked.
 */
import type { AccountConfig } from '@wxmp/core'
import { buildPush, createMessageCipher } from '@wxmp/crypto'
import type { MessageKey } from '@wxmp/spec'
import type { SubscribeScene } from '../fans.js'
import type { PendingPush } from '../outbox.js'
import type { Random } from '../random.js'
import { randomToken } from '../random.js'
import type { EmulatorState } from '../state.js'
import { applyInteraction, recordNotice, recordReply } from './fan-effects.js'
import { fileFor, isMediaKind, placeholderThumb, voiceFormatOf } from './fan-media.js'
import type { FanFile } from './fan-media.js'
import {
  checkFanMessage,
  completeMessage,
  followingNeeded,
  isNormalMessage,
} from './fan-message.js'
import type { FanMessage, PushHeader } from './fan-message.js'
import { CreateTimes, MsgIds, originalIdOf, randomNonce } from './header.js'
import { sendWithRetries } from './http-delivery.js'
import type { FetchLike } from './http-delivery.js'
import { JobEventTimer } from './job-event-timer.js'
import { PushError } from './push-error.js'
import type { PushReport, PushSource } from './report.js'
import { UNAVAILABLE_NOTICE, decodeAnswer } from './reply-decoding.js'

/** Where pushes go when neither the emulator nor the account names a URL. */
export const DEFAULT_PUSH_URL = 'http://127.0.0.1:8080/wx'

/** How many reports `reports()` keeps (the newest). */
export const KEPT_REPORTS = 1000

/** What the engine is built from (`createEmulator` passes its options through). */
export interface PushEngineOptions {
  readonly state: EmulatorState
  /** A random stream of the engine's own: MsgIds, nonces, PicUrls. */
  readonly random: Random
  /** Overrides every account's `pushUrl`. */
  readonly pushUrl?: string | undefined
  /** Defaults to the global `fetch`. */
  readonly fetch?: FetchLike | undefined
  /** Deliver outbox events when they fall due on the clock. */
  readonly deliverJobEvents: boolean
}

/**
 * What the engine keeps across a restart: the last MsgId and each sender's last CreateTime, so
 * neither repeats. Reports and deliveries in flight are not kept.
 */
export interface PushCountersSnapshot {
  readonly msgId: string
  readonly createTimes: readonly (readonly [key: string, last: number])[]
}

/** A fan's push, as a test or the inspection API asks for it. */
export interface PushInput {
  /** The account; defaults to the first configured one. Case-insensitive. */
  readonly appid?: string | undefined
  /** The sender: a fan the account knows. */
  readonly openid: string
  readonly message: FanMessage
  /** The file of an image, voice, video or short-video message; a placeholder when omitted. */
  readonly file?: FanFile | undefined
  /**
   * For `event.subscribe`: how the fan came. Default ([inferred]): `ADD_SCENE_QR_CODE` when the
   * EventKey is `qrscene_…`, else `ADD_SCENE_OTHERS`.
   */
  readonly scene?: SubscribeScene | undefined
}

/** Delivers pushes to the accounts' webhooks. */
export class PushEngine {
  readonly #state: EmulatorState
  readonly #random: Random
  readonly #pushUrl: string | undefined
  readonly #fetch: FetchLike
  readonly #createTimes = new CreateTimes()
  readonly #msgIds: MsgIds
  readonly #inFlight = new Set<Promise<unknown>>()
  readonly #reports: PushReport[] = []
  readonly #jobs: JobEventTimer | undefined
  // Batches of due events go out one after another, so they reach the webhook in due order.
  #jobChain: Promise<void> = Promise.resolve()

  constructor(options: PushEngineOptions) {
    this.#state = options.state
    this.#random = options.random
    this.#pushUrl = options.pushUrl
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init))
    this.#msgIds = new MsgIds(options.random)
    this.#jobs = options.deliverJobEvents
      ? new JobEventTimer(options.state, (due) => {
          this.#jobChain = this.#track(this.#jobChain.then(() => this.#deliverJobEvents(due)))
        })
      : undefined
  }

  /**
   * Pushes a fan's message or event. Refuses (PushError, before anything changes) an unknown
   * account or fan, an invalid message, a message or menu event from a non-follower and a
   * follow from a follower. The interaction's effects (following, windows, the fan's file as
   * temporary media) apply before the POST; the reply is recorded in `state.received`.
   */
  async push(input: PushInput): Promise<PushReport> {
    // The checks and effects in #pushFan run before this method first awaits.
    return this.#track(this.#pushFan(input))
  }

  /** Where pushes to `appid` go: the emulator's `pushUrl`, else the account's, else the default. */
  urlFor(appid: string): string {
    return this.#pushUrl ?? this.#account(appid).pushUrl ?? DEFAULT_PUSH_URL
  }

  /** The account's `ToUserName` (its original id, or the one derived from the AppID). */
  originalIdFor(appid: string): string {
    return originalIdOf(this.#account(appid))
  }

  /** The newest reports (up to `KEPT_REPORTS`), oldest first: fan pushes and job events alike. */
  reports(): readonly PushReport[] {
    return [...this.#reports]
  }

  /** Resolves once no delivery is in flight (deliveries started meanwhile are waited for too). */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight])
  }

  /** The MsgId counter and CreateTime memory, as plain data. */
  snapshot(): PushCountersSnapshot {
    return { msgId: this.#msgIds.current, createTimes: this.#createTimes.snapshot() }
  }

  /** Goes on from a previous run's counters (before any push). */
  restore(data: PushCountersSnapshot): void {
    this.#msgIds.restore(data.msgId)
    this.#createTimes.restore(data.createTimes)
  }

  /** Stops delivering outbox events (deliveries in flight finish). */
  close(): void {
    this.#jobs?.close()
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#inFlight.add(promise)
    const done = (): void => {
      this.#inFlight.delete(promise)
    }
    promise.then(done, done)
    return promise
  }

  #account(appid: string): AccountConfig {
    const account = this.#state.accounts.get(appid.toLowerCase())
    if (!account) throw new PushError('unknown-account', `no account ${appid} in the emulator`)
    return account
  }

  /** The checks and effects run synchronously, so concurrent pushes apply in call order. */
  #pushFan(input: PushInput): Promise<PushReport> {
    const account = this.#account(input.appid ?? this.#firstAppid())
    const { appid } = account
    const { openid, message } = input
    const fan = this.#state.fans.get(appid, openid)
    if (!fan) throw new PushError('unknown-fan', `${appid} has no fan ${openid}`)
    checkFanMessage(message)
    const kind = message.kind
    const needed = followingNeeded(kind)
    if (needed === 'following' && !fan.subscribed)
      throw new PushError(
        'not-allowed',
        `${openid} does not follow ${appid}, so cannot send ${kind}`,
      )
    if (needed === 'not-following' && fan.subscribed)
      throw new PushError('not-allowed', `${openid} already follows ${appid}`)

    if (input.file !== undefined && !isMediaKind(kind))
      throw new PushError('invalid-message', `a ${kind} message carries no file`)
    const fields: Record<string, unknown> & { kind: MessageKey } = { ...message }
    const media = isMediaKind(kind) ? fileFor(kind, input.file) : undefined
    if (media !== undefined) this.#fillMediaDefaults(fields, media.contentType)
    // Checked with a placeholder header first, so a refused message uses no CreateTime, MsgId
    // or media.
    const pending = media === undefined ? {} : { MediaId: 'pending', ThumbMediaId: 'pending' }
    completeMessage(
      { ...pending, ...fields },
      {
        ToUserName: originalIdOf(account),
        FromUserName: openid,
        CreateTime: 0,
        ...(isNormalMessage(kind) ? { MsgId: '0' } : {}),
      },
    )

    if (media !== undefined) {
      fields.MediaId ??= this.#state.registerTemporaryMedia(appid, media)
      if (kind === 'video' || kind === 'shortvideo')
        fields.ThumbMediaId ??= this.#state.registerTemporaryMedia(appid, placeholderThumb())
    }
    const createTime = this.#createTimes.next(appid, openid, this.#state.clock.now())
    const header = this.#header(account, openid, createTime, kind)
    const complete = completeMessage(fields, header)
    const qr = typeof fields.EventKey === 'string' && fields.EventKey.startsWith('qrscene_')
    const scene = input.scene ?? (qr ? 'ADD_SCENE_QR_CODE' : 'ADD_SCENE_OTHERS')
    applyInteraction(this.#state, appid, openid, kind, scene)
    return this.#deliver(account, 'fan', openid, complete)
  }

  /** PicUrl, Format and the media ids left to the platform get placeholders until allocated. */
  #fillMediaDefaults(fields: Record<string, unknown>, contentType: string): void {
    if (fields.kind === 'image')
      fields.PicUrl ??= `http://mmbiz.qpic.cn/mmbiz_jpg/${randomToken(this.#random, 40)}/0`
    if (fields.kind === 'voice') fields.Format ??= voiceFormatOf(contentType)
  }

  #header(
    account: AccountConfig,
    sender: string,
    createTime: number,
    kind: MessageKey,
  ): PushHeader {
    const header = {
      ToUserName: originalIdOf(account),
      FromUserName: sender,
      CreateTime: createTime,
    }
    return isNormalMessage(kind) ? { ...header, MsgId: this.#msgIds.next() } : header
  }

  #firstAppid(): string {
    const first = this.#state.accounts.keys().next()
    if (first.done) throw new PushError('unknown-account', 'the emulator has no accounts')
    return first.value
  }

  /** Delivers due outbox events one after another, in due order; never rejects. */
  async #deliverJobEvents(due: readonly PendingPush[]): Promise<void> {
    for (const pending of due) {
      const account = this.#state.accounts.get(pending.appid)
      if (!account) continue
      const { kind, ...rest } = pending.event
      const { FromUserName, ...fields } = rest as Record<string, unknown>
      const sender = typeof FromUserName === 'string' ? FromUserName : ''
      try {
        const createTime = this.#createTimes.next(account.appid, sender, this.#state.clock.now())
        const header = this.#header(account, sender, createTime, kind)
        await this.#deliver(account, 'outbox', sender, completeMessage({ ...fields, kind }, header))
      } catch (error) {
        // A handler's bug (an event WeChat could not send): kept as a report, not thrown into a
        // timer where nobody would see it.
        this.#keep(this.#refusedReport(account.appid, kind, sender, error))
      }
    }
  }

  async #deliver(
    account: AccountConfig,
    source: PushSource,
    openid: string,
    { message, xml }: ReturnType<typeof completeMessage>,
  ): Promise<PushReport> {
    const state = this.#state
    const mode = account.encryptMode
    // The key in use when the push leaves: the reply must come back in it ([inferred]).
    const aesKey = account.aesKey
    const built = buildPush({
      token: account.token,
      appId: account.appid,
      aesKey,
      mode,
      xml,
      openid,
      timestamp: Math.floor(state.clock.now() / 1000),
      nonce: randomNonce(this.#random),
    })
    const base = this.urlFor(account.appid)
    const url = `${base}${base.includes('?') ? '&' : '?'}${built.query}`
    const outcome = await sendWithRetries(this.#fetch, state.clock, url, built.body)
    const common = {
      source,
      appid: account.appid,
      kind: message.kind,
      openid,
      message,
      xml,
      url,
      body: built.body,
      attempts: outcome.attempts,
    }

    let report: PushReport
    if (outcome.answered === undefined) {
      const last = outcome.attempts.at(-1)
      const failure = last?.error ?? `HTTP ${String(last?.status)}`
      report = { ...common, acknowledged: false, reply: null, failure, notice: UNAVAILABLE_NOTICE }
    } else {
      const decoded = decodeAnswer(outcome.answered.body, {
        mode,
        token: account.token,
        cipher:
          mode === 'plain' || aesKey === undefined
            ? undefined
            : createMessageCipher({ appId: account.appid, aesKey }),
        fan: openid,
        originalId: originalIdOf(account),
      })
      report = decoded.ok
        ? { ...common, acknowledged: true, reply: decoded.reply }
        : {
            ...common,
            acknowledged: false,
            reply: null,
            failure: `malformed reply: ${decoded.problem}`,
            notice: UNAVAILABLE_NOTICE,
          }
    }
    // Only a fan's own interaction has someone to show a reply or the error notice to.
    if (source === 'fan') {
      if (report.reply) recordReply(state, account.appid, openid, message.kind, report.reply)
      else if (report.notice) recordNotice(state, account.appid, openid, report.notice)
    }
    this.#keep(report)
    return report
  }

  #refusedReport(appid: string, kind: MessageKey, openid: string, error: unknown): PushReport {
    return {
      source: 'outbox',
      appid,
      kind,
      openid,
      message: { kind } as PushReport['message'],
      xml: '',
      url: '',
      body: '',
      attempts: [],
      acknowledged: false,
      reply: null,
      failure: `not sent: ${error instanceof Error ? error.message : String(error)}`,
    }
  }

  #keep(report: PushReport): void {
    this.#reports.push(report)
    if (this.#reports.length > KEPT_REPORTS) this.#reports.shift()
  }
}
