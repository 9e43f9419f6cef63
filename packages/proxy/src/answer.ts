/**
 * The proxy's own form of a call and its answer. `handle(Request)` adapts web requests to it;
 * `serveProxy` fills it straight from node:http and writes the answer straight back, so a call
 * served on a port never builds a web Request, Headers or Response (a measured share of the
 * proxy's CPU per call).
 */
/** One incoming call. */
export interface ProxyCall {
  readonly method: string
  /** The full request URL (`http://host/path?query`). */
  readonly url: URL
  /** The value of request header `name` (lower case), or `null`. */
  header(name: string): string | null
  /** The body's bytes (`undefined` when the call has none); refuses `too-large` past `limit`. */
  body(limit: number): Promise<Uint8Array | undefined>
}

/** One answer: status, headers in order (a name may repeat), and the body read or to stream. */
export interface ProxyAnswer {
  readonly status: number
  readonly headers: ReadonlyArray<readonly [string, string]>
  /** The whole body, when it is in memory. */
  readonly bytes?: Uint8Array
  /** The body still to stream, otherwise (`null` or absent: no body). */
  readonly stream?: ReadableStream<Uint8Array> | null
}

/** A JSON answer with the given status and extra headers. */
export function jsonAnswer(
  status: number,
  value: unknown,
  headers: ReadonlyArray<readonly [string, string]>,
): ProxyAnswer {
  return { status, headers, bytes: Buffer.from(JSON.stringify(value)) }
}

/** An answer as a web-standard response. */
export function responseOfAnswer(answer: ProxyAnswer): Response {
  const headers = new Headers()
  for (const [name, value] of answer.headers) headers.append(name, value)
  // A 204/304 may not carry a body at all.
  const empty = answer.status === 204 || answer.status === 304
  const body = (answer.bytes as Uint8Array<ArrayBuffer> | undefined) ?? answer.stream ?? null
  return new Response(empty ? null : body, { status: answer.status, headers })
}
