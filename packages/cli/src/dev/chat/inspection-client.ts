/**
 * A small client of the emulator's inspection API (`/__emulator/*`), for `wxmp chat`. It speaks
 * plain JSON and turns the two ways a call fails into one error type with a readable message.
 */

/** A fan as `/__emulator/fans` lists it (the fields chat uses). */
export interface FanInfo {
  readonly openid: string
  readonly subscribed: boolean
}

/** A delivery report as the emulator answers it (the fields chat shows). */
export interface PushReportInfo {
  readonly kind: string
  readonly acknowledged: boolean
  readonly reply: ({ readonly type: string } & Record<string, unknown>) | null
  readonly attempts: readonly {
    readonly attempt: number
    readonly status?: number
    readonly error?: string
    readonly durationMs: number
  }[]
  readonly failure?: string
  readonly notice?: string
}

/** Something a fan received through another channel (customer service, template, mass…). */
export interface ReceivedInfo {
  readonly channel: string
  readonly msgtype: string
  readonly payload: unknown
  readonly sentAt: number
  readonly status: string
}

/** A failed inspection call: the emulator is unreachable, or it refused the request. */
export class InspectionError extends Error {
  /** The HTTP status of a refusal; `undefined` when nothing answered. */
  readonly status: number | undefined
  constructor(message: string, status?: number) {
    super(message)
    this.name = 'InspectionError'
    this.status = status
  }
}

/** Calls of the inspection API chat makes, for one emulator. */
export interface InspectionClient {
  readonly base: string
  fans(appid?: string): Promise<{ appid: string; fans: FanInfo[] }>
  push(body: Record<string, unknown>): Promise<PushReportInfo>
  /** A fan action (`subscribe`, `unsubscribe`, `scan`, `click`): answers `{fan, push}`. */
  act(action: string, body: Record<string, unknown>): Promise<{ push: PushReportInfo }>
  received(appid: string, openid: string): Promise<ReceivedInfo[]>
}

/**
 * A client for the emulator at `base` (e.g. `http://127.0.0.1:8090`). `timeoutMs` bounds a call:
 * a push may take four 5-second attempts when the webhook does not answer.
 */
export function createInspectionClient(base: string, timeoutMs = 30_000): InspectionClient {
  const origin = base.replace(/\/+$/, '')
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let response: Response
    try {
      response = await fetch(`${origin}${path}`, {
        method,
        signal: AbortSignal.timeout(timeoutMs),
        ...(body === undefined
          ? {}
          : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      })
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code
      const why =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${timeoutMs / 1000} s`
          : (cause ?? (error as Error).message)
      throw new InspectionError(
        `cannot reach the emulator at ${origin} (${why}); is \`npx wxmp dev\` running?`,
      )
    }
    const text = await response.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    if (!response.ok) {
      const reason = (json as { error?: unknown } | undefined)?.error
      throw new InspectionError(
        typeof reason === 'string' ? reason : `HTTP ${response.status} from ${path}`,
        response.status,
      )
    }
    if (json === undefined)
      throw new InspectionError(`${origin}${path} did not answer JSON: is that the emulator?`)
    return json as T
  }
  const query = (params: Record<string, string | undefined>): string => {
    const entries = Object.entries(params).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    )
    return entries.length === 0 ? '' : `?${new URLSearchParams(entries).toString()}`
  }
  return {
    base: origin,
    fans: (appid) => call('GET', `/__emulator/fans${query({ appid })}`),
    push: (body) => call('POST', '/__emulator/push', body),
    act: (action, body) => call('POST', `/__emulator/fans/${action}`, body),
    received: async (appid, openid) =>
      (
        await call<{ received: ReceivedInfo[] }>(
          'GET',
          `/__emulator/received${query({ appid, openid })}`,
        )
      ).received,
  }
}
