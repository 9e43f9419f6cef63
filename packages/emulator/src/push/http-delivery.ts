/**
 * WeChat's side of the HTTP exchange (§3): POST the push, wait 5 seconds on the emulator's clock
 * for the whole answer, and on a timeout, a transport error or a non-2xx status drop the
 * connection and send the identical request again, up to 3 times.
 */
import type { Clock } from '@wxmp/core'

/** How long WeChat waits for an answer (§3). */
export const PUSH_TIMEOUT_MS = 5000

/** Re-sends after the first attempt: "three retries in total" (§3). */
export const PUSH_RETRIES = 3

/** The fetch function the engine uses (the global `fetch` unless the emulator is given one). */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>

/** One HTTP attempt of a push. */
export interface PushAttempt {
  /** 1 for the first send, 2–4 for the re-sends. */
  readonly attempt: number
  /** The HTTP status, when an answer came in time. */
  readonly status?: number
  /** The answer's body, when one came in time. */
  readonly body?: string
  /** Milliseconds on the emulator's clock (0 for an instant answer on a virtual clock). */
  readonly durationMs: number
  /** `timeout`, or what the transport reported (`ECONNREFUSED`, …). */
  readonly error?: string
}

/** What the attempts came to: the answer of the first 2xx, if any. */
export interface HttpOutcome {
  readonly attempts: readonly PushAttempt[]
  /** The successful attempt, when one got a 2xx. */
  readonly answered?: PushAttempt & { readonly status: number; readonly body: string }
}

/** Sends `body` to `url` (query included) like WeChat until a 2xx answer or the retries run out. */
export async function sendWithRetries(
  fetchFn: FetchLike,
  clock: Clock,
  url: string,
  body: string,
): Promise<HttpOutcome> {
  const attempts: PushAttempt[] = []
  for (let attempt = 1; attempt <= PUSH_RETRIES + 1; attempt++) {
    const result = await sendOnce(fetchFn, clock, url, body, attempt)
    attempts.push(result)
    if (result.status !== undefined && result.status >= 200 && result.status < 300)
      return { attempts, answered: { ...result, status: result.status, body: result.body ?? '' } }
    // No pause between attempts ([inferred]: the reference gives none).
  }
  return { attempts }
}

/**
 * One POST. The timer runs on `clock`, so a VirtualClock test moves through the 5 s by advancing
 * time; on expiry the request is aborted (the connection dropped, as WeChat does) and the attempt
 * ends even if the fetch function ignores the abort.
 */
function sendOnce(
  fetchFn: FetchLike,
  clock: Clock,
  url: string,
  body: string,
  attempt: number,
): Promise<PushAttempt> {
  const controller = new AbortController()
  const started = clock.now()
  const elapsed = (): number => clock.now() - started
  return new Promise<PushAttempt>((resolve) => {
    let settled = false
    const finish = (result: PushAttempt): void => {
      if (settled) return
      settled = true
      clock.clearTimeout(timer)
      resolve(result)
    }
    const timer = clock.setTimeout(() => {
      finish({ attempt, durationMs: elapsed(), error: 'timeout' })
      controller.abort()
    }, PUSH_TIMEOUT_MS)
    const exchange = async (): Promise<void> => {
      const response = await fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body,
        redirect: 'manual',
        signal: controller.signal,
      })
      // The body counts towards the 5 s too: a webhook that sends headers and stalls times out.
      const text = await response.text()
      finish({ attempt, status: response.status, body: text, durationMs: elapsed() })
    }
    exchange().catch((error: unknown) =>
      finish({ attempt, durationMs: elapsed(), error: transportError(error) }),
    )
  })
}

/** The most telling name of a fetch failure: the socket's code (`ECONNREFUSED`) if any. */
function transportError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause
    if (typeof cause === 'object' && cause !== null) {
      const code = (cause as { code?: unknown }).code
      if (typeof code === 'string') return code
    }
    return error.message
  }
  return String(error)
}
