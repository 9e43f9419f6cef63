/**
 * Several instances of the token service or the API proxy: calls stick to the instance that
 * works and move on when one cannot be reached — never repeating a send that may have arrived.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { Failover, neverArrived } from './internal/failover.js'
import { KEY, fakeProxy } from './proxy.test.helpers.js'
import { APPID, setup } from './sdk.test.helpers.js'
import { remoteTokenSource } from './token/remote.js'

/** A loopback port nothing listens on: connecting to it is refused at once. */
async function closedPort(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}`
}

describe('Failover', () => {
  it('sticks to the current instance and moves on only when that one fails', () => {
    const pool = new Failover(['http://a/', 'http://b', 'http://c'])
    expect(pool.current()).toBe('http://a')
    pool.failed('http://b') // not the current one: a late report changes nothing
    expect(pool.current()).toBe('http://a')
    pool.failed('http://a')
    expect(pool.current()).toBe('http://b')
    pool.failed('http://b')
    pool.failed('http://c')
    expect(pool.current()).toBe('http://a')
    expect(() => new Failover([])).toThrow(TypeError)
  })

  it('tells a refused connection from other failures', async () => {
    const dead = await closedPort()
    const refused: unknown = await fetch(dead).catch((error: unknown) => error)
    expect(neverArrived(refused)).toBe(true)
    expect(neverArrived(new TypeError('fetch failed'))).toBe(false)
    expect(neverArrived(new Error('timeout'))).toBe(false)
  })
})

describe('proxy failover', () => {
  it('sends a call the first instance refused to the next one, then stays there', async () => {
    const s = setup()
    const dead = await closedPort()
    const live = 'http://proxy-b.local'
    const { proxy, seen } = fakeProxy(s)
    const client = s.clientWith({
      secret: undefined,
      // The dead instance is a real refused socket; the live one is the fake proxy.
      fetch: (request) => (request.url.startsWith(dead) ? fetch(request) : proxy(request)),
      proxy: { baseUrl: [dead, live], clientKey: KEY },
    })
    const [template] = s.emulator.state.templates.list(APPID)
    // A send (not idempotent) may move: the refused instance never received it.
    const sent = await client.template.send({
      touser: s.follower(),
      template_id: template!.template_id,
      data: {
        character_string1: { value: 'DD1' },
        thing2: { value: '礼盒' },
        amount3: { value: '9.90元' },
        time4: { value: '2026年1月1日 12:30' },
      },
    })
    expect(sent.msgid).toMatch(/^\d+$/)
    expect(await s.calls('/cgi-bin/message/template/send')).toBe(1)
    await client.tags.get()
    expect(seen.map((call) => new URL(call.url).origin)).toEqual([live, live])
  })

  it('does not repeat a send on another instance after a timeout; an idempotent read moves on', async () => {
    const s = setup({ timeoutMs: 1000 })
    const silent = 'http://proxy-a.local'
    const live = 'http://proxy-b.local'
    const { proxy, seen } = fakeProxy(s)
    const client = s.clientWith({
      secret: undefined,
      timeoutMs: 1000,
      // The first instance takes requests and never answers.
      fetch: (request) =>
        request.url.startsWith(silent) ? new Promise<Response>(() => {}) : proxy(request),
      proxy: { baseUrl: [silent, live], clientKey: KEY },
    })
    const sending = client.customService
      .send({ touser: s.follower(), msgtype: 'text', text: { content: '您好' } })
      .catch((error: unknown) => error)
    await s.clock.advanceAsync(1000)
    expect(await sending).toMatchObject({ code: 'WX_ERR_TRANSPORT' })
    expect(seen).toEqual([])

    const reading = client.tags.get()
    await s.clock.advanceAsync(1000)
    await expect(reading).resolves.toHaveProperty('tags')
    expect(seen.map((call) => new URL(call.url).origin)).toEqual([live])
  })
})

describe('token service failover', () => {
  it('asks the next instance when one is down or failing, and sticks to it', async () => {
    const s = setup()
    const dead = await closedPort()
    const asked: string[] = []
    const service = (request: Request): Promise<Response> => {
      const origin = new URL(request.url).origin
      asked.push(origin)
      if (origin === dead) return fetch(request)
      if (origin === 'http://token-b.local')
        return Promise.resolve(
          Response.json({ error: { code: 'WX_TOKEN_UPSTREAM', message: 'down' } }, { status: 503 }),
        )
      return Promise.resolve(
        Response.json({ access_token: 'T-from-c', expires_at: s.clock.now() / 1000 + 7200 }),
      )
    }
    const tokens = remoteTokenSource({
      baseUrl: [dead, 'http://token-b.local', 'http://token-c.local'],
      clientKey: KEY,
      fetch: service,
      clock: s.clock,
    })
    expect(await tokens.get(APPID)).toBe('T-from-c')
    expect(asked).toEqual([dead, 'http://token-b.local', 'http://token-c.local'])
    await tokens.invalidate(APPID, 'T-from-c')
    expect(asked.at(-1)).toBe('http://token-c.local')
  })

  it('takes a refusal (4xx) as the answer instead of asking elsewhere', async () => {
    const s = setup()
    const asked: string[] = []
    const tokens = remoteTokenSource({
      baseUrl: ['http://token-a.local', 'http://token-b.local'],
      clientKey: 'wrong-key',
      fetch: (request) => {
        asked.push(new URL(request.url).origin)
        return Promise.resolve(
          Response.json(
            { error: { code: 'WX_TOKEN_UNAUTHORIZED', message: 'bad key' } },
            { status: 401 },
          ),
        )
      },
      clock: s.clock,
    })
    await expect(tokens.get(APPID)).rejects.toMatchObject({ status: 401 })
    expect(asked).toEqual(['http://token-a.local'])
  })
})
