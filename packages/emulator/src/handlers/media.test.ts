import { ERRCODE } from '@wxmp/core'
import { afterEach, describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'
import type { Harness, Json } from '../emulator.test.helpers.js'
import { TEMPORARY_TTL_SECONDS } from '../media-store.js'
import { serveEmulator } from '../serve.js'
import type { ServedEmulator } from '../serve.js'

const API = 'https://api.weixin.qq.com'
const KB = 1024
const MB = 1024 * KB

/** Distinct bytes of `size`, so a round trip that mixes files up fails. */
function bytes(size: number, salt = 0): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 31 + salt) & 0xff
  return out
}

interface Part {
  readonly data: Uint8Array
  readonly filename: string
  readonly contentType?: string
}

/** A real multipart upload (FormData + Blob, encoded by the platform's Request). */
async function upload(
  h: Harness,
  path: string,
  query: Record<string, string>,
  media: Part | undefined,
  fields: Record<string, string> = {},
): Promise<Json> {
  const form = new FormData()
  if (media) {
    const blob = new Blob([new Uint8Array(media.data)], {
      type: media.contentType ?? 'application/octet-stream',
    })
    form.append('media', blob, media.filename)
  }
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  const url = `${API}${path}?${new URLSearchParams(query).toString()}`
  const response = await h.emulator.fetch(new Request(url, { method: 'POST', body: form }))
  expect(response.status).toBe(200)
  return (await response.json()) as Json
}

async function setup(): Promise<Harness & { access_token: string }> {
  const h = harness()
  return { ...h, access_token: await h.token() }
}

const JPEG = { data: bytes(3000, 1), filename: 'photo.jpg', contentType: 'image/jpeg' }

describe('media/upload and media/get (§6.2)', () => {
  it('stores the bytes and gives them back identical, with Content-Type and a file name', async () => {
    const h = await setup()
    const uploaded = await upload(
      h,
      '/cgi-bin/media/upload',
      { access_token: h.access_token, type: 'image' },
      JPEG,
    )
    expectValidResponse('media.upload', uploaded)
    expect(uploaded.type).toBe('image')
    expect(uploaded.media_id).toMatch(/^[A-Za-z0-9_-]{64}$/)
    expect(uploaded.created_at).toBe(Math.floor(h.clock.now() / 1000))

    const url = `${API}/cgi-bin/media/get?access_token=${h.access_token}&media_id=${String(uploaded.media_id)}`
    const response = await h.emulator.fetch(new Request(url))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/jpeg')
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="photo.jpg"')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(JPEG.data)
  })

  it('forgets temporary media after 3 days on the clock: 40007', async () => {
    const h = await setup()
    const { media_id } = await upload(
      h,
      '/cgi-bin/media/upload',
      { access_token: h.access_token, type: 'voice' },
      {
        data: bytes(100),
        filename: 'v.amr',
        contentType: 'audio/amr',
      },
    )
    h.clock.advance((TEMPORARY_TTL_SECONDS - 1) * 1000)
    const get = async (): Promise<Response> => {
      const token = await h.token()
      return h.emulator.fetch(
        new Request(`${API}/cgi-bin/media/get?access_token=${token}&media_id=${String(media_id)}`),
      )
    }
    expect((await get()).headers.get('content-type')).toBe('audio/amr')
    h.clock.advance(1000)
    expectError((await (await get()).json()) as Json, ERRCODE.INVALID_MEDIA_ID)
  })

  it('answers a video with {video_url}, an unknown id with 40007, a missing id with 41006', async () => {
    const h = await setup()
    const { media_id } = await upload(
      h,
      '/cgi-bin/media/upload',
      { access_token: h.access_token, type: 'video' },
      {
        data: bytes(500),
        filename: 'clip.mp4',
        contentType: 'video/mp4',
      },
    )
    const video = await h.call('GET', '/cgi-bin/media/get', {
      access_token: h.access_token,
      media_id: String(media_id),
    })
    expectValidResponse('media.get', video)
    expect(video.video_url).toContain(String(media_id))
    expectError(
      await h.call('GET', '/cgi-bin/media/get', { access_token: h.access_token, media_id: 'nope' }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(
      await h.call('GET', '/cgi-bin/media/get', { access_token: h.access_token }),
      ERRCODE.MEDIA_ID_MISSING,
    )
  })

  it('keeps media per account: another account cannot read it', async () => {
    const h = await setup()
    const id = h.emulator.state.registerTemporaryMedia(APPID, {
      type: 'image',
      bytes: bytes(10),
      contentType: 'image/png',
      filename: 'in.png',
    })
    expect(h.emulator.state.media.getTemporary(APPID.toUpperCase(), id)?.bytes).toEqual(bytes(10))
    expect(h.emulator.state.media.getTemporary('wxotheraccount0000', id)).toBeUndefined()
  })

  it('registerTemporaryMedia makes a fan’s inbound image downloadable by media_id', async () => {
    const h = await setup()
    const id = h.emulator.state.registerTemporaryMedia(APPID, {
      type: 'image',
      bytes: bytes(64, 9),
      contentType: 'image/png',
      filename: 'fan.png',
    })
    const response = await h.emulator.fetch(
      new Request(`${API}/cgi-bin/media/get?access_token=${h.access_token}&media_id=${id}`),
    )
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes(64, 9))
  })

  it('refuses a bad type (40004), a wrong extension (40005) and oversized files (40009–40012)', async () => {
    const h = await setup()
    const send = (type: string, part: Part): Promise<Json> =>
      upload(h, '/cgi-bin/media/upload', { access_token: h.access_token, type }, part)
    expectError(await send('file', JPEG), ERRCODE.INVALID_MEDIA_TYPE)
    expectError(await send('image', { ...JPEG, filename: 'photo.exe' }), ERRCODE.INVALID_FILE_TYPE)
    expectError(await send('thumb', { ...JPEG, filename: 'photo.png' }), ERRCODE.INVALID_FILE_TYPE)
    expectError(
      await send('image', { data: bytes(10 * MB + 1), filename: 'a.png' }),
      ERRCODE.INVALID_IMAGE_SIZE,
    )
    expectError(
      await send('voice', { data: bytes(2 * MB + 1), filename: 'a.mp3' }),
      ERRCODE.INVALID_VOICE_SIZE,
    )
    expectError(
      await send('video', { data: bytes(10 * MB + 1), filename: 'a.mp4' }),
      ERRCODE.INVALID_VIDEO_SIZE,
    )
    expectError(
      await send('thumb', { data: bytes(64 * KB + 1), filename: 'a.jpg' }),
      ERRCODE.INVALID_THUMB_SIZE,
    )
    expectValidResponse(
      'media.upload',
      await send('thumb', { data: bytes(64 * KB), filename: 'A.JPG' }),
    )
    expectError(
      await send('image', { data: new Uint8Array(0), filename: 'a.png' }),
      ERRCODE.EMPTY_MEDIA_DATA,
    )
  })

  it('answers 41005 for a missing file part or a body that is not multipart', async () => {
    const h = await setup()
    const query = `access_token=${h.access_token}&type=image`
    expectError(
      await upload(
        h,
        '/cgi-bin/media/upload',
        { access_token: h.access_token, type: 'image' },
        undefined,
        { x: '1' },
      ),
      ERRCODE.MEDIA_DATA_MISSING,
    )
    const raw = async (contentType: string | undefined, body: string): Promise<Json> => {
      const answer = await h.emulator.handle({
        method: 'POST',
        path: '/cgi-bin/media/upload',
        query,
        ...(contentType === undefined ? {} : { headers: { 'Content-Type': contentType } }),
        body,
      })
      return JSON.parse(String(answer.body)) as Json
    }
    expectError(await raw(undefined, '{}'), ERRCODE.MEDIA_DATA_MISSING)
    expectError(await raw('application/json', '{}'), ERRCODE.MEDIA_DATA_MISSING)
    expectError(
      await raw('multipart/form-data; boundary=XX', 'garbage'),
      ERRCODE.MEDIA_DATA_MISSING,
    )
    // Unterminated: the part never reaches its closing delimiter.
    const open = '--XX\r\nContent-Disposition: form-data; name="media"; filename="a.jpg"\r\n\r\nabc'
    expectError(await raw('multipart/form-data; boundary=XX', open), ERRCODE.MEDIA_DATA_MISSING)
    // A hand-written body with a quoted boundary parses.
    const body = `${open}\r\n--XX--\r\n`
    expectValidResponse('media.upload', await raw('multipart/form-data; boundary="XX"', body))
  })

  it('uploadimg: jpg/png under 1 MB → {url}', async () => {
    const h = await setup()
    const send = (part: Part): Promise<Json> =>
      upload(h, '/cgi-bin/media/uploadimg', { access_token: h.access_token }, part)
    const ok = await send({ data: bytes(100), filename: 'x.png', contentType: 'image/png' })
    expectValidResponse('media.uploadImg', ok)
    expect(ok.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\//)
    expectError(await send({ data: bytes(100), filename: 'x.gif' }), ERRCODE.INVALID_FILE_TYPE)
    expectError(await send({ data: bytes(MB + 1), filename: 'x.jpg' }), ERRCODE.INVALID_IMAGE_SIZE)
  })
})

describe('serveEmulator with uploads', () => {
  let served: ServedEmulator | undefined
  afterEach(async () => {
    await served?.close()
    served = undefined
  })

  it('round-trips a FormData upload and its download over real HTTP', async () => {
    const h = await setup()
    served = await serveEmulator(h.emulator, { port: 0 })
    const form = new FormData()
    form.append('media', new Blob([new Uint8Array(JPEG.data)], { type: 'image/jpeg' }), 'photo.jpg')
    const response = await fetch(
      `${served.url}/cgi-bin/media/upload?access_token=${h.access_token}&type=image`,
      { method: 'POST', body: form },
    )
    const uploaded = (await response.json()) as Json
    expectValidResponse('media.upload', uploaded)
    const file = await fetch(
      `${served.url}/cgi-bin/media/get?access_token=${h.access_token}&media_id=${String(uploaded.media_id)}`,
    )
    expect(file.headers.get('content-type')).toBe('image/jpeg')
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="photo.jpg"')
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(JPEG.data)
  })
})
