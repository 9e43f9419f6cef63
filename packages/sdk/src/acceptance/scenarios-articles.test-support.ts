/** SDK scenarios for drafts, publishing and news material. */
import type { RequestOf } from '@wxmp/spec'
import { expect } from 'vitest'
import type { ErrcodeCases, Scenarios } from './scenario.test-support.js'
import { expectId64 } from './world.test-support.js'
import type { World } from './world.test-support.js'

type DraftArticle = RequestOf<'draft.add'>['articles'][number]

/** A valid article whose cover is a fresh permanent image. */
async function article(w: World, fields: Partial<DraftArticle> = {}) {
  return {
    title: '春季上新',
    author: '小编',
    content: '<p>正文</p>',
    thumb_media_id: await w.permanentImage(),
    ...fields,
  }
}

async function draft(w: World): Promise<string> {
  return (await w.client.draft.add({ articles: [await article(w)] })).media_id
}

/** Publishes a draft and lets the publish job finish on the clock. */
async function published(w: World): Promise<{ publish_id: string; article_id: string }> {
  const { publish_id } = await w.client.freepublish.submit({ media_id: await draft(w) })
  await w.clock.advanceAsync(60_000)
  const status = await w.client.freepublish.get({ publish_id })
  if (status.article_id === undefined) throw new Error('the publish job did not finish')
  return { publish_id, article_id: status.article_id }
}

/** The scenarios of drafts, publishing and news material. */
export const articleScenarios = {
  'draft.add': async (w) => {
    const media_id = await draft(w)
    expect(media_id.length).toBeGreaterThan(0)
    expect((await w.client.draft.getCount()).total_count).toBe(1)
  },
  'draft.get': async (w) => {
    const { news_item } = await w.client.draft.get({ media_id: await draft(w) })
    expect(news_item[0]).toMatchObject({ title: '春季上新', author: '小编' })
  },
  'draft.update': async (w) => {
    const media_id = await draft(w)
    const answer = await w.client.draft.update({
      media_id,
      index: 0,
      articles: await article(w, { title: '改过的标题' }),
    })
    expect(answer).toMatchObject({ errcode: 0 })
    expect((await w.client.draft.get({ media_id })).news_item[0]?.title).toBe('改过的标题')
  },
  'draft.delete': async (w) => {
    const media_id = await draft(w)
    expect(await w.client.draft.delete({ media_id })).toMatchObject({ errcode: 0 })
    expect((await w.client.draft.getCount()).total_count).toBe(0)
  },
  'draft.getCount': async (w) => {
    expect(await w.client.draft.getCount()).toMatchObject({ total_count: 0 })
  },
  'draft.batchGet': async (w) => {
    const media_id = await draft(w)
    const page = await w.client.draft.batchGet({ offset: 0, count: 20, no_content: 1 })
    expect(page).toMatchObject({ total_count: 1, item_count: 1 })
    expect(page.item[0]?.media_id).toBe(media_id)
  },
  'freepublish.submit': async (w) => {
    const job = await w.client.freepublish.submit({ media_id: await draft(w) })
    expectId64(job.publish_id)
  },
  'freepublish.get': async (w) => {
    const { publish_id, article_id } = await published(w)
    const status = await w.client.freepublish.get({ publish_id })
    expect(status).toMatchObject({ publish_id, publish_status: 0, article_id })
    expect(status.article_detail?.item[0]?.article_url).toMatch(/^https?:\/\//)
  },
  'freepublish.delete': async (w) => {
    const { article_id } = await published(w)
    expect(await w.client.freepublish.delete({ article_id })).toMatchObject({ errcode: 0 })
    const { news_item } = await w.client.freepublish.getArticle({ article_id })
    expect(news_item[0]?.is_deleted).toBe(true)
  },
  'freepublish.getArticle': async (w) => {
    const { news_item } = await w.client.freepublish.getArticle({
      article_id: (await published(w)).article_id,
    })
    expect(news_item[0]).toMatchObject({ title: '春季上新', is_deleted: false })
  },
  'freepublish.batchGet': async (w) => {
    const { article_id } = await published(w)
    const page = await w.client.freepublish.batchGet({ offset: 0, count: 10, no_content: 0 })
    expect(page).toMatchObject({ total_count: 1, item_count: 1 })
    expect(page.item[0]?.article_id).toBe(article_id)
  },
  'material.addNews': async (w) => {
    const { media_id } = await w.client.material.addNews({ articles: [await article(w)] })
    expect(await w.client.material.getCount()).toMatchObject({ news_count: 1 })
    const news = await w.client.material.get({ media_id })
    expect(news).toMatchObject({ news_item: [{ title: '春季上新' }] })
  },
} satisfies Scenarios

/** Errcode cases of drafts and publishing. */
export const articleErrcodes = {
  draft: [
    {
      endpoint: 'draft.add',
      key: 'TITLE_SIZE_OUT_OF_LIMIT',
      kind: 'invalid',
      why: 'a title over 32 characters',
      call: async (w) =>
        w.client.draft.add({ articles: [await article(w, { title: '标'.repeat(33) })] }),
    },
    {
      endpoint: 'draft.update',
      key: 'INVALID_MEDIA_ID',
      kind: 'invalid',
      why: 'a draft that does not exist',
      call: async (w) =>
        w.client.draft.update({ media_id: 'no-such-draft', index: 0, articles: await article(w) }),
    },
  ],
  freepublish: [
    {
      endpoint: 'freepublish.get',
      key: 'INVALID_PARAMETER',
      kind: 'invalid',
      why: 'a publish_id never given out',
      call: (w) => w.client.freepublish.get({ publish_id: '42' }),
    },
    {
      endpoint: 'freepublish.getArticle',
      key: 'INVALID_PARAMETER',
      kind: 'invalid',
      why: 'an article_id never given out',
      call: (w) => w.client.freepublish.getArticle({ article_id: 'no-such-article' }),
    },
  ],
} satisfies ErrcodeCases
