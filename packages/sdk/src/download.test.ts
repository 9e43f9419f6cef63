/** `client.download`: a file's bytes as a stream, with the typed method's auth and errors. */
import { WxApiError } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import type { StreamedFile } from './internal/decode.js'
import { setup } from './sdk.test.helpers.js'

/** Reads a web stream to the end. */
async function readAll(body: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  for await (const chunk of body) chunks.push(chunk)
  return new Uint8Array(Buffer.concat(chunks))
}

describe('client.download', () => {
  it('streams a downloaded file: the same bytes, type, name and length', async () => {
    const { client } = setup()
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) & 0xff)
    const { media_id } = await client.media.upload({
      type: 'image',
      media: { data: Buffer.from(bytes), filename: 'big.jpg' },
    })
    const file = (await client.download('media.get', { media_id })) as StreamedFile
    expect(file.body).toBeInstanceOf(ReadableStream)
    expect(file).toMatchObject({ contentType: 'image/jpeg', filename: 'big.jpg', size: 300_000 })
    expect(await readAll(file.body)).toEqual(bytes)
  })

  it('answers a JSON success as the typed method does (a video’s video_url)', async () => {
    const { client } = setup()
    const { media_id } = await client.media.upload({
      type: 'video',
      media: { data: Buffer.from([0, 0, 0, 24]), filename: 'clip.mp4' },
    })
    expect(await client.download('media.get', { media_id })).toMatchObject({
      video_url: expect.stringMatching(/^https?:\/\//) as unknown,
    })
  })

  it('throws WeChat’s errcode as the typed method does, and refuses a non-download endpoint', async () => {
    const { client } = setup()
    const error: unknown = await client
      .download('media.get', { media_id: 'missing' })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WxApiError)
    expect(error).toMatchObject({ errcode: 40007, endpoint: 'media.get' })
    await expect(
      // @ts-expect-error -- menu.get answers JSON, not a file.
      client.download('menu.get'),
    ).rejects.toMatchObject({ code: 'WX_ERR_CONFIG' })
  })
})
