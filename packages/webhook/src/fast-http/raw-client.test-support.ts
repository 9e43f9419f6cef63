/**
 * A raw TCP client for testing HTTP framing: writes exactly the bytes given (split, pipelined or
 * malformed) and reads back every response, so tests see what a peer on the wire would see.
 */
import { connect, type Socket } from 'node:net'

/** One response as read off the wire. */
export interface RawResponse {
  readonly status: number
  /** Header names lower-cased; a repeated header keeps its last value. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** An open connection to a server under test. */
export interface RawConnection {
  readonly socket: Socket
  /** Writes bytes exactly as given. */
  write(bytes: string | Buffer): Promise<void>
  /** Waits (at most `limitMs`) for `count` complete responses in all, and returns them all. */
  responses(count: number, limitMs?: number): Promise<RawResponse[]>
  /** Resolves once the server has closed the connection. */
  readonly closed: Promise<void>
  end(): void
}

/** Opens a connection to 127.0.0.1:`port`. */
export async function rawConnect(port: number): Promise<RawConnection> {
  const socket = connect(port, '127.0.0.1')
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('error', reject)
  })
  let received = Buffer.alloc(0)
  const waiters: (() => void)[] = []
  const wake = (): void => {
    for (const waiter of waiters.splice(0)) waiter()
  }
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk])
    wake()
  })
  socket.on('error', wake)
  const closed = new Promise<void>((resolve) =>
    socket.once('close', () => {
      wake()
      resolve()
    }),
  )
  return {
    socket,
    closed,
    write: (bytes) =>
      new Promise<void>((resolve, reject) =>
        socket.write(bytes, (err) => (err ? reject(err) : resolve())),
      ),
    async responses(count, limitMs = 3000) {
      const limit = Date.now() + limitMs
      for (;;) {
        const parsed = parseResponses(received)
        if (parsed.length >= count) return parsed
        if (socket.destroyed || Date.now() > limit)
          throw new Error(
            `got ${parsed.length} of ${count} responses: ${JSON.stringify(received.toString('latin1'))}`,
          )
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, Math.max(1, limit - Date.now())).unref()
        })
      }
    },
    end: () => socket.end(),
  }
}

/** Every complete response in `bytes` (interim 1xx responses included). */
export function parseResponses(bytes: Buffer): RawResponse[] {
  const out: RawResponse[] = []
  let pos = 0
  for (;;) {
    const blank = bytes.indexOf('\r\n\r\n', pos)
    if (blank === -1) return out
    const lines = bytes.toString('latin1', pos, blank).split('\r\n')
    const status = Number(lines[0]!.split(' ')[1])
    const headers: Record<string, string> = {}
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':')
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
    }
    const length = status < 200 ? 0 : Number(headers['content-length'] ?? 0)
    if (bytes.length < blank + 4 + length) return out
    out.push({ status, headers, body: bytes.toString('utf8', blank + 4, blank + 4 + length) })
    pos = blank + 4 + length
  }
}

/** A request with a Content-Length body, as WeChat sends it. */
export function postRequest(target: string, body: string, extraHeaders = ''): string {
  return (
    `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/xml\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n${body}`
  )
}
