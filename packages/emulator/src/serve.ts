/**
 * The emulator on a real HTTP server (node:http, or node:https with `tls`), for clients that
 * cannot take a fetch function.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { hostOf } from './emulator.js'
import type { Emulator } from './emulator.js'

/** Where to listen; `port: 0` picks a free port. */
export interface ServeOptions {
  readonly host?: string
  readonly port?: number
  /** Serve HTTPS with this certificate and key (PEM), e.g. from `createSelfSignedCertificate`. */
  readonly tls?: { readonly cert: string; readonly key: string }
}

/** A listening emulator. */
export interface ServedEmulator {
  /** The base URL, e.g. `http://127.0.0.1:53211` (`https://` with TLS), for the SDK's `apiBase`. */
  readonly url: string
  readonly port: number
  /** Stops listening and closes idle keep-alive connections. */
  close(): Promise<void>
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** Serves `emulator` over HTTP; resolves once listening. Defaults to 127.0.0.1 on a free port. */
export async function serveEmulator(
  emulator: Emulator,
  options: ServeOptions = {},
): Promise<ServedEmulator> {
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://emulator.invalid')
      const header = request.headers['x-wxmp-host']
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([k, v]) => [
          k,
          Array.isArray(v) ? v.join(', ') : (v ?? ''),
        ]),
      )
      const answer = await emulator.handle({
        method: request.method ?? 'GET',
        // The Host header names the emulator itself, so only the override header can pick mp/open.
        host: hostOf('', typeof header === 'string' ? header : undefined),
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        headers,
        body: await readBody(request),
        ...(request.socket.remoteAddress === undefined
          ? {}
          : { remoteAddress: request.socket.remoteAddress }),
      })
      if (answer.drop === true) {
        request.socket.destroy()
        return
      }
      response.writeHead(answer.status, answer.headers)
      response.end(answer.body)
    })().catch(() => {
      // handle() never rejects; this is a broken socket, nothing left to answer.
      response.destroy()
    })
  }
  const server = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener)
    : createServer(listener)
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeIdleConnections()
      }),
  }
}
