import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'
import type { Harness, Json } from '../emulator.test.helpers.js'
import { article, articleHarness } from './articles.test.helpers.js'

const API = 'https://api.weixin.qq.com'

function bytes(size: number, salt = 0): Uint8Array {
  const out = new Uint8Array(size)
  for (let i = 0; i < size; i++) out[i] = (i * 7 + salt) & 0xff
  return out
}

async function setup(): Promise<Harness & { access_token: string }> {
  const h = harness()
  return { ...h, access_token: await h.token() }
}

type H = Awaited<ReturnType<typeof setup>>

/** `add_material` with a real FormData body. */
async function add(
  h: H,
  type: string,
  filename: string,
  data: Uint8Array,
  fields: Record<string, string> = {},
): Promise<Json> {
  const form = new FormData()
  form.append(
    'media',
    new Blob([new Uint8Array(data)], { type: 'application/octet-stream' }),
    filename,
  )
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  const url = `${API}/cgi-bin/material/add_material?access_token=${h.access_token}&type=${type}`
  const response = await h.emulator.fetch(new Request(url, { method: 'POST', body: form }))
  return (await response.json()) as Json
}

const post = (h: H, path: string, body: unknown): Promise<Json> =>
  h.call('POST', path, { access_token: h.access_token }, body)

describe('permanent material (§6.3)', () => {
  it('adds an image ({media_id, url}) and gives its bytes back', async () => {
    const h = await setup()
    const added = await add(h, 'image', 'logo.png', bytes(2048, 3))
    expectValidResponse('material.add', added)
    expect(added.media_id).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(added.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//)

    const response = await h.emulator.fetch(
      new Request(`${API}/cgi-bin/material/get_material?access_token=${h.access_token}`, {
        method: 'POST',
        body: JSON.stringify({ media_id: added.media_id }),
      }),
    )
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="logo.png"')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes(2048, 3))
  })

  it('adds a video with its description and answers it as {title, description, down_url}', async () => {
    const h = await setup()
    const added = await add(h, 'video', 'v.mp4', bytes(100), {
      description: JSON.stringify({ title: '标题', introduction: '介绍' }),
    })
    expectValidResponse('material.add', added)
    expect(added.url).toBeUndefined()
    const video = await post(h, '/cgi-bin/material/get_material', { media_id: added.media_id })
    expectValidResponse('material.get', video)
    expect(video).toMatchObject({ title: '标题', description: '介绍' })
    expect(String(video.down_url)).toContain(String(added.media_id))
    // A video without a readable description is refused [inferred].
    expectError(await add(h, 'video', 'v.mp4', bytes(100)), ERRCODE.DATA_FORMAT_ERROR)
    expectError(
      await add(h, 'video', 'v.mp4', bytes(100), { description: 'not json' }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
  })

  it('applies the permanent limits: bad type 40004, extension 40005, size 40010', async () => {
    const h = await setup()
    expectError(await add(h, 'news', 'a.jpg', bytes(10)), ERRCODE.INVALID_MEDIA_TYPE)
    expectValidResponse('material.add', await add(h, 'image', 'a.bmp', bytes(10)))
    expectError(await add(h, 'voice', 'a.ogg', bytes(10)), ERRCODE.INVALID_FILE_TYPE)
    expectError(
      await add(h, 'voice', 'a.wav', bytes(2 * 1024 * 1024 + 1)),
      ERRCODE.INVALID_VOICE_SIZE,
    )
  })

  it('counts, lists (newest first, 1–20 a page) and deletes', async () => {
    const h = await setup()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      ids.push(String((await add(h, 'image', `p${i}.jpg`, bytes(10, i))).media_id))
      h.clock.advance(1000)
    }
    await add(h, 'voice', 'v.mp3', bytes(10))
    await add(h, 'thumb', 't.jpg', bytes(10))

    const count = await h.call('GET', '/cgi-bin/material/get_materialcount', {
      access_token: h.access_token,
    })
    expectValidResponse('material.getCount', count)
    expect(count).toEqual({ voice_count: 1, video_count: 0, image_count: 3, news_count: 0 })

    const page = await post(h, '/cgi-bin/material/batchget_material', {
      type: 'image',
      offset: 1,
      count: 20,
    })
    expectValidResponse('material.batchGet', page)
    expect(page.total_count).toBe(3)
    expect(page.item_count).toBe(2)
    const items = page.item as Json[]
    expect(items.map((item) => item.media_id)).toEqual([ids[1], ids[0]])
    expect(items[0]).toMatchObject({ name: 'p1.jpg', update_time: expect.any(Number) as number })
    expect(String(items[0]?.url)).toMatch(/^http:\/\/mmbiz/)

    const news = await post(h, '/cgi-bin/material/batchget_material', {
      type: 'news',
      offset: 0,
      count: 1,
    })
    expect(news).toEqual({ total_count: 0, item_count: 0, item: [] })
    for (const count of [0, 21])
      expectError(
        await post(h, '/cgi-bin/material/batchget_material', { type: 'image', offset: 0, count }),
        ERRCODE.INVALID_PARAMETER,
      )

    expect(await post(h, '/cgi-bin/material/del_material', { media_id: ids[0] })).toEqual({
      errcode: 0,
      errmsg: 'ok',
    })
    expectError(
      await post(h, '/cgi-bin/material/del_material', { media_id: ids[0] }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(
      await post(h, '/cgi-bin/material/get_material', { media_id: ids[0] }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    const after = await h.call('GET', '/cgi-bin/material/get_materialcount', {
      access_token: h.access_token,
    })
    expect(after.image_count).toBe(2)
  })

  it('keeps temporary media out of the library', async () => {
    const h = await setup()
    h.emulator.state.registerTemporaryMedia('wx0123456789abcdef', {
      type: 'image',
      bytes: bytes(5),
      contentType: 'image/jpeg',
      filename: 'x.jpg',
    })
    const count = await h.call('GET', '/cgi-bin/material/get_materialcount', {
      access_token: h.access_token,
    })
    expect(count.image_count).toBe(0)
  })
})

describe('news material (legacy add_news, §6.3)', () => {
  const legacy = (thumb: string, fields: Record<string, unknown> = {}) =>
    article(thumb, { show_cover_pic: 1, content_source_url: 'https://example.com/', ...fields })

  it('adds news material and answers it from get_material as {news_item}', async () => {
    const h = await articleHarness()
    const added = await h.post('/cgi-bin/material/add_news', {
      articles: [legacy(h.thumb, { title: 'one' }), legacy(h.image, { title: 'two' })],
    })
    expectValidResponse('material.addNews', added)
    expect(added.media_id).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const got = await h.post('/cgi-bin/material/get_material', { media_id: added.media_id })
    expectValidResponse('material.get', got)
    const items = got.news_item as Json[]
    expect(items.map((item) => item.title)).toEqual(['one', 'two'])
    expect(items[0]).toMatchObject({
      thumb_media_id: h.thumb,
      show_cover_pic: 1,
      content_source_url: 'https://example.com/',
      digest: '',
    })
    // Legacy news has no article_type; each article has an address.
    expect(items[0]).not.toHaveProperty('article_type')
    expect(String(items[1]?.url)).toMatch(/^http:\/\/mp\.weixin\.qq\.com\/s\?.*&idx=2&/)
    // News material is not a draft.
    expectError(
      await h.post('/cgi-bin/draft/get', { media_id: added.media_id }),
      ERRCODE.INVALID_MEDIA_ID,
    )
  })

  it('counts and lists news (newest first, with content) and deletes it', async () => {
    const h = await articleHarness()
    const ids: string[] = []
    for (const title of ['n0', 'n1']) {
      const added = await h.post('/cgi-bin/material/add_news', {
        articles: [legacy(h.image, { title })],
      })
      ids.push(String(added.media_id))
      h.clock.advance(1000)
    }
    const count = await h.get('/cgi-bin/material/get_materialcount')
    expectValidResponse('material.getCount', count)
    expect(count).toMatchObject({ news_count: 2, image_count: 1 })

    const page = await h.post('/cgi-bin/material/batchget_material', {
      type: 'news',
      offset: 0,
      count: 20,
    })
    expectValidResponse('material.batchGet', page)
    expect(page).toMatchObject({ total_count: 2, item_count: 2 })
    const entries = page.item as Json[]
    expect(entries.map((entry) => entry.media_id)).toEqual([ids[1], ids[0]])
    const content = entries[0]?.content as Json
    expect((content.news_item as Json[])[0]).toMatchObject({ title: 'n1' })
    expect(content.update_time).toBe(entries[0]?.update_time)
    expectError(
      await h.post('/cgi-bin/material/batchget_material', { type: 'news', offset: 0, count: 21 }),
      ERRCODE.INVALID_PARAMETER,
    )

    expect(await h.post('/cgi-bin/material/del_material', { media_id: ids[0] })).toEqual({
      errcode: 0,
      errmsg: 'ok',
    })
    expectError(
      await h.post('/cgi-bin/material/get_material', { media_id: ids[0] }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expect((await h.get('/cgi-bin/material/get_materialcount')).news_count).toBe(1)
  })

  it('applies the article rules: limits, covers, 1–8 articles, and the schema', async () => {
    const h = await articleHarness()
    const add = (articles: unknown) => h.post('/cgi-bin/material/add_news', { articles })
    expectError(
      await add([legacy(h.image, { title: 'x'.repeat(33) })]),
      ERRCODE.TITLE_SIZE_OUT_OF_LIMIT,
    )
    expectError(
      await add([legacy(h.image, { author: 'x'.repeat(17) })]),
      ERRCODE.AUTHOR_SIZE_OUT_OF_LIMIT,
    )
    expectError(
      await add([legacy(h.image, { content: 'x'.repeat(20_000) })]),
      ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT,
    )
    expectError(await add([legacy('unknown')]), ERRCODE.INVALID_MEDIA_ID)
    expectError(await add([]), ERRCODE.EMPTY_NEWS_DATA)
    expectError(
      await add(Array.from({ length: 9 }, () => legacy(h.image))),
      ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT,
    )
    // Legacy articles must name their cover: without one the body does not fit the schema.
    const { thumb_media_id: _cover, ...coverless } = legacy(h.image)
    expectError(await add([coverless]), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await add([legacy(h.image, { show_cover_pic: 'yes' })]), ERRCODE.DATA_FORMAT_ERROR)
    expect((await h.get('/cgi-bin/material/get_materialcount')).news_count).toBe(0)
  })
})
