import { parseXml, unixSeconds, WxDecryptError, WxXmlError, type XmlObject } from '@wxmp/core'
import { verifyMsgSignature, verifyUrlSignature } from '@wxmp/crypto'
import { parseInbound, type InboundMessage } from '@wxmp/spec/messages'
import type { AccountRuntime } from './accounts.js'
import { Context, type PushMode } from './context.js'
import type { Claim } from './delivery-store.js'
import { dedupeKey } from './dedupe-key.js'
import { bodyFingerprint } from './body-fingerprint.js'
import {
  SUCCESS,
  textResponse,
  UNAUTHORIZED,
  UNAVAILABLE,
  xmlResponse,
  type WebhookRequest,
  type WebhookResponse,
} from './http-types.js'
import type { RequestOutcome } from './metrics.js'
import type { PipelineDeps } from './pipeline-deps.js'
import { readPushQuery } from './query-string.js'
import { renderAnswer, toReply } from './reply-render.js'
import type { HandlerResult } from './router.js'
import { settleLate } from './late-settle.js'
import { fieldOf } from './message-fields.js'
import type { MessageLogEntry } from './message-log/index.js'

/** A request that passed verification and decryption, on its way to a handler. */
export interface Accepted {
  readonly account: AccountRuntime
  readonly message: InboundMessage
  readonly key: string
  readonly mode: PushMode
  /** The plaintext message XML (decrypted in AES mode), for the message log. */
  readonly xml: string
  readonly nonce: string
  /** The key that opened an encrypted push (the reply is sealed with it); undefined in plaintext. */
  readonly keyIndex: 0 | 1 | undefined
  readonly startedAt: number
}

/**
 * POST: verify → (AES: check msg_signature) → claim the request (retry/replay) → decrypt → parse
 * → claim the message (dedupe) → route → reply → encrypt. Everything before the handler answers
 * 4xx with no detail; nothing after verification ever answers 5xx.
 */
export function handlePush(
  deps: PipelineDeps,
  account: AccountRuntime,
  req: WebhookRequest,
): WebhookResponse | Promise<WebhookResponse> {
  const startedAt = performance.now()
  const q = readPushQuery(req.query)
  const { signature, timestamp, nonce } = q
  if (signature === undefined || timestamp === undefined || nonce === undefined)
    return reject(deps, req, 401, 'missing-signature')
  const ts = Number(timestamp)
  const skew = unixSeconds(deps.clock) - ts
  if (!Number.isInteger(ts) || skew > deps.timestampWindowSec || -skew > deps.timestampWindowSec) {
    return reject(deps, req, 401, 'timestamp-outside-window', {
      skewSec: Number.isFinite(skew) ? skew : undefined,
    })
  }
  if (!verifyUrlSignature(account.token, timestamp, nonce, signature))
    return reject(deps, req, 401, 'bad-signature')

  const encrypted = q.encrypt_type === 'aes'
  let envelope: XmlObject | undefined
  if (encrypted) {
    if (account.cipher === undefined) return reject(deps, req, 400, 'no-aes-key-configured')
    try {
      envelope = rootOf(parseXml(req.body, { maxBytes: deps.maxBodyBytes }))
    } catch (err) {
      return reject(deps, req, 400, err instanceof WxXmlError ? 'malformed-xml' : 'bad-envelope')
    }
    const encrypt = envelope?.Encrypt
    if (typeof encrypt !== 'string' || encrypt === '')
      return reject(deps, req, 400, 'no-encrypt-element')
    if (
      q.msg_signature === undefined ||
      !verifyMsgSignature(account.token, timestamp, nonce, encrypt, q.msg_signature)
    ) {
      return reject(deps, req, 401, 'bad-msg-signature')
    }
  } else if (deps.refusePlaintext) {
    return reject(deps, req, 401, 'plaintext-refused')
  }

  let claim: Claim | Promise<Claim>
  try {
    claim = deps.store.claimRequest(
      `${account.info.appid}|${timestamp}|${nonce}`,
      bodyFingerprint(req.body),
    )
  } catch (err) {
    return unavailable(deps, req, err)
  }
  if (claim instanceof Promise)
    return claim.then(
      (c) => afterRequestClaim(deps, account, req, c, envelope, nonce, startedAt),
      (err: unknown) => unavailable(deps, req, err),
    )
  return afterRequestClaim(deps, account, req, claim, envelope, nonce, startedAt)
}

function afterRequestClaim(
  deps: PipelineDeps,
  account: AccountRuntime,
  req: WebhookRequest,
  claim: Claim,
  envelope: XmlObject | undefined,
  nonce: string,
  startedAt: number,
): WebhookResponse | Promise<WebhookResponse> {
  if (claim.status === 'replay') return reject(deps, req, 401, 'replayed-nonce')
  if (claim.status === 'retry')
    return answerFromFirst(deps, req, claim.response, 'retry', startedAt)

  let accepted: Accepted
  try {
    const opened = open(deps, account, req, envelope)
    if ('status' in opened) return settleWith(claim, opened)
    const message = parseInbound(opened.root)
    accepted = {
      account,
      message,
      key: dedupeKey(message),
      mode: opened.mode,
      xml: opened.xml,
      nonce,
      keyIndex: opened.keyIndex,
      startedAt,
    }
  } catch (err) {
    // Parsing is not supposed to throw past this point; if it does, WeChat still gets no 5xx.
    deps.logger.error('unexpected failure opening a push', {
      appid: account.info.appid,
      error: describe(err),
    })
    return settleWith(claim, reject(deps, req, 400, 'unreadable-push'))
  }

  let messageClaim: Claim | Promise<Claim>
  try {
    messageClaim = deps.store.claimMessage(`${account.info.appid}|${accepted.key}`)
  } catch (err) {
    return releaseUnavailable(deps, req, claim, err)
  }
  if (messageClaim instanceof Promise) {
    return messageClaim.then(
      (mc) => afterMessageClaim(deps, req, claim, mc, accepted),
      (err: unknown) => releaseUnavailable(deps, req, claim, err),
    )
  }
  return afterMessageClaim(deps, req, claim, messageClaim, accepted)
}

function afterMessageClaim(
  deps: PipelineDeps,
  req: WebhookRequest,
  requestClaim: Claim & { status: 'new' },
  messageClaim: Claim,
  a: Accepted,
): WebhookResponse | Promise<WebhookResponse> {
  if (messageClaim.status === 'retry') {
    const answer = answerFromFirst(deps, req, messageClaim.response, 'duplicate', a.startedAt, a)
    if (answer instanceof Promise) void answer.then((r) => requestClaim.settle(r))
    else requestClaim.settle(answer)
    return answer
  }
  if (messageClaim.status === 'replay')
    return settleWith(requestClaim, reject(deps, req, 401, 'replayed-message'))
  const settleBoth = (r: WebhookResponse): WebhookResponse => {
    requestClaim.settle(r)
    messageClaim.settle(r)
    return r
  }
  const ctx = new Context(a.account.info, a.message, a.mode, a.key, deps.clock)
  let result: HandlerResult | Promise<HandlerResult>
  try {
    result = deps.router.dispatch(ctx)
  } catch (err) {
    return settleBoth(finishError(deps, req, a, err))
  }
  if (!(result instanceof Promise)) return settleBoth(finish(deps, req, a, result))
  return raceDeadline(deps, req, a, result).then(settleBoth)
}

/** Waits for an async handler until the deadline; a late result goes to the late-reply sink. */
function raceDeadline(
  deps: PipelineDeps,
  req: WebhookRequest,
  a: Accepted,
  pending: Promise<HandlerResult>,
): Promise<WebhookResponse> {
  return new Promise((resolve) => {
    let answered = false
    let deadlineRow: MessageLogEntry | undefined
    const timer = deps.clock.setTimeout(() => {
      if (answered) return
      answered = true
      resolve(SUCCESS)
      deadlineRow = record(deps, req, a, SUCCESS, 'deadline', 'success', undefined)
    }, deps.deadlineMs)
    pending.then(
      (result) => {
        if (answered) return settleLate(deps, a, result, undefined, deadlineRow)
        answered = true
        deps.clock.clearTimeout(timer)
        resolve(finish(deps, req, a, result))
      },
      (err: unknown) => {
        if (answered) return settleLate(deps, a, undefined, err, deadlineRow)
        answered = true
        deps.clock.clearTimeout(timer)
        resolve(finishError(deps, req, a, err))
      },
    )
  })
}

function finish(
  deps: PipelineDeps,
  req: WebhookRequest,
  a: Accepted,
  result: HandlerResult,
): WebhookResponse {
  let reply
  try {
    reply = toReply(result)
    if (reply === undefined) {
      record(deps, req, a, SUCCESS, 'success', 'success', undefined)
      return SUCCESS
    }
    const sealing = a.keyIndex === undefined ? undefined : { nonce: a.nonce, keyIndex: a.keyIndex }
    const out = renderAnswer(a.account, a.message, reply, unixSeconds(deps.clock), sealing)
    const response = xmlResponse(out.body)
    record(deps, req, a, response, 'replied', out.xml, undefined)
    return response
  } catch (err) {
    // A reply that cannot be rendered (e.g. a malformed object from user code) is the handler's fault.
    return finishError(deps, req, a, err)
  }
}

function finishError(
  deps: PipelineDeps,
  req: WebhookRequest,
  a: Accepted,
  err: unknown,
): WebhookResponse {
  deps.logger.error('handler failed; answered success', {
    appid: a.account.info.appid,
    key: a.key,
    kind: a.message.kind,
    error: describe(err),
  })
  record(deps, req, a, SUCCESS, 'error', 'success', describe(err))
  return SUCCESS
}

function record(
  deps: PipelineDeps,
  req: WebhookRequest,
  a: Accepted,
  response: WebhookResponse,
  outcome: 'replied' | 'success' | 'deadline' | 'error',
  replyXml: string,
  error: string | undefined,
): MessageLogEntry | undefined {
  const ms = performance.now() - a.startedAt
  deps.metrics.count(response.status, outcome)
  deps.metrics.observeHandler(ms / 1000)
  deps.logger.request({
    method: req.method,
    path: req.path,
    status: response.status,
    ms,
    appid: a.account.info.appid,
    kind: a.message.kind,
    key: a.key,
    outcome,
  })
  const log = deps.messageLog
  if (log === undefined) return undefined
  const entry: MessageLogEntry = {
    at: deps.clock.now(),
    appid: a.account.info.appid,
    key: a.key,
    kind: a.message.kind,
    fromUser: fieldOf(a.message, 'FromUserName') ?? '',
    toUser: fieldOf(a.message, 'ToUserName') ?? '',
    mode: a.mode,
    request: a.xml,
    reply: replyXml,
    outcome,
    durationMs: ms,
  }
  if (error !== undefined) entry.error = error
  log.append(entry)
  return entry
}

function answerFromFirst(
  deps: PipelineDeps,
  req: WebhookRequest,
  response: WebhookResponse | Promise<WebhookResponse>,
  outcome: 'retry' | 'duplicate',
  startedAt: number,
  a?: Accepted,
): WebhookResponse | Promise<WebhookResponse> {
  const done = (r: WebhookResponse): WebhookResponse => {
    deps.metrics.count(r.status, outcome)
    deps.logger.request({
      method: req.method,
      path: req.path,
      status: r.status,
      ms: performance.now() - startedAt,
      appid: a?.account.info.appid,
      kind: a?.message.kind,
      key: a?.key,
      outcome,
    })
    return r
  }
  return response instanceof Promise ? response.then(done) : done(response)
}

type Opened = { root: XmlObject; xml: string; mode: PushMode; keyIndex: 0 | 1 | undefined }

/** Decrypts (AES mode) and parses the message XML; answers a 4xx response when it cannot. */
function open(
  deps: PipelineDeps,
  account: AccountRuntime,
  req: WebhookRequest,
  envelope: XmlObject | undefined,
): Opened | WebhookResponse {
  let xml = req.body
  let keyIndex: 0 | 1 | undefined
  let mode: PushMode = 'plain'
  if (envelope !== undefined) {
    try {
      const opened = account.cipher!.decrypt(envelope.Encrypt as string)
      xml = opened.xml
      keyIndex = opened.keyIndex
    } catch (err) {
      if (err instanceof WxDecryptError && err.reason === 'appid')
        return reject(deps, req, 401, 'foreign-appid')
      return reject(deps, req, 400, 'undecryptable')
    }
    // Compatible mode carries the plaintext fields beside <Encrypt>; safe mode only ToUserName.
    mode = envelope.MsgType === undefined ? 'safe' : 'compat'
  }
  let root: XmlObject | undefined
  try {
    root = rootOf(parseXml(xml, { maxBytes: deps.maxBodyBytes }))
  } catch {
    return reject(deps, req, 400, 'malformed-xml')
  }
  if (root === undefined) return reject(deps, req, 400, 'not-a-message')
  return { root, xml, mode, keyIndex }
}

/** The children of the `<xml>` root, or undefined when the document is something else. */
function rootOf(doc: XmlObject): XmlObject | undefined {
  const root = doc.xml
  return root !== undefined && typeof root === 'object' && !Array.isArray(root) ? root : undefined
}

function settleWith(claim: Claim & { status: 'new' }, response: WebhookResponse): WebhookResponse {
  claim.settle(response)
  return response
}

/** Answers a rejected request: no detail in the body, the reason in the log. */
export function reject(
  deps: PipelineDeps,
  req: WebhookRequest,
  status: number,
  reason: string,
  extra?: Record<string, number | undefined>,
): WebhookResponse {
  const outcome: RequestOutcome = reason.startsWith('replayed') ? 'replay' : 'rejected'
  deps.metrics.count(status, outcome)
  deps.logger.warn('request rejected', {
    method: req.method,
    path: req.path,
    status,
    reason,
    ...extra,
  })
  return status === 401 ? UNAUTHORIZED : textResponse(status, '')
}

/**
 * The delivery store failed (Redis unreachable, say) before the handler ran: answer 503 so that
 * WeChat re-sends the push (see `UNAVAILABLE`). The one 5xx a valid push can get, on purpose.
 */
function unavailable(deps: PipelineDeps, req: WebhookRequest, err: unknown): WebhookResponse {
  deps.metrics.count(503, 'unavailable')
  deps.logger.error('delivery store unavailable; answered 503 so that WeChat retries', {
    method: req.method,
    path: req.path,
    error: describe(err),
  })
  return UNAVAILABLE
}

/** As `unavailable`, after the request was claimed: the claim is given up so the retry is new. */
function releaseUnavailable(
  deps: PipelineDeps,
  req: WebhookRequest,
  requestClaim: Claim & { status: 'new' },
  err: unknown,
): WebhookResponse {
  requestClaim.release(UNAVAILABLE)
  return unavailable(deps, req, err)
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
