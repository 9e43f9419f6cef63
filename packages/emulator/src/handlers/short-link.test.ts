import { ERRCODE } from '@wxmp/core'
import { SHORT_LINK_MAX_DATA_BYTES, SHORT_LINK_MAX_EXPIRE_SECONDS } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { expectError, expectValidResponse } from '../emulator.test.helpers.js'
import { SHORT_KEY_LENGTH } from '../short-link-store.js'
import { messageHarness } from './messages.test.helpers.js'

async function setup() {
  const h = await messageHarness()
  const generate = (body: unknown) => h.post('/cgi-bin/shorten/gen', body)
  const fetchKey = (short_key: unknown) => h.post('/cgi-bin/shorten/fetch', { short_key })
  return { ...h, generate, fetchKey }
}

describe('shorten/gen and shorten/fetch (短key托管, unverified)', () => {
  it('keeps long data under a new short key and gives it back with its times', async () => {
    const { generate, fetchKey, clock } = await setup()
    // The page's example exchange: {long_data, expire_seconds} → {errcode, errmsg, short_key}.
    const made = await generate({ long_data: 'loooooong data', expire_seconds: 86400 })
    expectValidResponse('shortLink.generate', made)
    expect(made).toEqual({ errcode: 0, errmsg: 'ok', short_key: expect.any(String) })
    expect(made.short_key).toMatch(new RegExp(`^[A-Za-z0-9_-]{${SHORT_KEY_LENGTH}}$`))

    clock.advance(10_000)
    const fetched = await fetchKey(made.short_key)
    expectValidResponse('shortLink.fetch', fetched)
    expect(fetched).toEqual({
      errcode: 0,
      errmsg: 'ok',
      long_data: 'loooooong data',
      create_time: Math.floor((clock.now() - 10_000) / 1000),
      expire_seconds: 86400 - 10,
    })
  })

  it('makes a new key on every call, even for the same data', async () => {
    const { generate, fetchKey } = await setup()
    const a = await generate({ long_data: 'same' })
    const b = await generate({ long_data: 'same' })
    expect(a.short_key).not.toBe(b.short_key)
    expect((await fetchKey(b.short_key)).long_data).toBe('same')
  })

  it('keeps a key 30 days by default, and forgets it when it expires', async () => {
    const { generate, fetchKey, clock, renewToken } = await setup()
    const made = await generate({ long_data: 'x' })
    expect((await fetchKey(made.short_key)).expire_seconds).toBe(SHORT_LINK_MAX_EXPIRE_SECONDS)
    clock.advance(SHORT_LINK_MAX_EXPIRE_SECONDS * 1000 - 1)
    await renewToken()
    expect((await fetchKey(made.short_key)).expire_seconds).toBe(1)
    clock.advance(1)
    expectError(await fetchKey(made.short_key), ERRCODE.INVALID_PARAMETER)
  })

  it('answers 40035 for a key it never made [inferred]', async () => {
    const { fetchKey } = await setup()
    expectError(await fetchKey('iTVBSC7n7D2uj4Y'), ERRCODE.INVALID_PARAMETER)
    expectError(await fetchKey(''), ERRCODE.INVALID_PARAMETER)
  })

  it('accepts up to 4 KB of data (UTF-8 bytes) and 30 days; beyond, or empty or 0 s → 40035', async () => {
    const { generate } = await setup()
    const max = '中'.repeat(1365) + 'a' // 4,096 bytes
    expect(Buffer.byteLength(max)).toBe(SHORT_LINK_MAX_DATA_BYTES)
    expect((await generate({ long_data: max })).errcode).toBe(0)
    expectError(await generate({ long_data: `${max}a` }), ERRCODE.INVALID_PARAMETER)
    expectError(await generate({ long_data: '' }), ERRCODE.INVALID_PARAMETER)
    expect(
      (await generate({ long_data: 'x', expire_seconds: SHORT_LINK_MAX_EXPIRE_SECONDS })).errcode,
    ).toBe(0)
    expectError(
      await generate({ long_data: 'x', expire_seconds: SHORT_LINK_MAX_EXPIRE_SECONDS + 1 }),
      ERRCODE.INVALID_PARAMETER,
    )
    expectError(await generate({ long_data: 'x', expire_seconds: 0 }), ERRCODE.INVALID_PARAMETER)
  })

  it('answers 47001 for bodies of the wrong shape', async () => {
    const { generate, fetchKey, post } = await setup()
    expectError(await generate({ long_data: 42 }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await generate({ long_data: 'x', expire_seconds: -1 }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await generate({ long_data: 'x', expire_seconds: 1.5 }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await generate({}), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await fetchKey(['k']), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await post('/cgi-bin/shorten/gen', 'not json'), ERRCODE.DATA_FORMAT_ERROR)
  })
})
