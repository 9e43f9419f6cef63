/** Acceptance scenarios for short keys, subscription notices and datacube analytics (unverified entries). */
import { ERRCODE } from '@wxmp/core'
import { DATACUBE_MAX_SPAN_DAYS } from '@wxmp/spec'
import type { EndpointId } from '@wxmp/spec'
import type { Scenario, Scenarios } from './scenario.test-support.js'
import type { World } from './world.test-support.js'

/** The world's clock starts at 2026-01-01 08:00 in Beijing: yesterday is the latest day with data. */
const YESTERDAY = '2025-12-31'

/** A valid one-day query, and one that asks for today (61501). */
function datacubeScenario(id: EndpointId): Scenario {
  return {
    valid: (w) => w.call(id, { body: { begin_date: YESTERDAY, end_date: YESTERDAY } }),
    invalid: {
      errcode: ERRCODE.DATE_RANGE_ERROR,
      call: (w) => w.call(id, { body: { begin_date: YESTERDAY, end_date: '2026-01-01' } }),
    },
  }
}

const datacube = Object.fromEntries(
  Object.keys(DATACUBE_MAX_SPAN_DAYS).map((name) => {
    const id = `datacube.${name}` as EndpointId
    return [id, datacubeScenario(id)]
  }),
) as Scenarios

/** Picks 订单发货通知 (tid 99) with its first two keywords; returns the priTmplId. */
async function pickedTemplate(w: World): Promise<string> {
  const answer = await w.call('subscribe.addTemplate', {
    body: { tid: 99, kidList: [1, 2], sceneDesc: '发货提醒' },
  })
  return String(answer.json?.priTmplId)
}

const notice = { thing1: { value: '羊毛围巾' }, thing2: { value: '顺丰速运' } }

/** The scenarios of short keys, subscription notices and analytics. */
export const noticeAnalyticsScenarios: Scenarios = {
  'shortLink.generate': {
    valid: (w) =>
      w.call('shortLink.generate', { body: { long_data: 'order=42&from=qr', expire_seconds: 60 } }),
  },
  'shortLink.fetch': {
    valid: async (w) => {
      const made = await w.call('shortLink.generate', { body: { long_data: 'order=42' } })
      return w.call('shortLink.fetch', { body: { short_key: made.json?.short_key } })
    },
  },
  'subscribe.getCategory': { valid: (w) => w.call('subscribe.getCategory') },
  'subscribe.getPubTemplateTitles': {
    valid: (w) =>
      w.call('subscribe.getPubTemplateTitles', {
        query: { ids: '307,616', start: '0', limit: '10' },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_SUBSCRIBE_LIMIT,
      call: (w) =>
        w.call('subscribe.getPubTemplateTitles', {
          query: { ids: '307', start: '0', limit: '31' },
        }),
    },
  },
  'subscribe.getPubTemplateKeywords': {
    valid: (w) => w.call('subscribe.getPubTemplateKeywords', { query: { tid: '99' } }),
    invalid: {
      errcode: ERRCODE.INVALID_SUBSCRIBE_TID,
      call: (w) => w.call('subscribe.getPubTemplateKeywords', { query: { tid: '4242' } }),
    },
  },
  'subscribe.addTemplate': {
    valid: (w) => w.call('subscribe.addTemplate', { body: { tid: 99, kidList: [3, 1] } }),
    invalid: {
      errcode: ERRCODE.INVALID_SUBSCRIBE_KID_LIST,
      call: (w) => w.call('subscribe.addTemplate', { body: { tid: 99, kidList: [1] } }),
    },
  },
  'subscribe.deleteTemplate': {
    valid: async (w) =>
      w.call('subscribe.deleteTemplate', { body: { priTmplId: await pickedTemplate(w) } }),
    invalid: {
      errcode: ERRCODE.SUBSCRIBE_SYSTEM_ERROR,
      call: (w) => w.call('subscribe.deleteTemplate', { body: { priTmplId: 'x'.repeat(43) } }),
    },
  },
  'subscribe.listTemplates': {
    valid: async (w) => {
      await pickedTemplate(w)
      return w.call('subscribe.listTemplates')
    },
  },
  'subscribe.send': {
    valid: async (w) => {
      const priTmplId = await pickedTemplate(w)
      const openid = w.follower().openid
      w.emulator.state.subscriptions.accept(w.appid, openid, priTmplId)
      return w.call('subscribe.send', {
        body: {
          touser: openid,
          template_id: priTmplId,
          page: 'https://example.com/o/42',
          data: notice,
        },
      })
    },
    invalid: {
      errcode: ERRCODE.USER_REFUSED_MESSAGE,
      call: async (w) =>
        w.call('subscribe.send', {
          body: { touser: w.follower().openid, template_id: await pickedTemplate(w), data: notice },
        }),
    },
  },
  ...datacube,
}
