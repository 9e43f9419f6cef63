/**
 * Bad input stops before the network, and a bad answer becomes a `WxTransportError` naming the
 * endpoint: never a crash, never an unhandled rejection.
 */
import { VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { createClient } from './client.js'
import type { FetchLike } from './options.js'
import { APPID, setup } from './sdk.test.helpers.js'
import { staticTokenSource } from './token/token-source.js'

describe('requests are validated before any network call', () => {
  it('names a missing required field', async () => {
    const s = setup()
    const error: unknown = await s.client.menu.create({} as never).catch((e: unknown) => e)
    expect(error).toMatchObject({
      code: 'WX_ERR_REQUEST',
      endpoint: 'menu.create',
      field: 'button',
    })
    expect((error as Error).message).toMatch(/^menu\.create: invalid request: button:/)
    expect(await s.calls('/cgi-bin/stable_token')).toBe(0)
    expect(await s.calls('/cgi-bin/menu/create')).toBe(0)
  })

  it('names a nested field of the wrong type', async () => {
    const s = setup()
    const error = await s.client.tags
      .create({ tag: { name: 42 } } as never)
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'WX_ERR_REQUEST', field: 'tag.name' })
    expect(await s.calls('/cgi-bin/tags/create')).toBe(0)
  })

  it('checks query parameters too', async () => {
    const s = setup()
    await expect(
      s.client.media.upload({
        type: 'gif' as never,
        media: { data: new Uint8Array(1), filename: 'a.jpg' },
      }),
    ).rejects.toMatchObject({ code: 'WX_ERR_REQUEST', field: 'type' })
  })

  it('refuses a file over WeChat’s limit or with an extension it refuses', async () => {
    const s = setup()
    await expect(
      s.client.media.upload({
        type: 'thumb',
        media: { data: new Uint8Array(64 * 1024 + 1), filename: 't.jpg' },
      }),
    ).rejects.toMatchObject({ code: 'WX_ERR_REQUEST', field: 'media', message: /65536/ })
    await expect(
      s.client.media.upload({
        type: 'image',
        media: { data: new Uint8Array(10), filename: 'a.exe' },
      }),
    ).rejects.toMatchObject({ code: 'WX_ERR_REQUEST', field: 'media', message: /\.exe/ })
    await expect(
      s.client.media.upload({ type: 'image', media: { path: '/no/such/file.jpg' } }),
    ).rejects.toMatchObject({ code: 'WX_ERR_REQUEST', message: /cannot read/ })
    expect(await s.calls('/cgi-bin/media/upload')).toBe(0)
  })

  it('refuses an AppSecret call on a client without a secret', async () => {
    const client = createClient({ appid: APPID, tokenSource: staticTokenSource({ [APPID]: 't' }) })
    await expect(client.oauth.accessToken({ code: 'c' })).rejects.toMatchObject({
      code: 'WX_ERR_CONFIG',
      field: 'secret',
    })
  })

  it('refuses a client that cannot authorise its calls', () => {
    expect(() => createClient({ appid: APPID })).toThrow(/secret.*tokenSource.*proxy/)
  })
})

/** A client whose fetch answers with `respond`, on a static token. */
function clientAnswering(respond: FetchLike, retryAttempts = 1) {
  return createClient({
    appid: APPID,
    tokenSource: staticTokenSource({ [APPID]: 'TOKEN' }),
    fetch: respond,
    clock: new VirtualClock(),
    retry: { attempts: retryAttempts, baseDelayMs: 0 },
  })
}

describe('bad answers become WxTransportError with the endpoint id', () => {
  it.each([
    [
      'a truncated JSON body',
      () =>
        new Response('{"errcode":0,"tags":[', { headers: { 'content-type': 'application/json' } }),
      /not JSON/,
    ],
    [
      'an HTML error page',
      () => new Response('<html>502</html>', { headers: { 'content-type': 'text/html' } }),
      /expected JSON/,
    ],
    ['HTTP 502', () => new Response('bad gateway', { status: 502 }), /HTTP 502/],
    [
      'a JSON array',
      () => new Response('[1]', { headers: { 'content-type': 'application/json' } }),
      /not a JSON object/,
    ],
  ])('%s', async (_name, answer, message) => {
    const client = clientAnswering(async () => answer())
    await expect(client.tags.get()).rejects.toMatchObject({
      code: 'WX_ERR_TRANSPORT',
      endpoint: 'tags.get',
      message,
    })
  })

  it('a network failure, after the idempotent retries', async () => {
    let calls = 0
    const client = clientAnswering(async () => {
      calls += 1
      throw new TypeError('fetch failed', { cause: new Error('ECONNRESET') })
    }, 3)
    await expect(client.tags.get()).rejects.toMatchObject({
      code: 'WX_ERR_TRANSPORT',
      endpoint: 'tags.get',
      message: /ECONNRESET/,
    })
    expect(calls).toBe(3)
  })

  it('a 404 is not retried: a wrong URL does not get better', async () => {
    let calls = 0
    const client = clientAnswering(async () => {
      calls += 1
      return new Response('not found', { status: 404 })
    }, 3)
    await expect(client.tags.get()).rejects.toMatchObject({ status: 404 })
    expect(calls).toBe(1)
  })

  it('a download endpoint answering JSON without errcode', async () => {
    const client = clientAnswering(async () => Response.json({ hello: 1 }))
    await expect(client.qrcode.show({ ticket: 'T' })).rejects.toMatchObject({
      code: 'WX_ERR_TRANSPORT',
      endpoint: 'qrcode.show',
    })
  })

  it('quotes 64-bit ids before parsing', async () => {
    const body =
      '{"errcode":0,"errmsg":"send job submission success","msg_id":1000000000000000001,"msg_data_id":2247483649}'
    const client = clientAnswering(
      async () => new Response(body, { headers: { 'content-type': 'application/json' } }),
    )
    const sent = await client.mass.send({
      touser: ['o1', 'o2'],
      msgtype: 'text',
      text: { content: 'hi' },
    })
    expect(sent.msg_id).toBe('1000000000000000001')
    expect(sent.msg_data_id).toBe('2247483649')
  })

  it('an answer that breaks the table’s schema, when validation is on', async () => {
    const client = createClient({
      appid: APPID,
      tokenSource: staticTokenSource({ [APPID]: 'TOKEN' }),
      fetch: async () => Response.json({ tags: 'nope' }),
      validateResponses: true,
    })
    await expect(client.tags.get()).rejects.toMatchObject({ message: /schema at tags/ })
  })
})

describe('the OAuth consent page', () => {
  it('is refused as a call when WeChat answers it with HTML', async () => {
    const client = clientAnswering(
      async () => new Response('<html>授权</html>', { headers: { 'content-type': 'text/html' } }),
    )
    await expect(
      client.oauth.authorize({ redirect_uri: 'https://e.com/cb', scope: 'snsapi_base' }),
    ).rejects.toMatchObject({ code: 'WX_ERR_TRANSPORT', message: /browser/ })
  })

  it('is not retried: asking again shows the same page', async () => {
    let calls = 0
    const client = clientAnswering(async () => {
      calls += 1
      return new Response('<html>授权</html>', { headers: { 'content-type': 'text/html' } })
    }, 3)
    await expect(
      client.oauth.authorize({ redirect_uri: 'https://e.com/cb', scope: 'snsapi_userinfo' }),
    ).rejects.toMatchObject({ code: 'WX_ERR_TRANSPORT', message: /browser/ })
    expect(calls).toBe(1)
  })
})
