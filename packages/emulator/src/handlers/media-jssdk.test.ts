import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, harness } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { TEMPORARY_TTL_SECONDS } from '../media-store.js'
import type { MediaType } from '../media-store.js'
import { JSSDK_VOICE_CONTENT_TYPE } from './media.js'

const VOICE = Uint8Array.from([0x23, 0x21, 0x41, 0x4d, 0x52, 0x0a, 1, 2, 3])

async function setup() {
  const h = harness()
  const keep = (type: MediaType, filename: string) =>
    h.emulator.state.registerTemporaryMedia(APPID, {
      type,
      bytes: VOICE,
      contentType: 'application/octet-stream',
      filename,
    })
  // A fresh access_token per call: the expiry test outlives a token's 7200 s on the clock.
  const download = async (query: Record<string, string>) =>
    h.emulator.handle({
      method: 'GET',
      path: '/cgi-bin/media/get/jssdk',
      query: new URLSearchParams({ access_token: await h.token(), ...query }).toString(),
      body: '',
    })
  const error = async (query: Record<string, string>): Promise<Json> =>
    JSON.parse(String((await download(query)).body)) as Json
  return { h, keep, download, error }
}

describe('media/get/jssdk (§6.2)', () => {
  it('answers a voice as speex bytes, with its file name', async () => {
    const { keep, download } = await setup()
    const media_id = keep('voice', 'upload.amr')
    const answer = await download({ media_id })
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toBe(JSSDK_VOICE_CONTENT_TYPE)
    expect(answer.headers['content-type']).toBe('voice/speex')
    expect(answer.headers['content-length']).toBe(String(VOICE.byteLength))
    expect(answer.headers['content-disposition']).toBe('attachment; filename="upload.amr"')
    expect(new Uint8Array(answer.body as Buffer)).toEqual(VOICE)
  })

  it('answers 40007 for media that is not a voice, unknown, or past its 3 days', async () => {
    const { h, keep, download, error } = await setup()
    for (const type of ['image', 'video', 'thumb'] as const) {
      expectError(await error({ media_id: keep(type, `f.${type}`) }), ERRCODE.INVALID_MEDIA_ID)
    }
    expectError(await error({ media_id: 'no-such-media' }), ERRCODE.INVALID_MEDIA_ID)

    const media_id = keep('voice', 'v.amr')
    h.clock.advance((TEMPORARY_TTL_SECONDS - 1) * 1000)
    expect((await download({ media_id })).headers['content-type']).toBe('voice/speex')
    h.clock.advance(1000)
    expectError(await error({ media_id }), ERRCODE.INVALID_MEDIA_ID)
  })

  it('answers 41006 without a media_id, and stays a GET (43001)', async () => {
    const { h, error } = await setup()
    expectError(await error({}), ERRCODE.MEDIA_ID_MISSING)
    expectError(await error({ media_id: '' }), ERRCODE.MEDIA_ID_MISSING)
    const access_token = await h.token()
    expectError(
      await h.call('POST', '/cgi-bin/media/get/jssdk', { access_token, media_id: 'x' }, '{}'),
      ERRCODE.REQUIRE_GET_METHOD,
    )
  })
})
