import { request as httpRequest, type ClientRequest } from 'node:http'
import type { Clock } from '@wxmp/core'
import { systemClock } from '@wxmp/core'

/** One HTTP attempt of a delivery. */
export interface DeliveryAttempt {
  readonly attempt: number
  readonly status: number | undefined
  readonly body: string | undefined
  /** `timeout` when no answer came within the limit, or the transport error's code. */
  readonly error: string | undefined
}

/** All attempts of one delivery; `accepted` when an attempt got HTTP 200. */
export interface DeliveryResult {
  readonly attempts: DeliveryAttempt[]
  readonly accepted: boolean
  /** The body of the accepted answer. */
  readonly reply: string | undefined
}

/** Options of `WeChatLikeClient`. */
export interface WeChatLikeClientOptions {
  /** Times the wait for an answer. Default: the system clock. */
  clock?: Clock
  /** How long WeChat waits for an answer. Default 5,000 ms. */
  timeoutMs?: number
  /** Re-sends after the first attempt. Default 3. */
  retries?: number
}

/**
 * Delivers a push the way WeChat does: waits `timeoutMs` for an answer, and on a timeout, a
 * transport error or a non-200 status drops the connection and sends the *identical* request
 * again (same query string, same body), up to `retries` times.
 */
export class WeChatLikeClient {
  readonly #clock: Clock
  readonly #timeoutMs: number
  readonly #retries: number

  constructor(options: WeChatLikeClientOptions = {}) {
    this.#clock = options.clock ?? systemClock
    this.#timeoutMs = options.timeoutMs ?? 5000
    this.#retries = options.retries ?? 3
  }

  /**
   * Delivers `{ query, body }` to `url` (an http:// URL with path, without query). Given several
   * URLs, attempt n goes to the n-th (round robin), as a load balancer in front of several webhook
   * instances may send each re-send to another one.
   */
  async deliver(
    url: string | readonly string[],
    push: { query: string; body: string },
  ): Promise<DeliveryResult> {
    const urls = typeof url === 'string' ? [url] : url
    const attempts: DeliveryAttempt[] = []
    for (let attempt = 1; attempt <= this.#retries + 1; attempt++) {
      const target = urls[(attempt - 1) % urls.length]!
      const result = await this.#attempt(`${target}?${push.query}`, push.body, attempt)
      attempts.push(result)
      if (result.status === 200) return { attempts, accepted: true, reply: result.body }
    }
    return { attempts, accepted: false, reply: undefined }
  }

  #attempt(target: string, body: string, attempt: number): Promise<DeliveryAttempt> {
    return new Promise((resolve) => {
      let done = false
      let req: ClientRequest | undefined = undefined
      const finish = (a: DeliveryAttempt): void => {
        if (done) return
        done = true
        this.#clock.clearTimeout(timer)
        resolve(a)
      }
      const timer = this.#clock.setTimeout(() => {
        finish({ attempt, status: undefined, body: undefined, error: 'timeout' })
        req?.destroy()
      }, this.#timeoutMs)
      // A fresh connection per attempt, as a dropped connection cannot be reused.
      req = httpRequest(
        target,
        {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            finish({
              attempt,
              status: res.statusCode,
              body: Buffer.concat(chunks).toString('utf8'),
              error: undefined,
            }),
          )
          res.on('error', (e: NodeJS.ErrnoException) =>
            finish({ attempt, status: undefined, body: undefined, error: e.code ?? e.message }),
          )
        },
      )
      req.on('error', (e: NodeJS.ErrnoException) =>
        finish({ attempt, status: undefined, body: undefined, error: e.code ?? e.message }),
      )
      req.end(body)
    })
  }
}
