import { afterEach, describe, expect, it, vi } from 'vitest'
import type { WebhookRequest, WebhookResponse } from '../http-types.js'
import { serveWebhook, type RunningServer, type ServeOptions } from '../node-server.js'
import { postRequest, rawConnect } from './raw-client.test-support.js'

const running: RunningServer[] = []
afterEach(async () => {
  for (const server of running.splice(0)) {
    server.closeAllConnections()
    await server.close()
  }
})

/** An app that answers `echo:<body>` and records what reached it. */
function echoHandler(maxBodyBytes = 1024) {
  const seen: WebhookRequest[] = []
  return {
    seen,
    maxBodyBytes,
    handle(req: WebhookRequest): WebhookResponse {
      seen.push(req)
      return { status: 200, body: `echo:${req.body}`, contentType: 'application/xml' }
    },
  }
}

async function serve(
  app: Parameters<typeof serveWebhook>[0],
  options: ServeOptions = {},
): Promise<RunningServer> {
  const server = await serveWebhook(app, { port: 0, ...options })
  running.push(server)
  return server
}

describe('the fast HTTP front', () => {
  it('answers a plain push with the headers node:http would send, and keeps the connection', async () => {
    const app = echoHandler()
    const server = await serve(app)
    const conn = await rawConnect(server.port)
    await conn.write(postRequest('/wx?signature=s&timestamp=1', '<xml>你好</xml>'))
    await conn.write(postRequest('/wx/second', 'two'))
    const [first, second] = await conn.responses(2)
    expect(first).toMatchObject({ status: 200, body: 'echo:<xml>你好</xml>' })
    expect(first!.headers).toMatchObject({
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength('echo:<xml>你好</xml>')),
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
    })
    expect(Date.parse(first!.headers.date!)).not.toBeNaN()
    expect(second!.body).toBe('echo:two')
    expect(app.seen.map((r) => [r.method, r.path, r.query])).toEqual([
      ['POST', '/wx', 'signature=s&timestamp=1'],
      ['POST', '/wx/second', ''],
    ])
    conn.end()
  })

  it('reads a request however the bytes are split across packets', async () => {
    const app = echoHandler()
    const server = await serve(app)
    const request = Buffer.from(postRequest('/wx?a=1', '<xml><A>数据</A></xml>'))
    // Every split point: inside the request line, the head, the blank line and a UTF-8 character.
    for (let at = 1; at < request.length; at++) {
      const conn = await rawConnect(server.port)
      await conn.write(request.subarray(0, at))
      await new Promise((resolve) => setImmediate(resolve))
      await conn.write(request.subarray(at))
      const [answer] = await conn.responses(1)
      expect(answer!.body, `split at ${at}`).toBe('echo:<xml><A>数据</A></xml>')
      conn.end()
    }
    expect(app.seen).toHaveLength(request.length - 1)
  })

  it('answers pipelined requests in order, even when the first is still being handled', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const app = {
      maxBodyBytes: 1024,
      handle: (req: WebhookRequest): WebhookResponse | Promise<WebhookResponse> => {
        const answer = { status: 200, body: `r:${req.body}`, contentType: 'text/plain' }
        return req.body === 'slow' ? gate.then(() => answer) : answer
      },
    }
    const server = await serve(app)
    const conn = await rawConnect(server.port)
    await conn.write(postRequest('/wx', 'slow') + postRequest('/wx', 'b') + postRequest('/wx', 'c'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    release()
    const answers = await conn.responses(3)
    expect(answers.map((a) => a.body)).toEqual(['r:slow', 'r:b', 'r:c'])
    conn.end()
  })

  it('hands a chunked request to node:http, which reads the whole body; the connection stays usable', async () => {
    const app = echoHandler()
    const server = await serve(app)
    const conn = await rawConnect(server.port)
    await conn.write(
      'POST /wx?x=1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<xml>\r\n',
    )
    await new Promise((resolve) => setTimeout(resolve, 10))
    await conn.write('6\r\n</xml>\r\n0\r\n\r\n')
    await conn.write(postRequest('/wx', 'after'))
    const answers = await conn.responses(2)
    expect(answers.map((a) => [a.status, a.body])).toEqual([
      [200, 'echo:<xml></xml>'],
      [200, 'echo:after'],
    ])
    expect(app.seen[0]).toMatchObject({ path: '/wx', query: 'x=1', body: '<xml></xml>' })
    conn.end()
  })

  it('hands `Expect: 100-continue` to node:http, which sends the interim answer', async () => {
    const server = await serve(echoHandler())
    const conn = await rawConnect(server.port)
    await conn.write(
      'POST /wx HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n',
    )
    const [interim] = await conn.responses(1)
    expect(interim!.status).toBe(100)
    await conn.write('abc')
    const answers = await conn.responses(2)
    expect(answers[1]).toMatchObject({ status: 200, body: 'echo:abc' })
    conn.end()
  })

  it.each([
    ['garbage', 'HELLO THERE\r\n\r\n'],
    [
      'two Content-Lengths',
      'POST /wx HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd',
    ],
    [
      'Content-Length and Transfer-Encoding',
      'POST /wx HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ],
    ['a signed Content-Length', 'POST /wx HTTP/1.1\r\nHost: a\r\nContent-Length: +3\r\n\r\nabc'],
    ['a space before the colon', 'POST /wx HTTP/1.1\r\nHost: a\r\nContent-Length : 3\r\n\r\nabc'],
    ['no Host on HTTP/1.1', 'POST /wx HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc'],
    ['a control character in the target', 'GET /wx\x01 HTTP/1.1\r\nHost: a\r\n\r\n'],
  ])('refuses %s with 400 (node:http decides) and never calls the handler', async (_, bytes) => {
    const app = echoHandler()
    const server = await serve(app)
    const conn = await rawConnect(server.port)
    await conn.write(bytes)
    const [answer] = await conn.responses(1)
    expect(answer!.status).toBe(400)
    await conn.closed
    expect(app.seen).toEqual([])
  })

  it('answers 431 to a head over 16 KiB, from node:http', async () => {
    const app = echoHandler()
    const server = await serve(app)
    const conn = await rawConnect(server.port)
    await conn.write(`GET /wx HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\n\r\n`)
    const [answer] = await conn.responses(1)
    expect(answer!.status).toBe(431)
    expect(app.seen).toEqual([])
  })

  it('answers 413 to a declared body over the limit before reading it, then closes', async () => {
    const app = echoHandler(100)
    const server = await serve(app)
    const conn = await rawConnect(server.port)
    await conn.write('POST /wx HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n')
    const [answer] = await conn.responses(1)
    expect(answer).toMatchObject({ status: 413, body: 'payload too large' })
    expect(answer!.headers.connection).toBe('close')
    await conn.closed
    expect(app.seen).toEqual([])
  })

  it('closes after the answer for HTTP/1.0 and for `Connection: close`', async () => {
    const server = await serve(echoHandler())
    for (const request of [
      'POST /wx HTTP/1.0\r\nContent-Length: 2\r\n\r\nhi',
      postRequest('/wx', 'hi', 'Connection: close\r\n'),
    ]) {
      const conn = await rawConnect(server.port)
      await conn.write(request + postRequest('/wx', 'ignored'))
      const [answer] = await conn.responses(1)
      expect(answer).toMatchObject({ status: 200, body: 'echo:hi' })
      expect(answer!.headers.connection).toBe('close')
      await conn.closed
    }
  })

  it('answers 408 to a request that stalls, and to one that trickles past the request timeout', async () => {
    const app = echoHandler()
    const server = await serve(app, { requestTimeoutMs: 300, keepAliveTimeoutMs: 100 })
    const stalled = await rawConnect(server.port)
    await stalled.write('POST /wx HTTP/1.1\r\nHost: a\r\nContent-Len')
    const [stalledAnswer] = await stalled.responses(1)
    expect(stalledAnswer!.status).toBe(408)
    await stalled.closed

    const trickle = await rawConnect(server.port)
    const request = postRequest('/wx', 'x'.repeat(20))
    let answered = false
    void trickle.closed.then(() => (answered = true))
    // One byte every 40 ms: never idle for 100 ms, but the whole request takes over 300 ms.
    for (let i = 0; i < request.length - 1 && !answered; i++) {
      await trickle.write(request[i]!).catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, 40))
    }
    const [trickleAnswer] = await trickle.responses(1)
    expect(trickleAnswer!.status).toBe(408)
    expect(app.seen).toEqual([])
  })

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const server = await serve(echoHandler(), { keepAliveTimeoutMs: 100 })
    const conn = await rawConnect(server.port)
    await conn.write(postRequest('/wx', 'a'))
    await conn.responses(1)
    await conn.closed
  })

  it('answers 500 and reports it when the pipeline itself throws', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
    const server = await serve({
      maxBodyBytes: 100,
      handle: () => {
        throw new Error('bug')
      },
    })
    const conn = await rawConnect(server.port)
    await conn.write(postRequest('/wx', 'a'))
    const [answer] = await conn.responses(1)
    expect(answer!.status).toBe(500)
    expect(warn).toHaveBeenCalledWith('wxmp webhook internal error: bug')
    warn.mockRestore()
  })

  it('close() ends idle connections at once and lets an answer in progress finish', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let started!: () => void
    const slowStarted = new Promise<void>((resolve) => (started = resolve))
    const server = await serveWebhook(
      {
        maxBodyBytes: 100,
        handle: async (req) => {
          if (req.body === 'slow') {
            started()
            await gate
          }
          return { status: 200, body: req.body, contentType: 'text/plain' }
        },
      },
      { port: 0 },
    )
    const idle = await rawConnect(server.port)
    await idle.write(postRequest('/wx', 'quick'))
    await idle.responses(1)
    const busy = await rawConnect(server.port)
    await busy.write(postRequest('/wx', 'slow'))
    await slowStarted
    const closing = server.close()
    await idle.closed
    release()
    const [answer] = await busy.responses(1)
    expect(answer).toMatchObject({ status: 200, body: 'slow' })
    expect(answer!.headers.connection).toBe('close')
    await closing
  })

  it('serves the same answers with `transport: node`', async () => {
    const app = echoHandler()
    const server = await serve(app, { transport: 'node' })
    const conn = await rawConnect(server.port)
    await conn.write(postRequest('/wx?q=1', 'a') + postRequest('/wx', 'b'))
    const answers = await conn.responses(2)
    expect(answers.map((a) => [a.status, a.body, a.headers['content-type']])).toEqual([
      [200, 'echo:a', 'application/xml'],
      [200, 'echo:b', 'application/xml'],
    ])
    conn.end()
  })
})
