/** Test support: a loopback HTTP server with a chosen answer, closed after each test. */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

const open: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()))
})

/** Serves `answer` on 127.0.0.1; resolves to the base URL. */
export async function serveStub(
  answer: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  const server = createServer(answer)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  open.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** A base URL where nothing listens: a port that was just free. */
export async function closedPort(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

/** An HTTP server whose clock is `skewMs` off: it answers with that `Date` header. */
export function skewedDateServer(skewMs: number): Promise<string> {
  return serveStub((_request, response) => {
    response.setHeader('date', new Date(Date.now() + skewMs).toUTCString())
    response.setHeader('content-type', 'application/json')
    response.end('{"errcode":41002,"errmsg":"appid missing"}')
  })
}
