import { ERRCODE, parseXml } from '@wxmp/core'
import type { XmlObject } from '@wxmp/core'
import { parseInbound, renderInbound } from '@wxmp/spec'
import type { InboundMessage } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import type { OutboxEvent } from '../outbox.js'
import { PUBLISH_DELAY_MS } from '../publish-store.js'
import { article, articleHarness } from './articles.test.helpers.js'
import type { ArticleHarness } from './articles.test.helpers.js'
import { publisherOpenId } from './freepublish.js'

type PublishEvent = Extract<OutboxEvent, { kind: 'event.PUBLISHJOBFINISH' }>

async function draft(h: ArticleHarness, titles: string[]): Promise<string> {
  const articles = titles.map((title) => article(h.image, { title }))
  return String((await h.post('/cgi-bin/draft/add', { articles })).media_id)
}

async function submit(h: ArticleHarness, titles: string[] = ['one']): Promise<string> {
  const answer = await h.post('/cgi-bin/freepublish/submit', { media_id: await draft(h, titles) })
  expectValidResponse('freepublish.submit', answer)
  return String(answer.publish_id)
}

/** Publishes and lets the clock run until it is done; returns the article_id. */
async function published(h: ArticleHarness, titles: string[] = ['one']): Promise<string> {
  const publishId = await submit(h, titles)
  h.clock.advance(PUBLISH_DELAY_MS)
  return String((await h.post('/cgi-bin/freepublish/get', { publish_id: publishId })).article_id)
}

const status = (h: ArticleHarness, publish_id: string | number) =>
  h.post('/cgi-bin/freepublish/get', { publish_id })

describe('publishing (§6.4, PUBLISHJOBFINISH §2.4)', () => {
  it('publishes a draft: publishing until the delay elapses, then a success, pushed once', async () => {
    const h = await articleHarness()
    const mediaId = await draft(h, ['first', 'second'])
    const submittedAt = h.clock.now()
    const answer = await h.post('/cgi-bin/freepublish/submit', { media_id: mediaId })
    expectValidResponse('freepublish.submit', answer)
    expect(answer).toMatchObject({ errcode: 0, errmsg: 'ok' })
    const publishId = String(answer.publish_id)
    expect(publishId).toMatch(/^\d+$/)

    // The draft left the box at once.
    expect(await h.get('/cgi-bin/draft/count')).toEqual({ total_count: 0 })
    expect(h.emulator.state.drafts.has(APPID, mediaId)).toBe(false)

    const publishing = await status(h, publishId)
    expectValidResponse('freepublish.get', publishing)
    expect(publishing).toEqual({ publish_id: publishId, publish_status: 1, fail_idx: [] })

    // Exactly one event, due when publishing finishes, naming this publication.
    const pending = h.emulator.state.outbox.pending()
    expect(pending).toHaveLength(1)
    const [push] = pending
    expect(push?.appid).toBe(APPID)
    expect(push?.dueAt).toBe(submittedAt + PUBLISH_DELAY_MS)
    const event = push?.event as PublishEvent
    expect(event.kind).toBe('event.PUBLISHJOBFINISH')
    expect(event.FromUserName).toBe(publisherOpenId(APPID))
    expect(event.FromUserName).toMatch(/^o[A-Za-z0-9_-]{27}$/)
    expect(event.PublishEventInfo).toMatchObject({
      publish_id: publishId,
      publish_status: 0,
      fail_idx: [],
    })

    h.clock.advance(PUBLISH_DELAY_MS - 1)
    expect((await status(h, publishId)).publish_status).toBe(1)
    h.clock.advance(1)
    const done = await status(h, publishId)
    expectValidResponse('freepublish.get', done)
    expect(done).toMatchObject({ publish_id: publishId, publish_status: 0, fail_idx: [] })
    expect(done.article_id).toBe(event.PublishEventInfo.article_id)
    expect(done.article_detail).toEqual(event.PublishEventInfo.article_detail)
    const detail = done.article_detail as { count: number; item: Json[] }
    expect(detail.count).toBe(2)
    expect(detail.item.map((item) => item.idx)).toEqual([1, 2])
    expect(String(detail.item[1]?.article_url)).toMatch(
      /^http:\/\/mp\.weixin\.qq\.com\/s\?.*&idx=2&/,
    )

    const read = await h.post('/cgi-bin/freepublish/getarticle', { article_id: done.article_id })
    expectValidResponse('freepublish.getArticle', read)
    const articles = read.news_item as Json[]
    expect(articles.map((each) => [each.title, each.is_deleted])).toEqual([
      ['first', false],
      ['second', false],
    ])
    expect(articles.map((each) => each.url)).toEqual(detail.item.map((item) => item.article_url))
    expect(h.emulator.state.outbox.pending()).toHaveLength(1)
  })

  it('schedules an event the push codec renders and parses back unchanged', async () => {
    const h = await articleHarness()
    await submit(h, ['a', 'b'])
    const [push] = h.emulator.state.outbox.pending()
    // What the push engine adds: the header.
    const message = {
      ...push?.event,
      ToUserName: 'gh_0123456789ab',
      CreateTime: 1_700_000_000,
      MsgType: 'event',
      Event: 'PUBLISHJOBFINISH',
    } as InboundMessage
    const parsed = parseInbound(parseXml(renderInbound(message)).xml as XmlObject)
    expect(parsed).toEqual(message)
  })

  it('numbers publications upwards and accepts a publish_id sent as a number', async () => {
    const h = await articleHarness()
    const first = await submit(h)
    const second = await submit(h)
    expect(BigInt(second)).toBe(BigInt(first) + 1n)
    expectValidResponse('freepublish.get', await status(h, Number(first)))
    expect(
      h.emulator.state.outbox
        .pending()
        .map((p) => (p.event as PublishEvent).PublishEventInfo.publish_id),
    ).toEqual([first, second])
  })

  it('refuses what it does not know: a draft 40007, a publish_id or article_id 40035', async () => {
    const h = await articleHarness()
    const mediaId = await draft(h, ['x'])
    await h.post('/cgi-bin/freepublish/submit', { media_id: mediaId })
    // The draft was consumed by the first submit.
    expectError(
      await h.post('/cgi-bin/freepublish/submit', { media_id: mediaId }),
      ERRCODE.INVALID_MEDIA_ID,
    )
    expectError(await status(h, '999'), ERRCODE.INVALID_PARAMETER)
    for (const path of ['getarticle', 'delete'])
      expectError(
        await h.post(`/cgi-bin/freepublish/${path}`, { article_id: 'nope' }),
        ERRCODE.INVALID_PARAMETER,
      )
    expect(h.emulator.state.outbox.pending()).toHaveLength(1)
  })

  it('has no article while publishing: getarticle and delete answer 40035 until done', async () => {
    const h = await articleHarness()
    await submit(h)
    const [push] = h.emulator.state.outbox.pending()
    const articleId = (push?.event as PublishEvent).PublishEventInfo.article_id
    expectError(
      await h.post('/cgi-bin/freepublish/getarticle', { article_id: articleId }),
      ERRCODE.INVALID_PARAMETER,
    )
    h.clock.advance(PUBLISH_DELAY_MS)
    expectValidResponse(
      'freepublish.getArticle',
      await h.post('/cgi-bin/freepublish/getarticle', { article_id: articleId }),
    )
  })

  it('deletes one article (1-based) or all of them; all deleted is status 5', async () => {
    const h = await articleHarness()
    const publishId = await submit(h, ['a', 'b'])
    h.clock.advance(PUBLISH_DELAY_MS)
    const articleId = String((await status(h, publishId)).article_id)
    const remove = (index?: number) =>
      h.post('/cgi-bin/freepublish/delete', { article_id: articleId, index })
    const flags = async () =>
      (
        (await h.post('/cgi-bin/freepublish/getarticle', { article_id: articleId }))
          .news_item as Json[]
      ).map((each) => each.is_deleted)

    const ok = await remove(1)
    expectValidResponse('freepublish.delete', ok)
    expect(await flags()).toEqual([true, false])
    expect((await status(h, publishId)).publish_status).toBe(0)
    expectError(await remove(3), ERRCODE.INVALID_PARAMETER)
    // Deleting again is no error.
    expectValidResponse('freepublish.delete', await remove(1))

    expectValidResponse('freepublish.delete', await remove())
    expect(await flags()).toEqual([true, true])
    const gone = await status(h, publishId)
    expectValidResponse('freepublish.get', gone)
    expect(gone.publish_status).toBe(5)
    // Wholly deleted publications leave the list.
    expect(await h.post('/cgi-bin/freepublish/batchget', { offset: 0, count: 20 })).toEqual({
      total_count: 0,
      item_count: 0,
      item: [],
    })
  })

  it('index 0 deletes every article too', async () => {
    const h = await articleHarness()
    const publishId = await submit(h, ['a', 'b'])
    h.clock.advance(PUBLISH_DELAY_MS)
    const articleId = (await status(h, publishId)).article_id
    expectValidResponse(
      'freepublish.delete',
      await h.post('/cgi-bin/freepublish/delete', { article_id: articleId, index: 0 }),
    )
    expect((await status(h, publishId)).publish_status).toBe(5)
  })

  it('lists finished publications newest first, 1–20 a page, content optional', async () => {
    const h = await articleHarness()
    const first = await published(h, ['p0'])
    h.clock.advance(1000)
    const second = await published(h, ['p1'])
    await submit(h, ['still publishing'])
    const list = (body: Record<string, unknown>) => h.post('/cgi-bin/freepublish/batchget', body)

    const all = await list({ offset: 0, count: 20 })
    expectValidResponse('freepublish.batchGet', all)
    expect(all).toMatchObject({ total_count: 2, item_count: 2 })
    const entries = all.item as Json[]
    expect(entries.map((entry) => entry.article_id)).toEqual([second, first])
    const [top] = (entries[0]?.content as Json).news_item as Json[]
    expect(top).toMatchObject({
      title: 'p1',
      is_deleted: false,
      content: expect.any(String) as string,
    })

    const bare = await list({ offset: 1, count: 1, no_content: 1 })
    expectValidResponse('freepublish.batchGet', bare)
    const [only] = bare.item as Json[]
    expect(only?.article_id).toBe(first)
    expect(((only?.content as Json).news_item as Json[])[0]).not.toHaveProperty('content')
    for (const count of [0, 21])
      expectError(await list({ offset: 0, count }), ERRCODE.INVALID_PARAMETER)
  })

  it('answers malformed bodies with 47001', async () => {
    const h = await articleHarness()
    const cases: [string, unknown][] = [
      ['submit', {}],
      ['submit', { media_id: 1 }],
      ['get', { publish_id: 'abc' }],
      ['get', { publish_id: -1 }],
      ['get', { publish_id: 1.5 }],
      ['delete', { index: 1 }],
      ['delete', { article_id: 'x', index: -1 }],
      ['getarticle', { article_id: null }],
      ['batchget', { offset: 0 }],
      ['batchget', { offset: 0, count: 1, no_content: 2 }],
    ]
    for (const [path, body] of cases)
      expectError(await h.post(`/cgi-bin/freepublish/${path}`, body), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await h.post('/cgi-bin/freepublish/submit', '{'), ERRCODE.DATA_FORMAT_ERROR)
    expect(h.emulator.state.outbox.pending()).toHaveLength(0)
  })
})
