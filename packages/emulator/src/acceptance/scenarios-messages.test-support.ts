/** Acceptance scenarios for template messages and mass sends (§6.5–§6.7). */
import { ERRCODE } from '@wxmp/core'
import type { Scenarios } from './scenario.test-support.js'
import type { World } from './world.test-support.js'

/** The account's first demo template (订单支付成功) and a complete `data` for it. */
function orderTemplate(w: World) {
  const [order] = w.emulator.state.templates.list(w.appid)
  if (!order) throw new Error('the demo account has no template')
  return {
    template_id: order.template_id,
    data: {
      character_string1: { value: 'DD20260101000123' },
      thing2: { value: '巧克力礼盒' },
      amount3: { value: '39.80元' },
      time4: { value: '2026年1月1日 12:30' },
    },
  }
}

function followers(w: World): string[] {
  return w.emulator.fans
    .list(w.appid)
    .filter((fan) => fan.subscribed)
    .map((fan) => fan.openid)
}

/** A text mass send to two followers; returns its msg_id. */
async function massSent(w: World): Promise<string> {
  const answer = await w.call('mass.send', {
    body: { touser: followers(w).slice(0, 2), msgtype: 'text', text: { content: '周末活动' } },
  })
  return String(answer.json?.msg_id)
}

const text = { msgtype: 'text', text: { content: '周末活动' } }

/** The scenarios of template messages and mass sends. */
export const messageScenarios: Scenarios = {
  'template.send': {
    valid: (w) =>
      w.call('template.send', { body: { touser: w.follower().openid, ...orderTemplate(w) } }),
    invalid: {
      errcode: ERRCODE.REQUIRE_SUBSCRIBE,
      call: (w) =>
        w.call('template.send', {
          body: { touser: w.formerFollower().openid, ...orderTemplate(w) },
        }),
    },
  },
  'template.list': { valid: (w) => w.call('template.list') },
  'template.delete': {
    valid: (w) =>
      w.call('template.delete', { body: { template_id: orderTemplate(w).template_id } }),
    invalid: {
      errcode: ERRCODE.INVALID_TEMPLATE_ID,
      call: (w) => w.call('template.delete', { body: { template_id: 'x'.repeat(43) } }),
    },
  },
  'template.add': {
    valid: (w) => w.call('template.add', { body: { template_id_short: 'TM00015' } }),
  },
  'template.setIndustry': {
    valid: (w) =>
      w.call('template.setIndustry', { body: { industry_id1: '1', industry_id2: '4' } }),
  },
  'template.getIndustry': { valid: (w) => w.call('template.getIndustry') },
  'mass.sendAll': {
    valid: (w) => w.call('mass.sendAll', { body: { filter: { is_to_all: true }, ...text } }),
    invalid: {
      errcode: ERRCODE.INVALID_MEDIA_ID,
      call: (w) =>
        w.call('mass.sendAll', {
          body: { filter: { is_to_all: true }, msgtype: 'voice', voice: { media_id: 'none' } },
        }),
    },
  },
  'mass.send': {
    valid: (w) => w.call('mass.send', { body: { touser: followers(w).slice(0, 2), ...text } }),
    invalid: {
      errcode: ERRCODE.OPENID_LIST_TOO_SHORT,
      call: (w) => w.call('mass.send', { body: { touser: followers(w).slice(0, 1), ...text } }),
    },
  },
  'mass.preview': {
    valid: (w) => w.call('mass.preview', { body: { touser: w.follower().openid, ...text } }),
    invalid: {
      errcode: ERRCODE.REQUIRE_SUBSCRIBE,
      call: (w) => w.call('mass.preview', { body: { touser: w.formerFollower().openid, ...text } }),
    },
  },
  'mass.delete': {
    valid: async (w) => w.call('mass.delete', { body: { msg_id: await massSent(w) } }),
    invalid: {
      errcode: ERRCODE.INVALID_MSG_ID,
      call: (w) => w.call('mass.delete', { body: { msg_id: '42' } }),
    },
  },
  'mass.get': {
    valid: async (w) => w.call('mass.get', { body: { msg_id: await massSent(w) } }),
    invalid: {
      errcode: ERRCODE.INVALID_MSG_ID,
      call: (w) => w.call('mass.get', { body: { msg_id: '42' } }),
    },
  },
  'mass.getSpeed': { valid: (w) => w.call('mass.getSpeed', { body: '{}' }) },
  'mass.setSpeed': {
    valid: (w) => w.call('mass.setSpeed', { body: { speed: 2 } }),
    invalid: {
      errcode: ERRCODE.MASS_SPEED_OUT_OF_RANGE,
      call: (w) => w.call('mass.setSpeed', { body: { speed: 9 } }),
    },
  },
  'mass.uploadNews': {
    valid: async (w) =>
      w.call('mass.uploadNews', {
        body: {
          articles: [
            {
              title: '周报',
              content: '<p>正文</p>',
              thumb_media_id: await w.temporaryMedia('thumb'),
            },
          ],
        },
      }),
  },
  'mass.uploadVideo': {
    valid: async (w) =>
      w.call('mass.uploadVideo', {
        body: { media_id: await w.temporaryMedia('video'), title: '视频', description: '简介' },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_MEDIA_ID,
      call: (w) =>
        w.call('mass.uploadVideo', { body: { media_id: 'none', title: 't', description: 'd' } }),
    },
  },
}
