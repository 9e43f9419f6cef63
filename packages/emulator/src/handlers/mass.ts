/**
 * Mass sends (群发, §6.5): send to all followers or a tag, to a list of OpenIDs, or preview to
 * one follower; query, delete and pace the jobs; upload the news and videos they send. A send
 * delivers at once (each follower reached gets a `received` record) and reports with
 * MASSSENDJOBFINISH when the job finishes, its length set by the account's speed.
 */
import { createHash } from 'node:crypto'
import { ERRCODE, beijingMonth } from '@wxmp/core'
import type { ResponseOf, WireRequestOf } from '@wxmp/spec'
import type { HttpAnswer } from '../http-answer.js'
import type { Fan } from '../fans.js'
import { MASS_REALSPEEDS } from '../mass-store.js'
import type { MassJob } from '../mass-store.js'
import { id64Answer } from '../message-ids.js'
import { WechatError, errmsgFor } from '../wechat-error.js'
import { bytes, knownFan } from './fan-rules.js'
import { releaseSentDraft } from './news-media.js'
import { callerOf } from './handler.js'
import type { HandlerContext, Handlers } from './handler.js'
import { checkPayload, precheckMsgtype } from './mass-payload.js'
import type { MassRequest } from './mass-payload.js'

/** `mass/send` takes 2 to 10,000 OpenIDs (§6.5). */
export const MIN_MASS_OPENIDS = 2
export const MAX_MASS_OPENIDS = 10_000

/** Mass messages a follower receives per Beijing calendar month (service accounts, §6.5). */
export const MAX_MASS_PER_MONTH = 4

/** `clientmsgid` is at most 64 bytes (45067 beyond). */
export const MAX_CLIENTMSGID_BYTES = 64

/** A repeated clientmsgid within this long of the first send answers 45066, later 45065. */
export const CLIENTMSGID_RETRY_MS = 60_000

/** The shortest job: MASSSENDJOBFINISH comes at least this long after the send ([inferred]). */
export const MIN_MASS_JOB_MS = 1000

/**
 * MASSSENDJOBFINISH's `FromUserName`: the mass-send assistant's WeChat id, as the event's old
 * parameter table names it ([inferred]: its XML sample shows an OpenID-like value instead).
 */
export const MASS_SENDER = 'mphelper'

/** The most articles an uploaded news item holds (45008 beyond, [inferred] legacy news limit). */
export const MAX_NEWS_ARTICLES = 8

const OK = { errcode: 0, errmsg: 'ok' } as const

/** Whom a send targets: the scope and target that key its digest, and the followers reached. */
interface Target {
  readonly scope: string
  readonly target: unknown
  readonly followers: readonly Fan[]
}

/**
 * `sendall`: every follower (`is_to_all`), else the followers of `tag_id`; a missing or unknown
 * tag → 45159 (core's "invalid tag id"; the starred group 2 is a tag like any other).
 */
function sendAllTarget(ctx: HandlerContext, request: WireRequestOf<'mass.sendAll'>): Target {
  const appid = callerOf(ctx)
  const { is_to_all: toAll, tag_id: tagId } = request.filter
  const followers = ctx.state.fans.followers(appid)
  if (toAll) return { scope: 'sendall', target: { is_to_all: true }, followers }
  if (tagId === undefined || !ctx.state.tags.get(appid, tagId))
    throw new WechatError(ERRCODE.INVALID_TAG_ID)
  return {
    scope: 'sendall',
    target: { tag_id: tagId },
    followers: followers.filter((fan) => fan.tags.includes(tagId)),
  }
}

/**
 * `send`: fewer than 2 distinct OpenIDs → 40130 (observed errmsg), more than 10,000 → 40032.
 * OpenIDs that are unknown or not following are skipped, not refused ([inferred]): the job's
 * TotalCount counts the followers in the list.
 */
function listTarget(ctx: HandlerContext, request: WireRequestOf<'mass.send'>): Target {
  const appid = callerOf(ctx)
  const openids = [...new Set(request.touser)]
  if (openids.length < MIN_MASS_OPENIDS) throw new WechatError(ERRCODE.OPENID_LIST_TOO_SHORT)
  if (openids.length > MAX_MASS_OPENIDS) throw new WechatError(ERRCODE.INVALID_OPENID_LIST_SIZE)
  const followers = openids
    .map((openid) => ctx.state.fans.get(appid, openid))
    .filter((fan): fan is Fan => fan?.subscribed === true)
  return { scope: 'send', target: request.touser, followers }
}

/**
 * The send's de-duplication key: its clientmsgid, or when omitted a digest of scope, target and
 * message (§6.5: WeChat de-duplicates content sent again without one).
 */
function dedupeKey(request: MassRequest & { clientmsgid?: string }, target: Target): string {
  const clientmsgid = request.clientmsgid
  if (clientmsgid !== undefined && clientmsgid !== '') return `id:${clientmsgid}`
  const {
    clientmsgid: _id,
    send_ignore_reprint: _reprint,
    ...message
  } = request as Record<string, unknown>
  delete message.filter
  delete message.touser
  const text = JSON.stringify([target.scope, target.target, message])
  return `digest:${createHash('sha256').update(text).digest('hex')}`
}

/**
 * 45067 for a clientmsgid over 64 bytes; for a key already used, 45066 within a minute of the
 * first send, else the 45065 answer carrying the first send's msg_id (rendered here and
 * returned, as the pipeline's error envelope has no room for it). `undefined` for a new key.
 */
function repeatAnswer(
  ctx: HandlerContext,
  key: string,
  clientmsgid: string | undefined,
): HttpAnswer | undefined {
  if (clientmsgid !== undefined && bytes(clientmsgid) > MAX_CLIENTMSGID_BYTES)
    throw new WechatError(ERRCODE.CLIENTMSGID_TOO_LONG)
  const appid = callerOf(ctx)
  const first = ctx.state.mass.clientMsgId(appid, key)
  if (!first) return undefined
  // Measured from the first send ([inferred]), so steady retries do eventually learn the msg_id.
  if (ctx.state.clock.now() - first.at < CLIENTMSGID_RETRY_MS)
    throw new WechatError(ERRCODE.CLIENTMSGID_RETRY_TOO_FAST)
  return id64Answer({
    errcode: ERRCODE.CLIENTMSGID_EXISTS,
    errmsg: `${errmsgFor(ERRCODE.CLIENTMSGID_EXISTS)} rid: ${ctx.state.mass.rid()}`,
    msg_id: first.msgId,
  })
}

/** Mass messages `openid` received from `appid` in the Beijing month of `now` (previews excluded). */
function receivedThisMonth(ctx: HandlerContext, openid: string, now: number): number {
  const month = beijingMonth(now)
  return ctx.state.received
    .forFan(callerOf(ctx), openid)
    .filter((message) => message.channel === 'mass' && beijingMonth(message.sentAt) === month)
    .length
}

/**
 * Submits a send and renders its answer: checks the repeat key, the message, then delivers to each follower of the
 * target who is neither blacklisted nor past 4 mass messages this month ([inferred]: those are
 * "filtered", counted in TotalCount but not in FilterCount, as SDKs document the counts), and
 * schedules MASSSENDJOBFINISH for when the job finishes.
 */
function submit(
  ctx: HandlerContext,
  request: WireRequestOf<'mass.send' | 'mass.sendAll'>,
  target: Target,
): HttpAnswer {
  const appid = callerOf(ctx)
  const { state } = ctx
  const now = state.clock.now()
  const key = dedupeKey(request, target)
  const repeat = repeatAnswer(ctx, key, request.clientmsgid)
  if (repeat) return repeat
  const { payload, articles } = checkPayload(ctx, request)

  const blacklist = state.fans.blacklist(appid)
  const reached = target.followers.filter(
    (fan) =>
      !blacklist.has(fan.openid) && receivedThisMonth(ctx, fan.openid, now) < MAX_MASS_PER_MONTH,
  )
  const msgId = state.mass.nextMsgId()
  const msgDataId = articles ? state.mass.nextMsgDataId() : undefined
  for (const fan of reached)
    state.received.record(appid, fan.openid, {
      channel: 'mass',
      msgId,
      msgtype: request.msgtype,
      payload,
      sentAt: now,
      status: 'SEND_SUCCESS',
    })

  // The job lasts as long as the account's speed needs for its recipients, at least 1 s.
  const perMinute = (MASS_REALSPEEDS[state.mass.speed(appid)] ?? 80) * 10_000
  const duration = Math.max(MIN_MASS_JOB_MS, Math.ceil((reached.length * 60_000) / perMinute))
  const job: MassJob = {
    msgId,
    ...(msgDataId === undefined ? {} : { msgDataId }),
    msgtype: request.msgtype,
    recipients: reached.map((fan) => fan.openid),
    createdAt: now,
    finishesAt: now + duration,
    articleUrls: (articles ?? []).map(() => state.mass.articleUrl()),
    deletedArticles: new Set(),
    deleted: false,
  }
  state.mass.addJob(appid, job)
  state.mass.rememberClientMsgId(appid, key, msgId, now)
  state.outbox.schedule(appid, finishEvent(job, target.followers.length), job.finishesAt)
  if (request.msgtype === 'mpnews') releaseSentDraft(state, appid, request.mpnews.media_id)
  const answer: ResponseOf<'mass.send'> = {
    errcode: 0,
    errmsg: 'send job submission success',
    msg_id: msgId,
    ...(msgDataId === undefined ? {} : { msg_data_id: msgDataId }),
  }
  return id64Answer(answer)
}

/** MASSSENDJOBFINISH for `job`: every recipient reached, none failed. */
function finishEvent(job: MassJob, total: number) {
  const sent = job.recipients.length
  const articleBlocks =
    job.articleUrls.length === 0
      ? {}
      : {
          // No originality check is emulated: nothing is judged a reprint (CheckState 1).
          CopyrightCheckResult: { Count: 0, ResultList: [], CheckState: 1 },
          ArticleUrlResult: {
            Count: job.articleUrls.length,
            ResultList: job.articleUrls.map((url, index) => ({
              ArticleIdx: index + 1,
              ArticleUrl: url,
            })),
          },
        }
  return {
    kind: 'event.MASSSENDJOBFINISH',
    FromUserName: MASS_SENDER,
    MsgID: job.msgId,
    Status: 'send success',
    TotalCount: total,
    FilterCount: sent,
    SentCount: sent,
    ErrorCount: 0,
    ...articleBlocks,
  } as const
}

/** A job of the caller by the request's msg_id (string or number); 40059 otherwise. */
function existingJob(ctx: HandlerContext, msgId: string | number): MassJob {
  const job = ctx.state.mass.job(callerOf(ctx), String(msgId))
  if (!job) throw new WechatError(ERRCODE.INVALID_MSG_ID)
  return job
}

/**
 * The 1-based article `mass/delete` names (0 = the whole message): by `url` when given, else
 * `article_idx`; an index past the last article or an unknown URL → 40059 [inferred]. Messages
 * without articles are always deleted whole.
 */
function articleToDelete(job: MassJob, request: WireRequestOf<'mass.delete'>): number {
  if (job.articleUrls.length === 0) return 0
  if (request.url !== undefined && request.url !== '') {
    const index = job.articleUrls.indexOf(request.url)
    if (index < 0) throw new WechatError(ERRCODE.INVALID_MSG_ID)
    return index + 1
  }
  const index = request.article_idx ?? 0
  if (index > job.articleUrls.length) throw new WechatError(ERRCODE.INVALID_MSG_ID)
  return index
}

/** The follower a preview reaches: `towxname` first (as the docs say), else `touser`. */
function previewFan(ctx: HandlerContext, request: WireRequestOf<'mass.preview'>): Fan {
  const openid =
    request.towxname !== undefined
      ? ctx.state.mass.openidOfWxname(callerOf(ctx), request.towxname)
      : request.touser
  // Neither given, or a WeChat id nobody bound: no such user → 40003 [inferred].
  if (openid === undefined) throw new WechatError(ERRCODE.INVALID_OPENID)
  const fan = knownFan(ctx, openid)
  if (!fan.subscribed) throw new WechatError(ERRCODE.REQUIRE_SUBSCRIBE)
  return fan
}

/** 45084 without a speed, 45083 for one outside 0–4 (both before the schema's 47001). */
function precheckSpeed(body: unknown): void {
  if (typeof body !== 'object' || body === null) return
  const speed = (body as { speed?: unknown }).speed
  if (speed === undefined || speed === null) throw new WechatError(ERRCODE.MASS_SPEED_MISSING)
  if (
    typeof speed === 'number' &&
    (!Number.isInteger(speed) || speed < 0 || speed >= MASS_REALSPEEDS.length)
  )
    throw new WechatError(ERRCODE.MASS_SPEED_OUT_OF_RANGE)
}

/** The mass-send endpoints. */
export const massHandlers = {
  'mass.sendAll': {
    precheck: (raw) => precheckMsgtype(raw),
    run: (request, ctx) => submit(ctx, request, sendAllTarget(ctx, request)),
  },
  'mass.send': {
    precheck: (raw) => precheckMsgtype(raw),
    run: (request, ctx) => submit(ctx, request, listTarget(ctx, request)),
  },
  'mass.preview': {
    precheck: (raw) => precheckMsgtype(raw),
    run: (request, ctx) => {
      const fan = previewFan(ctx, request)
      const { payload } = checkPayload(ctx, request)
      const msgId = ctx.state.mass.nextMsgId()
      // A preview is no job: no MASSSENDJOBFINISH, no monthly count ([inferred]).
      ctx.state.received.record(callerOf(ctx), fan.openid, {
        channel: 'preview',
        msgId,
        msgtype: request.msgtype,
        payload,
        sentAt: ctx.state.clock.now(),
        status: 'SEND_SUCCESS',
      })
      const answer: ResponseOf<'mass.preview'> = {
        errcode: 0,
        errmsg: 'preview success',
        msg_id: msgId,
      }
      return id64Answer(answer)
    },
  },
  'mass.delete': {
    run: (request, ctx) => {
      const job = existingJob(ctx, request.msg_id)
      const index = articleToDelete(job, request)
      if (index > 0) job.deletedArticles.add(index)
      // The message is gone once all of its articles are (deleting twice is still ok).
      if (index === 0 || job.deletedArticles.size === job.articleUrls.length) {
        job.deleted = true
        ctx.state.received.setStatus(callerOf(ctx), job.msgId, 'DELETE')
      }
      return OK
    },
  },
  'mass.get': {
    run: (request, ctx) => {
      const job = existingJob(ctx, request.msg_id)
      const answer: ResponseOf<'mass.get'> = {
        msg_id: job.msgId,
        msg_status: ctx.state.mass.statusOf(job, ctx.state.clock.now()),
      }
      return id64Answer(answer)
    },
  },
  'mass.getSpeed': {
    run: (_request, ctx) => {
      const speed = ctx.state.mass.speed(callerOf(ctx))
      return { speed, realspeed: MASS_REALSPEEDS[speed] ?? 0 }
    },
  },
  'mass.setSpeed': {
    precheck: (raw) => precheckSpeed(raw.body),
    run: (request, ctx) => {
      ctx.state.mass.setSpeed(callerOf(ctx), request.speed)
      return OK
    },
  },
  'mass.uploadNews': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const { articles } = request
      if (articles.length === 0) throw new WechatError(ERRCODE.EMPTY_NEWS_DATA)
      if (articles.length > MAX_NEWS_ARTICLES)
        throw new WechatError(ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT)
      for (const article of articles) {
        // [inferred] an article without content is empty news; its cover must be the caller's
        // thumb or image (temporary or material).
        if (article.content.trim() === '') throw new WechatError(ERRCODE.EMPTY_NEWS_DATA)
        const thumb =
          ctx.state.media.getTemporary(appid, article.thumb_media_id) ??
          ctx.state.media.getMaterial(appid, article.thumb_media_id)
        if (!thumb || (thumb.type !== 'thumb' && thumb.type !== 'image'))
          throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
      }
      const item = ctx.state.mass.addNews(
        appid,
        articles.map((article) => ({ title: article.title })),
      )
      return { type: 'news', media_id: item.mediaId, created_at: item.createdAt }
    },
  },
  'mass.uploadVideo': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const video = ctx.state.media.getTemporary(appid, request.media_id)
      if (!video || video.type !== 'video') throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
      const item = ctx.state.mass.addVideo(appid, {
        sourceMediaId: video.mediaId,
        title: request.title,
        description: request.description,
      })
      return { type: 'video', media_id: item.mediaId, created_at: item.createdAt }
    },
  },
} satisfies Handlers
