/**
 * One request to the API host, shared by the reachability and clock checks: any HTTP answer
 * proves the host is reachable, and its `Date` header is the host's clock.
 */

/** A `fetch` the checks can be given (tests pass a stub; the default is the global one). */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/** What the probe saw. */
export type Probe =
  | {
      readonly reachable: true
      readonly url: string
      readonly status: number
      /** The answer's `Date` header, if any. */
      readonly date: string | undefined
      /** Local clock (ms) halfway through the request, to compare with `date`. */
      readonly localMs: number
      readonly elapsedMs: number
    }
  | {
      readonly reachable: false
      readonly url: string
      /** `timeout`, or the network error code (`ECONNREFUSED`, `ENOTFOUND`, a TLS code, …). */
      readonly error: string
      readonly elapsedMs: number
    }

/** Options of `probeApiHost`. */
export interface ProbeOptions {
  readonly fetch?: FetchLike
  readonly timeoutMs: number
  /** Local clock; `Date.now` unless a test fixes it. */
  readonly now?: () => number
}

/**
 * GETs `<apiBase>/cgi-bin/token` without credentials: WeChat answers it at once (errcode 41002)
 * without charging any quota, and it exists on the emulator and the proxy too.
 */
export async function probeApiHost(apiBase: string, options: ProbeOptions): Promise<Probe> {
  const url = `${apiBase.replace(/\/+$/, '')}/cgi-bin/token`
  const doFetch = options.fetch ?? fetch
  const now = options.now ?? Date.now
  const started = now()
  try {
    const response = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs) })
    const ended = now()
    // The body is not needed; reading it frees the connection.
    await response.arrayBuffer().catch(() => undefined)
    return {
      reachable: true,
      url,
      status: response.status,
      date: response.headers.get('date') ?? undefined,
      localMs: started + (ended - started) / 2,
      elapsedMs: ended - started,
    }
  } catch (error) {
    return { reachable: false, url, error: errorCode(error), elapsedMs: now() - started }
  }
}

/** The most useful name of a fetch failure: the timeout, or the code of the deepest cause. */
export function errorCode(error: unknown): string {
  let current: unknown = error
  let code: string | undefined
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current.name === 'TimeoutError') return 'timeout'
    const own = (current as NodeJS.ErrnoException).code
    if (typeof own === 'string') code = own
    current = current.cause
  }
  if (code !== undefined) return code
  return error instanceof Error ? error.message : String(error)
}
