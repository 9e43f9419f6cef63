/**
 * A late-reply sink for `@wxmp/webhook` that sends through the customer-service API (§6.8): a
 * reply the webhook could not give within WeChat's 5 s (§3) reaches the fan as a customer-service
 * message while their window is open, and is recorded as undeliverable when it is not.
 */
import { isWxApiError, ERRCODE } from '@wxmp/core'
import type { InboundMessage, Reply, RequestOf } from '@wxmp/spec'
import type { Client } from '../client.js'

/** A customer-service message body. */
export type CustomMessage = RequestOf<'customService.send'>

/**
 * A reply the webhook could not deliver in time. The same shape as `@wxmp/webhook`'s `LateReply`
 * (restated so the SDK does not depend on the webhook package).
 */
export interface LateReplyInput {
  /** The account the push was for. */
  readonly account: { readonly appid: string }
  /** The fan's message or event; its `FromUserName` is the fan. */
  readonly message: InboundMessage
  /** The push's dedupe key. */
  readonly key: string
  /** The reply the handler produced too late. */
  readonly reply: Reply
  /** When the reply became available, ms since the epoch. */
  readonly at: number
}

/** What became of a late reply; `@wxmp/webhook`'s `LateReplyOutcome`. */
export type LateReplyResult = { delivered: true } | { delivered: false; reason: string }

/**
 * Why a reply was not delivered: `window-closed` (45015: no open window, or the fan unfollowed),
 * `quota-exhausted` (45047: the window's messages are spent), `not-following` (43004),
 * `blocked` (48002: the fan turned messages off), `unsupported` (the reply type has no
 * customer-service form), `no-client` (no client for the account), `no-openid` (the push named
 * no fan), `failed` (any other error, e.g. a transient failure the client does not repeat).
 */
export type UndeliverableReason =
  | 'window-closed'
  | 'quota-exhausted'
  | 'not-following'
  | 'blocked'
  | 'unsupported'
  | 'no-client'
  | 'no-openid'
  | 'failed'

/** A late reply that did not reach the fan. */
export interface UndeliverableReply {
  readonly appid: string
  /** The fan, `undefined` when the push named none. */
  readonly openid: string | undefined
  readonly key: string
  readonly reply: Reply
  readonly reason: UndeliverableReason
  /** WeChat's errcode, when WeChat refused the send. */
  readonly errcode: number | undefined
  /** A sentence for logs. */
  readonly detail: string
  /** When the reply became available, ms since the epoch. */
  readonly at: number
}

/** Options of {@link customServiceLateReplies}. */
export interface CustomServiceLateRepliesOptions {
  /** Called for each reply that was not delivered. Exceptions it throws are ignored. */
  readonly onUndeliverable?: (record: UndeliverableReply) => void
  /** How many undeliverable replies `undeliverable` keeps (newest last). Default 1000. */
  readonly maxRecords?: number
  /**
   * The thumbnail (`thumb_media_id`) for video replies: a passive video reply has none, and a
   * customer-service video requires one (§6.8). Without it a video reply is `unsupported`.
   */
  readonly videoThumbMediaId?: string
  /** Send as this customer-service account (`customservice.kf_account`). */
  readonly kfAccount?: string
}

/** The sink: give it to `createWebhook({ lateReplies })`. */
export interface CustomServiceLateReplySink {
  /** Sends `late` to its fan once, or records why it could not. Never throws. */
  deliver(late: LateReplyInput): Promise<LateReplyResult>
  /** The replies that were not delivered, oldest first, at most `maxRecords`. */
  readonly undeliverable: readonly UndeliverableReply[]
}

const REASONS: Readonly<Record<number, UndeliverableReason>> = {
  [ERRCODE.REPLY_WINDOW_CLOSED]: 'window-closed',
  [ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED]: 'quota-exhausted',
  [ERRCODE.REQUIRE_SUBSCRIBE]: 'not-following',
  [ERRCODE.USER_BLOCKED_MESSAGES]: 'blocked',
}

/**
 * A `LateReplySink` that sends each late reply with `client.customService.send`, converting the
 * passive reply to its customer-service msgtype (text, image, voice, video, music, news with its
 * first article). A refusal (window closed or fan gone: 45015; quota spent: 45047; …) is recorded
 * as undeliverable with its reason, never retried: a second send could only meet the same
 * window, and `customService.send` is not idempotent, so the client repeats it on no error.
 * Pass one client, or a lookup by AppID when the webhook serves several accounts.
 *
 * @example
 * const lateReplies = customServiceLateReplies(client, { onUndeliverable: (r) => log.warn(r.detail) })
 * const wh = createWebhook({ accounts, lateReplies })
 */
export function customServiceLateReplies(
  clients: Client | ((appid: string) => Client | undefined),
  options: CustomServiceLateRepliesOptions = {},
): CustomServiceLateReplySink {
  const max = options.maxRecords ?? 1000
  const undeliverable: UndeliverableReply[] = []
  const clientFor =
    typeof clients === 'function'
      ? clients
      : (appid: string) =>
          appid.toLowerCase() === clients.appid.toLowerCase() ? clients : undefined

  const refuse = (
    late: LateReplyInput,
    openid: string | undefined,
    reason: UndeliverableReason,
    detail: string,
    errcode?: number,
  ): LateReplyResult => {
    const record: UndeliverableReply = {
      appid: late.account.appid,
      openid,
      key: late.key,
      reply: late.reply,
      reason,
      errcode,
      detail,
      at: late.at,
    }
    undeliverable.push(record)
    if (undeliverable.length > max) undeliverable.shift()
    try {
      options.onUndeliverable?.(record)
    } catch {
      // A failing callback must not turn a recorded outcome into a sink failure.
    }
    return { delivered: false, reason: `${reason}: ${detail}` }
  }

  return {
    undeliverable,
    async deliver(late) {
      const openid = fromUserOf(late.message)
      if (openid === undefined)
        return refuse(late, openid, 'no-openid', 'the push names no FromUserName')
      const client = clientFor(late.account.appid)
      if (client === undefined)
        return refuse(late, openid, 'no-client', `no client for account ${late.account.appid}`)
      const converted = customMessageOf(late.reply, openid, options)
      if (typeof converted === 'string') return refuse(late, openid, 'unsupported', converted)
      try {
        await client.customService.send(converted)
        return { delivered: true }
      } catch (err) {
        if (isWxApiError(err))
          return refuse(
            late,
            openid,
            REASONS[err.errcode] ?? 'failed',
            `WeChat answered ${err.errcode}: ${err.errmsg || err.key}`,
            err.errcode,
          )
        return refuse(late, openid, 'failed', err instanceof Error ? err.message : String(err))
      }
    },
  }
}

/**
 * The customer-service message (§6.8) that carries passive reply `reply` to `openid`, or a
 * sentence saying why it has none (`transfer_customer_service`, a news reply without articles, a
 * video without `videoThumbMediaId`). A news reply keeps its first article: customer-service news
 * carries one (45008 beyond).
 */
export function customMessageOf(
  reply: Reply,
  openid: string,
  options: Pick<CustomServiceLateRepliesOptions, 'videoThumbMediaId' | 'kfAccount'> = {},
): CustomMessage | string {
  const common = {
    touser: openid,
    ...(options.kfAccount === undefined
      ? {}
      : { customservice: { kf_account: options.kfAccount } }),
  }
  switch (reply.type) {
    case 'text':
      return { ...common, msgtype: 'text', text: { content: reply.Content } }
    case 'image':
      return { ...common, msgtype: 'image', image: { media_id: reply.Image.MediaId } }
    case 'voice':
      return { ...common, msgtype: 'voice', voice: { media_id: reply.Voice.MediaId } }
    case 'video': {
      if (options.videoThumbMediaId === undefined)
        return 'a customer-service video needs a thumbnail: set videoThumbMediaId'
      const { MediaId, Title, Description } = reply.Video
      return {
        ...common,
        msgtype: 'video',
        video: {
          media_id: MediaId,
          thumb_media_id: options.videoThumbMediaId,
          ...defined({ title: Title, description: Description }),
        },
      }
    }
    case 'music': {
      const { Title, Description, MusicUrl, HQMusicUrl, ThumbMediaId } = reply.Music
      // Both URLs are required here and optional in the passive reply: each stands in for the other.
      return {
        ...common,
        msgtype: 'music',
        music: {
          ...defined({ title: Title, description: Description }),
          musicurl: MusicUrl ?? HQMusicUrl ?? '',
          hqmusicurl: HQMusicUrl ?? MusicUrl ?? '',
          thumb_media_id: ThumbMediaId,
        },
      }
    }
    case 'news': {
      const article = reply.Articles[0]
      if (article === undefined) return 'a news reply without articles'
      return {
        ...common,
        msgtype: 'news',
        news: {
          articles: [
            {
              title: article.Title,
              description: article.Description,
              url: article.Url,
              picurl: article.PicUrl,
            },
          ],
        },
      }
    }
    case 'transfer_customer_service':
      return 'a transfer to customer service has no customer-service message; it must be the passive reply'
  }
}

function defined<T extends Record<string, string | undefined>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>
}

// Typed messages carry FromUserName at the top; unknown and invalid ones only in `raw`.
function fromUserOf(message: InboundMessage): string | undefined {
  const m = message as unknown as Record<string, unknown>
  const raw = m.raw as Record<string, unknown> | undefined
  const value = m.FromUserName ?? raw?.FromUserName
  return typeof value === 'string' && value !== '' ? value : undefined
}
