import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { article, articleHarness } from './articles.test.helpers.js'
import type { ArticleHarness } from './articles.test.helpers.js'

const ADD = '/cgi-bin/draft/add'

async function addDraft(h: ArticleHarness, articles: unknown[]): Promise<string> {
  const added = await h.post(ADD, { articles })
  expectValidResponse('draft.add', added)
  return String(added.media_id)
}

const items = (body: Json): Json[] => body.news_item as Json[]

describe('drafts (§6.4)', () => {
  it('adds a draft and reads it back with its address, cover and default digest', async () => {
    const h = await articleHarness()
    const id = await addDraft(h, [
      article(h.image, { content: '<p>' + '一二三四五六七八九十'.repeat(10) + '</p>' }),
    ])
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const got = await h.post('/cgi-bin/draft/get', { media_id: id })
    expectValidResponse('draft.get', got)
    const [first] = items(got)
    expect(first).toMatchObject({
      article_type: 'news',
      title: '标题',
      author: '作者',
      thumb_media_id: h.image,
      need_open_comment: 0,
      only_fans_can_comment: 0,
      content_source_url: '',
    })
    // A single article without a digest gets the first 54 characters of its text.
    expect(first?.digest).toBe('一二三四五六七八九十'.repeat(6).slice(0, 54))
    expect(String(first?.url)).toMatch(
      /^http:\/\/mp\.weixin\.qq\.com\/s\?__biz=[A-Za-z0-9+/=]+&mid=\d+&idx=1&sn=[0-9a-f]{32}#rd$/,
    )
    expect(String(first?.thumb_url)).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//)
    const count = await h.get('/cgi-bin/draft/count')
    expectValidResponse('draft.getCount', count)
    expect(count).toEqual({ total_count: 1 })
  })

  it('keeps several articles in order, each with its own address and no digest', async () => {
    const h = await articleHarness()
    const id = await addDraft(h, [
      article(h.image, { title: 'one', digest: 'kept only when alone' }),
      article(h.thumb, { title: 'two' }),
    ])
    const got = items(await h.post('/cgi-bin/draft/get', { media_id: id }))
    expect(got.map((each) => each.title)).toEqual(['one', 'two'])
    expect(got.map((each) => each.digest)).toEqual(['', ''])
    expect(String(got[1]?.url)).toContain('&idx=2&')
    // A thumb has no address in the library; the article still gets a picture address.
    expect(String(got[1]?.thumb_url)).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//)
  })

  it('takes scripts out of the content', async () => {
    const h = await articleHarness()
    const id = await addDraft(h, [
      article(h.image, { content: '<p>a</p><script>alert(1)</script><p>b</p>', digest: 'd' }),
    ])
    const [first] = items(await h.post('/cgi-bin/draft/get', { media_id: id }))
    expect(first).toMatchObject({ content: '<p>a</p><p>b</p>', digest: 'd' })
  })

  it('applies the field limits in characters: title 45003, author 45110, digest 45004', async () => {
    const h = await articleHarness()
    const cases: [Record<string, unknown>, Record<string, unknown>, number][] = [
      [{ title: '字'.repeat(32) }, { title: '字'.repeat(33) }, ERRCODE.TITLE_SIZE_OUT_OF_LIMIT],
      [{ author: '者'.repeat(16) }, { author: '者'.repeat(17) }, ERRCODE.AUTHOR_SIZE_OUT_OF_LIMIT],
      [
        { digest: '要'.repeat(128) },
        { digest: '要'.repeat(129) },
        ERRCODE.DESCRIPTION_SIZE_OUT_OF_LIMIT,
      ],
    ]
    for (const [fits, over, errcode] of cases) {
      expectValidResponse('draft.add', await h.post(ADD, { articles: [article(h.image, fits)] }))
      expectError(await h.post(ADD, { articles: [article(h.image, over)] }), errcode)
    }
    const author = await h.post(ADD, { articles: [article(h.image, { author: 'a'.repeat(17) })] })
    expect(author.errmsg).toMatch(/^author size out of limit rid: /)
  })

  it('refuses content of 20,000 characters of text or 1 MB of HTML (45002)', async () => {
    const h = await articleHarness()
    const add = (content: string) => h.post(ADD, { articles: [article(h.image, { content })] })
    expectValidResponse('draft.add', await add('<p>' + 'x'.repeat(19_999) + '</p>'))
    expectError(await add('<p>' + 'x'.repeat(20_000) + '</p>'), ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT)
    // Markup does not count as text, but the whole HTML must stay under 1 MB.
    expectValidResponse('draft.add', await add('<br/>'.repeat(10_000) + 'x'))
    expectError(await add('<br/>'.repeat(210_000)), ERRCODE.CONTENT_SIZE_OUT_OF_LIMIT)
  })

  it('takes 1–8 articles: none is 44003, nine are 45008', async () => {
    const h = await articleHarness()
    expectError(await h.post(ADD, { articles: [] }), ERRCODE.EMPTY_NEWS_DATA)
    const eight = Array.from({ length: 8 }, () => article(h.image))
    expectValidResponse('draft.add', await h.post(ADD, { articles: eight }))
    expectError(
      await h.post(ADD, { articles: [...eight, article(h.image)] }),
      ERRCODE.ARTICLE_SIZE_OUT_OF_LIMIT,
    )
  })

  it('needs a cover that is a permanent image or thumb of the account (40007)', async () => {
    const h = await articleHarness()
    const voice = await h.material('voice', 'v.mp3')
    const temporary = h.emulator.state.registerTemporaryMedia(APPID, {
      type: 'image',
      bytes: new Uint8Array([1]),
      contentType: 'image/jpeg',
      filename: 't.jpg',
    })
    for (const thumb of ['no-such-media', voice, temporary])
      expectError(await h.post(ADD, { articles: [article(thumb)] }), ERRCODE.INVALID_MEDIA_ID)
    const { thumb_media_id: _none, ...coverless } = article(h.image)
    expectError(await h.post(ADD, { articles: [coverless] }), ERRCODE.INVALID_MEDIA_ID)
    // A refused draft is not kept.
    expect(await h.get('/cgi-bin/draft/count')).toEqual({ total_count: 0 })
  })

  it('takes newspic posts with 1–20 permanent images instead of a cover', async () => {
    const h = await articleHarness()
    const post = (images: string[]) =>
      h.post(ADD, {
        articles: [
          {
            article_type: 'newspic',
            title: 'pics',
            content: 'words',
            image_info: { image_list: images.map((image_media_id) => ({ image_media_id })) },
          },
        ],
      })
    const id = String((await post([h.image])).media_id)
    const [first] = items(await h.post('/cgi-bin/draft/get', { media_id: id }))
    expect(first).toMatchObject({
      article_type: 'newspic',
      image_info: { image_list: [{ image_media_id: h.image }] },
    })
    expect(first?.thumb_media_id).toBeUndefined()
    expectError(await post([]), ERRCODE.INVALID_MEDIA_ID)
    expectError(await post([h.thumb]), ERRCODE.INVALID_MEDIA_ID)
    expectValidResponse('draft.add', await post(Array.from({ length: 20 }, () => h.image)))
    expectError(await post(Array.from({ length: 21 }, () => h.image)), ERRCODE.INVALID_PARAMETER)
  })

  it('replaces one article by 0-based index, keeping its address', async () => {
    const h = await articleHarness()
    const id = await addDraft(h, [
      article(h.image, { title: 'a' }),
      article(h.image, { title: 'b' }),
    ])
    const before = items(await h.post('/cgi-bin/draft/get', { media_id: id }))
    const update = (index: number, fields: Record<string, unknown> = {}) =>
      h.post('/cgi-bin/draft/update', {
        media_id: id,
        index,
        articles: article(h.thumb, { title: 'B2', ...fields }),
      })
    const ok = await update(1)
    expectValidResponse('draft.update', ok)
    expect(ok).toEqual({ errcode: 0, errmsg: 'ok' })
    const after = items(await h.post('/cgi-bin/draft/get', { media_id: id }))
    expect(after.map((each) => each.title)).toEqual(['a', 'B2'])
    expect(after[1]).toMatchObject({ thumb_media_id: h.thumb, url: before[1]?.url })

    expectError(await update(2), ERRCODE.INVALID_PARAMETER)
    expectError(await update(0, { title: 'x'.repeat(33) }), ERRCODE.TITLE_SIZE_OUT_OF_LIMIT)
    expectError(await update(0, { thumb_media_id: 'nope' }), ERRCODE.INVALID_MEDIA_ID)
    expectError(
      await h.post('/cgi-bin/draft/update', {
        media_id: 'nope',
        index: 0,
        articles: article(h.image),
      }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(
      await h.post('/cgi-bin/draft/update', {
        media_id: id,
        index: -1,
        articles: article(h.image),
      }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
  })

  it('deletes a draft; its media_id is then unknown (40007)', async () => {
    const h = await articleHarness()
    const id = await addDraft(h, [article(h.image)])
    expect(h.emulator.state.drafts.has(APPID, id)).toBe(true)
    const deleted = await h.post('/cgi-bin/draft/delete', { media_id: id })
    expectValidResponse('draft.delete', deleted)
    expect(h.emulator.state.drafts.has(APPID, id)).toBe(false)
    expectError(await h.post('/cgi-bin/draft/delete', { media_id: id }), ERRCODE.INVALID_MEDIA_ID)
    expectError(await h.post('/cgi-bin/draft/get', { media_id: id }), ERRCODE.INVALID_MEDIA_ID)
    expect(await h.get('/cgi-bin/draft/count')).toEqual({ total_count: 0 })
  })

  it('lists drafts most recently written first, 1–20 a page, content optional', async () => {
    const h = await articleHarness()
    const ids: string[] = []
    for (const title of ['d0', 'd1', 'd2']) {
      ids.push(await addDraft(h, [article(h.image, { title })]))
      h.clock.advance(1000)
    }
    const list = (body: Record<string, unknown>) => h.post('/cgi-bin/draft/batchget', body)
    const all = await list({ offset: 0, count: 20 })
    expectValidResponse('draft.batchGet', all)
    expect(all.total_count).toBe(3)
    expect((all.item as Json[]).map((item) => item.media_id)).toEqual([ids[2], ids[1], ids[0]])
    const [top] = all.item as Json[]
    expect(top).toMatchObject({ update_time: expect.any(Number) as number })
    expect((top?.content as Json).news_item).toHaveLength(1)

    // An update brings a draft to the top.
    await h.post('/cgi-bin/draft/update', {
      media_id: ids[0],
      index: 0,
      articles: article(h.image),
    })
    const page = await list({ offset: 1, count: 1, no_content: 1 })
    expectValidResponse('draft.batchGet', page)
    expect(page).toMatchObject({ total_count: 3, item_count: 1 })
    const [only] = page.item as Json[]
    expect(only?.media_id).toBe(ids[2])
    const [bare] = (only?.content as Json).news_item as Json[]
    expect(bare).not.toHaveProperty('content')
    expect(bare).toHaveProperty('title', 'd2')

    expect(await list({ offset: 5, count: 20 })).toEqual({
      total_count: 3,
      item_count: 0,
      item: [],
    })
    for (const count of [0, 21])
      expectError(await list({ offset: 0, count }), ERRCODE.INVALID_PARAMETER)
  })

  it('answers malformed bodies with 47001, an empty one with 44002, the wrong verb with 43001', async () => {
    const h = await articleHarness()
    for (const body of [
      { articles: 'not a list' },
      { articles: [{ title: 'no content', thumb_media_id: h.image }] },
      { articles: [article(h.image, { title: 42 })] },
      { articles: [article(h.image, { article_type: 'video' })] },
      { articles: [article(h.image, { need_open_comment: 2 })] },
      {},
    ])
      expectError(await h.post(ADD, body), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await h.post(ADD, '{"articles":['), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await h.post(ADD, ''), ERRCODE.EMPTY_POST_DATA)
    expectError(await h.post('/cgi-bin/draft/get', { media_id: 7 }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(
      await h.post('/cgi-bin/draft/batchget', { offset: '0', count: 1 }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(await h.post('/cgi-bin/draft/count', {}), ERRCODE.REQUIRE_GET_METHOD)
  })

  it('gives the mass-send side has() and remove() on the draft box', async () => {
    const h = await articleHarness()
    const id = await addDraft(h, [article(h.image)])
    const { drafts } = h.emulator.state
    expect(drafts.has(APPID.toUpperCase(), id)).toBe(true)
    expect(drafts.has(APPID, 'other')).toBe(false)
    expect(drafts.remove(APPID, id)?.mediaId).toBe(id)
    expect(drafts.remove(APPID, id)).toBeUndefined()
    expectError(await h.post('/cgi-bin/draft/get', { media_id: id }), ERRCODE.INVALID_MEDIA_ID)
  })
})
