import { systemClock, unixSeconds, type Clock } from '@wxmp/core'
import { verifyUrlSignature } from '@wxmp/crypto'
import {
  buildAccountTable,
  findAccount,
  type AccountRuntime,
  type WebhookAccountConfig,
} from './accounts.js'
import type { DeliveryStore } from './delivery-store.js'
import { textResponse, type WebhookRequest, type WebhookResponse } from './http-types.js'
import { MemoryLateReplySink, type LateReplySink } from './late-reply.js'
import { silentLogger, type Logger } from './logger.js'
import { MemoryDeliveryStore } from './memory-delivery-store.js'
import type { MessageLog } from './message-log/index.js'
import { WebhookMetrics } from './metrics.js'
import type { PipelineDeps } from './pipeline-deps.js'
import { handlePush, reject } from './push-pipeline.js'
import { readPushQuery } from './query-string.js'
import { Router } from './router.js'

/** Options of `createWebhook`. Only `accounts` is required. */
export interface WebhookOptions {
  /** The accounts served: each at `{path}/{appid}`, the first also at `{path}`. */
  accounts: readonly WebhookAccountConfig[]
  /** Base path. Default `/wx`. */
  path?: string
  clock?: Clock
  /** Accepted clock distance of a push's `timestamp`, seconds. Default 300. */
  timestampWindowSec?: number
  /** A handler still running after this is answered `success`; its reply goes to `lateReplies`. Default 4,500 ms (WeChat waits 5 s). */
  deadlineMs?: number
  /** Refuse pushes that are not encrypted (401). Default false: the mode is read per request. */
  refusePlaintext?: boolean
  /** Largest accepted body, bytes. Default 64 KiB (WeChat's pushes are a few KiB at most). */
  maxBodyBytes?: number
  /** Retry/replay memory. Default: in-process (`MemoryDeliveryStore`). */
  deliveryStore?: DeliveryStore
  /** Where accepted pushes and replies are recorded. Default: none. */
  messageLog?: MessageLog
  /** Where replies that missed the deadline go. Default: kept in memory and logged. */
  lateReplies?: LateReplySink
  /** Request and error logging. Default: silent. */
  logger?: Logger
}

/**
 * A webhook: a `Router` for handlers plus the request pipeline. Serve it with `serveWebhook`
 * (node:http), or call `fetch(request)` from any framework that speaks web-standard Request.
 */
export class Webhook extends Router {
  readonly #accounts: Map<string, AccountRuntime>
  readonly #deps: PipelineDeps
  /** Where late replies go (the default sink keeps them for inspection). */
  readonly lateReplies: LateReplySink
  readonly metrics: WebhookMetrics

  constructor(options: WebhookOptions) {
    super()
    this.#accounts = buildAccountTable(options.accounts, options.path ?? '/wx')
    const clock = options.clock ?? systemClock
    this.metrics = new WebhookMetrics()
    this.lateReplies = options.lateReplies ?? new MemoryLateReplySink()
    this.#deps = {
      clock,
      router: this,
      store:
        options.deliveryStore ??
        new MemoryDeliveryStore({ clock, ttlMs: (options.timestampWindowSec ?? 300) * 1000 }),
      messageLog: options.messageLog,
      lateReplies: this.lateReplies,
      logger: options.logger ?? silentLogger,
      metrics: this.metrics,
      timestampWindowSec: options.timestampWindowSec ?? 300,
      deadlineMs: options.deadlineMs ?? 4500,
      refusePlaintext: options.refusePlaintext ?? false,
      maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    }
  }

  /** Largest accepted body, bytes (adapters enforce it while reading). */
  get maxBodyBytes(): number {
    return this.#deps.maxBodyBytes
  }

  /** Handles one request. Returns synchronously when it can (most plaintext and AES pushes). */
  handle(req: WebhookRequest): WebhookResponse | Promise<WebhookResponse> {
    const account = findAccount(this.#accounts, req.path)
    if (account === undefined) return this.#service(req)
    if (req.method === 'POST') {
      if (byteLengthOver(req.body, this.#deps.maxBodyBytes))
        return reject(this.#deps, req, 413, 'body-too-large')
      return handlePush(this.#deps, account, req)
    }
    if (req.method === 'GET') return this.#verifyUrl(account, req)
    this.metrics.count(405, 'other')
    return { ...textResponse(405, 'method not allowed'), headers: { Allow: 'GET, POST' } }
  }

  /** The web-standard adapter: `Request` in, `Response` out. */
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url)
    const declared = Number(request.headers.get('content-length') ?? '0')
    if (declared > this.#deps.maxBodyBytes) return new Response('', { status: 413 })
    const body = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text()
    const res = await this.handle({
      method: request.method,
      path: url.pathname,
      query: url.search.slice(1),
      body,
    })
    return new Response(res.body, {
      status: res.status,
      headers: { 'content-type': res.contentType, ...res.headers },
    })
  }

  /** Writes out buffered logs and the message log, and releases stores. */
  async close(): Promise<void> {
    this.#deps.logger.flush()
    await this.#deps.messageLog?.close()
    await this.#deps.store.close?.()
  }

  /** GET URL verification (§1): echo `echostr` when the signature holds. */
  #verifyUrl(account: AccountRuntime, req: WebhookRequest): WebhookResponse {
    const q = readPushQuery(req.query)
    const { signature, timestamp, nonce, echostr } = q
    if (
      signature === undefined ||
      timestamp === undefined ||
      nonce === undefined ||
      echostr === undefined
    ) {
      return reject(this.#deps, req, 401, 'missing-signature')
    }
    const skew = unixSeconds(this.#deps.clock) - Number(timestamp)
    if (!(Math.abs(skew) <= this.#deps.timestampWindowSec)) {
      // Most often the server clock is off; say so, since the operator sees only "verification failed".
      return reject(this.#deps, req, 401, 'timestamp-outside-window', {
        skewSec: Number.isFinite(skew) ? skew : undefined,
      })
    }
    if (!verifyUrlSignature(account.token, timestamp, nonce, signature))
      return reject(this.#deps, req, 401, 'bad-signature')
    this.metrics.count(200, 'verified')
    this.#deps.logger.info('url verified', { appid: account.info.appid, path: req.path })
    return textResponse(200, echostr)
  }

  /** Health, metrics and 404 for everything else. */
  #service(req: WebhookRequest): WebhookResponse {
    if (req.method === 'GET' && req.path === '/healthz') {
      this.metrics.count(200, 'other')
      return { status: 200, body: '{"status":"ok"}', contentType: 'application/json' }
    }
    if (req.method === 'GET' && req.path === '/metrics') {
      this.metrics.count(200, 'other')
      const sizes = this.#deps.store.size()
      const log = this.#deps.messageLog?.stats()
      const mem = process.memoryUsage()
      const gauges: Record<string, { help: string; value: number }> = {
        process_resident_memory_bytes: { help: 'Resident memory size in bytes.', value: mem.rss },
        nodejs_heap_size_total_bytes: {
          help: 'V8 heap size (committed) in bytes.',
          value: mem.heapTotal,
        },
        nodejs_heap_size_used_bytes: { help: 'V8 heap used in bytes.', value: mem.heapUsed },
        nodejs_external_memory_bytes: {
          help: 'Memory of C++ objects bound to JS objects (Buffers included).',
          value: mem.external,
        },
        wxmp_webhook_dedupe_requests: {
          help: 'Requests remembered for retry/replay detection.',
          value: sizes.requests,
        },
        wxmp_webhook_dedupe_messages: {
          help: 'Messages remembered for de-duplication.',
          value: sizes.messages,
        },
      }
      if (log !== undefined) {
        gauges.wxmp_message_log_queued = {
          help: 'Message-log entries waiting to be written.',
          value: log.queued,
        }
        gauges.wxmp_message_log_written = {
          help: 'Message-log entries written.',
          value: log.written,
        }
        gauges.wxmp_message_log_dropped = {
          help: 'Message-log entries dropped (queue full).',
          value: log.dropped,
        }
        gauges.wxmp_message_log_failed = {
          help: 'Message-log entries lost to storage errors.',
          value: log.failed,
        }
      }
      return {
        status: 200,
        body: this.metrics.render(gauges),
        contentType: 'text/plain; version=0.0.4',
      }
    }
    this.metrics.count(404, 'other')
    return textResponse(404, 'not found')
  }
}

/** Creates a webhook; register handlers on it with `on`, `text`, `menu`, `fallback`, `use`. */
export function createWebhook(options: WebhookOptions): Webhook {
  return new Webhook(options)
}

/** True when the UTF-8 encoding of `s` is longer than `max` bytes, without encoding it when avoidable. */
function byteLengthOver(s: string, max: number): boolean {
  if (s.length * 3 <= max) return false
  if (s.length > max) return true
  return Buffer.byteLength(s, 'utf8') > max
}
