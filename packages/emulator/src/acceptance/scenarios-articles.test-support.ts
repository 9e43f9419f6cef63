/** Acceptance scenarios for drafts, publishing and news material (§6.3, §6.4). */
import { ERRCODE } from '@wxmp/core'
import type { Scenarios } from './scenario.test-support.js'
import type { World } from './world.test-support.js'

/** A valid news article whose cover is a fresh permanent image. */
async function article(w: World, fields: Record<string, unknown> = {}) {
  return {
    title: '春季上新',
    author: '小编',
    content: '<p>正文</p>',
    thumb_media_id: await w.permanentImage(),
    ...fields,
  }
}

async function draft(w: World): Promise<string> {
  const answer = await w.call('draft.add', { body: { articles: [await article(w)] } })
  return String(answer.json?.media_id)
}

/** Publishes a draft and lets the publish finish on the clock; returns its ids. */
async function published(w: World): Promise<{ publish_id: string; article_id: string }> {
  const submitted = await w.call('freepublish.submit', { body: { media_id: await draft(w) } })
  const publish_id = String(submitted.json?.publish_id)
  await w.clock.advanceAsync(60_000)
  const status = await w.call('freepublish.get', { body: { publish_id } })
  return { publish_id, article_id: String(status.json?.article_id) }
}

const tooLongTitle = (w: World) => article(w, { title: '标'.repeat(33) })

/** The article pipeline's scenarios. */
export const articleScenarios: Scenarios = {
  'draft.add': {
    valid: async (w) => w.call('draft.add', { body: { articles: [await article(w)] } }),
    invalid: {
      errcode: ERRCODE.TITLE_SIZE_OUT_OF_LIMIT,
      call: async (w) => w.call('draft.add', { body: { articles: [await tooLongTitle(w)] } }),
    },
  },
  'draft.get': {
    valid: async (w) => w.call('draft.get', { body: { media_id: await draft(w) } }),
  },
  'draft.update': {
    valid: async (w) =>
      w.call('draft.update', {
        body: { media_id: await draft(w), index: 0, articles: await article(w, { title: '改' }) },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_MEDIA_ID,
      call: async (w) =>
        w.call('draft.update', {
          body: { media_id: 'no-such-draft', index: 0, articles: await article(w) },
        }),
    },
  },
  'draft.delete': {
    valid: async (w) => w.call('draft.delete', { body: { media_id: await draft(w) } }),
  },
  'draft.getCount': { valid: (w) => w.call('draft.getCount') },
  'draft.batchGet': {
    valid: async (w) => {
      await draft(w)
      return w.call('draft.batchGet', { body: { offset: 0, count: 20, no_content: 1 } })
    },
  },
  'freepublish.submit': {
    valid: async (w) => w.call('freepublish.submit', { body: { media_id: await draft(w) } }),
  },
  'freepublish.get': {
    valid: async (w) =>
      w.call('freepublish.get', { body: { publish_id: (await published(w)).publish_id } }),
  },
  'freepublish.delete': {
    valid: async (w) =>
      w.call('freepublish.delete', { body: { article_id: (await published(w)).article_id } }),
  },
  'freepublish.getArticle': {
    valid: async (w) =>
      w.call('freepublish.getArticle', { body: { article_id: (await published(w)).article_id } }),
  },
  'freepublish.batchGet': {
    valid: async (w) => {
      await published(w)
      return w.call('freepublish.batchGet', { body: { offset: 0, count: 10, no_content: 0 } })
    },
  },
  'material.addNews': {
    valid: async (w) => w.call('material.addNews', { body: { articles: [await article(w)] } }),
    invalid: {
      errcode: ERRCODE.INVALID_MEDIA_ID,
      call: async (w) =>
        w.call('material.addNews', {
          body: { articles: [await article(w, { thumb_media_id: 'not-material' })] },
        }),
    },
  },
}
