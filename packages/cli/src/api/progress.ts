/**
 * Progress on stderr for uploads, downloads and paged listings. Drawn only when stderr is a
 * terminal, so piped output, `--json` consumers and tests never see it.
 */

/** Where a bar is drawn: `process.stderr`, or a stand-in in tests. */
export interface ProgressStream {
  readonly isTTY?: boolean
  readonly columns?: number
  write(text: string): unknown
}

/** A progress bar, or a no-op when the stream is not a terminal. */
export interface Progress {
  /** Sets how far along the work is (`done` of `total`; the total may grow as pages arrive). */
  update(done: number, total?: number): void
  /** Clears the bar's line. */
  finish(): void
}

const WIDTH = 24
const NO_PROGRESS: Progress = { update: () => undefined, finish: () => undefined }

/** Formats a count of bytes as `812 B`, `12.4 KB`, `3.1 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/**
 * A bar labelled `label` on `stream` (stderr by default). `unit: 'bytes'` shows sizes, else plain
 * counts. Redraws at most every 50 ms, and always at 100 %.
 */
export function startProgress(
  label: string,
  options: { total?: number; unit?: 'bytes' | 'items'; stream?: ProgressStream } = {},
): Progress {
  const stream = options.stream ?? process.stderr
  if (stream.isTTY !== true) return NO_PROGRESS
  const show = options.unit === 'bytes' ? formatBytes : (n: number) => String(n)
  let total = options.total
  let drawnAt = 0
  let drawn = false
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) total = newTotal
      const now = Date.now()
      const complete = total !== undefined && done >= total
      if (!complete && now - drawnAt < 50) return
      drawnAt = now
      drawn = true
      stream.write(`\r\x1b[2K${line(label, done, total, show)}`)
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K')
      drawn = false
    },
  }
}

/** One rendering of the bar: `label [#######-----]  7/12`, or a bare count without a total. */
export function line(
  label: string,
  done: number,
  total: number | undefined,
  show: (n: number) => string = String,
): string {
  if (total === undefined || total <= 0) return `${label} ${show(done)}`
  const share = Math.min(1, done / total)
  const filled = Math.round(share * WIDTH)
  const bar = '#'.repeat(filled) + '-'.repeat(WIDTH - filled)
  return `${label} [${bar}] ${show(done)}/${show(total)} ${Math.floor(share * 100)}%`
}

/** Below this size a request body or download is not worth a bar. */
export const PROGRESS_MIN_BYTES = 256 * 1024

/**
 * Wraps `fetch` so that large request bodies (uploads) and large responses (downloads) report
 * bytes on a bar. The body is buffered and re-sent as a counted stream with its
 * `Content-Length`, so the request stays an ordinary sized one (no chunked encoding).
 */
export function progressFetch(
  base: (request: Request) => Promise<Response>,
  stream: ProgressStream = process.stderr,
): (request: Request) => Promise<Response> {
  if (stream.isTTY !== true) return base
  return async (request) => {
    const outgoing = await countedRequest(request, stream)
    const response = await base(outgoing)
    return countedResponse(response, stream)
  }
}

async function countedRequest(request: Request, stream: ProgressStream): Promise<Request> {
  if (request.body === null) return request
  const bytes = new Uint8Array(await request.arrayBuffer())
  if (bytes.length < PROGRESS_MIN_BYTES) return resend(request, bytes)
  const bar = startProgress('uploading', { total: bytes.length, unit: 'bytes', stream })
  let sent = 0
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes.length) {
        bar.finish()
        controller.close()
        return
      }
      const end = Math.min(bytes.length, sent + 64 * 1024)
      controller.enqueue(bytes.subarray(sent, end))
      sent = end
      bar.update(sent)
    },
  })
  return resend(request, body, bytes.length)
}

// The same request with a new body (the original's has been read).
function resend(
  request: Request,
  body: Uint8Array | ReadableStream<Uint8Array>,
  length?: number,
): Request {
  const headers = new Headers(request.headers)
  if (length !== undefined) headers.set('content-length', String(length))
  // `duplex` is required by Node for a stream body; the DOM typings do not know it yet.
  const init = { method: request.method, headers, body, signal: request.signal, duplex: 'half' }
  return new Request(request.url, init as RequestInit)
}

function countedResponse(response: Response, stream: ProgressStream): Response {
  const size = Number(response.headers.get('content-length') ?? '0')
  const type = response.headers.get('content-type') ?? ''
  if (response.body === null || size < PROGRESS_MIN_BYTES || type.includes('json')) return response
  const bar = startProgress('downloading', { total: size, unit: 'bytes', stream })
  let received = 0
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.length
        bar.update(received)
        controller.enqueue(chunk)
      },
      flush() {
        bar.finish()
      },
    }),
  )
  return new Response(counted, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}
