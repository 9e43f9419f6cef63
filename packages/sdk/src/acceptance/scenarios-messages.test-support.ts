/**
 * SDK scenarios for template messages, mass sends, customer-service messages and accounts, and
 * subscription notices.
 */
import { expect } from 'vitest'
import type { ErrcodeCases, Scenarios } from './scenario.test-support.js'
import { JPEG, expectId64 } from './world.test-support.js'
import type { World } from './world.test-support.js'

const KF = 'helper@wxmpdemo'

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

const TEXT = { msgtype: 'text', text: { content: '周末活动' } } as const

/** A text mass send to two followers; returns its msg_id. */
async function massSent(w: World): Promise<string> {
  const sent = await w.client.mass.send({ touser: w.followers().slice(0, 2), ...TEXT })
  return sent.msg_id
}

/** The follower, with a message window open (as a message from them opens it). */
function fanWithWindow(w: World): string {
  const openid = w.follower()
  w.emulator.state.windows.open(w.appid, openid, 'message', w.clock.now())
  return openid
}

async function kfAccount(w: World): Promise<string> {
  await w.client.kfAccount.add({ kf_account: KF, nickname: '小助手' })
  return KF
}

/** Picks 订单发货通知 (tid 99) with its first two keywords; returns the priTmplId. */
async function pickedTemplate(w: World): Promise<string> {
  const { priTmplId } = await w.client.subscribe.addTemplate({
    tid: 99,
    kidList: [1, 2],
    sceneDesc: '发货提醒',
  })
  return priTmplId
}

const NOTICE = { thing1: { value: '羊毛围巾' }, thing2: { value: '顺丰速运' } }

/** The scenarios of template, mass, customer-service and subscription messages. */
export const messageScenarios = {
  'template.send': async (w) => {
    const sent = await w.client.template.send({ touser: w.follower(), ...orderTemplate(w) })
    expectId64(sent.msgid)
    expect(BigInt(sent.msgid)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER))
  },
  'template.list': async (w) => {
    const { template_list } = await w.client.template.list()
    expect(template_list[0]?.template_id).toBe(orderTemplate(w).template_id)
    expect(template_list[0]?.content).toContain('{{thing2.DATA}}')
  },
  'template.delete': async (w) => {
    const { template_id } = orderTemplate(w)
    expect(await w.client.template.delete({ template_id })).toMatchObject({ errcode: 0 })
    const left = (await w.client.template.list()).template_list.map((item) => item.template_id)
    expect(left).not.toContain(template_id)
  },
  'template.add': async (w) => {
    const { template_id } = await w.client.template.add({ template_id_short: 'TM00015' })
    const ids = (await w.client.template.list()).template_list.map((item) => item.template_id)
    expect(ids).toContain(template_id)
  },
  'template.setIndustry': async (w) => {
    const answer = await w.client.template.setIndustry({ industry_id1: '1', industry_id2: '4' })
    expect(answer).toMatchObject({ errcode: 0 })
    const industry = await w.client.template.getIndustry()
    expect(industry.primary_industry.first_class).toBe('IT科技')
  },
  'template.getIndustry': async (w) => {
    const industry = await w.client.template.getIndustry()
    expect(industry.primary_industry.first_class.length).toBeGreaterThan(0)
  },
  'mass.sendAll': async (w) => {
    const text = await w.client.mass.sendAll({ filter: { is_to_all: true }, ...TEXT })
    expectId64(text.msg_id)
    // An article send also gets the id of its statistics (both 64-bit).
    const thumb_media_id = await w.permanentImage()
    const draft = await w.client.draft.add({
      articles: [{ title: '周报', content: '<p>正文</p>', thumb_media_id }],
    })
    const news = await w.client.mass.sendAll({
      filter: { is_to_all: true },
      msgtype: 'mpnews',
      mpnews: { media_id: draft.media_id },
      send_ignore_reprint: 0,
    })
    expectId64(news.msg_id)
    expectId64(news.msg_data_id)
  },
  'mass.send': async (w) => {
    expectId64(await massSent(w))
  },
  'mass.preview': async (w) => {
    expect(await w.client.mass.preview({ touser: w.follower(), ...TEXT })).toMatchObject({
      errcode: 0,
    })
  },
  'mass.delete': async (w) => {
    const msg_id = await massSent(w)
    expect(await w.client.mass.delete({ msg_id })).toMatchObject({ errcode: 0 })
  },
  'mass.get': async (w) => {
    const msg_id = await massSent(w)
    const status = await w.client.mass.get({ msg_id })
    expect(status.msg_id).toBe(msg_id)
    expect(typeof status.msg_status).toBe('string')
  },
  'mass.getSpeed': async (w) => {
    await w.client.mass.setSpeed({ speed: 2 })
    expect(await w.client.mass.getSpeed()).toMatchObject({ speed: 2, realspeed: 45 })
  },
  'mass.setSpeed': async (w) => {
    expect(await w.client.mass.setSpeed({ speed: 4 })).toMatchObject({ errcode: 0 })
    expect((await w.client.mass.getSpeed()).speed).toBe(4)
  },
  'mass.uploadNews': async (w) => {
    const news = await w.client.mass.uploadNews({
      articles: [
        { title: '周报', content: '<p>正文</p>', thumb_media_id: await w.temporaryMedia('thumb') },
      ],
    })
    expect(news.type).toBe('news')
    expect(news.media_id.length).toBeGreaterThan(0)
  },
  'mass.uploadVideo': async (w) => {
    const video = await w.client.mass.uploadVideo({
      media_id: await w.temporaryMedia('video'),
      title: '视频',
      description: '简介',
    })
    expect(video.type).toBe('video')
    expect(video.media_id.length).toBeGreaterThan(0)
  },
  'customService.send': async (w) => {
    const answer = await w.client.customService.send({
      touser: fanWithWindow(w),
      msgtype: 'text',
      text: { content: '您好' },
    })
    expect(answer).toMatchObject({ errcode: 0 })
  },
  'customService.typing': async (w) => {
    const answer = await w.client.customService.typing({
      touser: fanWithWindow(w),
      command: 'Typing',
    })
    expect(answer).toMatchObject({ errcode: 0 })
  },
  'kfAccount.add': async (w) => {
    expect(await w.client.kfAccount.add({ kf_account: KF, nickname: '小助手' })).toMatchObject({
      errcode: 0,
    })
  },
  'kfAccount.update': async (w) => {
    const kf_account = await kfAccount(w)
    await w.client.kfAccount.update({ kf_account, nickname: '新昵称' })
    const { kf_list } = await w.client.kfAccount.list()
    expect(kf_list).toContainEqual(expect.objectContaining({ kf_account, kf_nick: '新昵称' }))
  },
  'kfAccount.delete': async (w) => {
    const kf_account = await kfAccount(w)
    expect(await w.client.kfAccount.delete({ kf_account })).toMatchObject({ errcode: 0 })
    expect((await w.client.kfAccount.list()).kf_list).toEqual([])
  },
  'kfAccount.inviteWorker': async (w) => {
    const kf_account = await kfAccount(w)
    const answer = await w.client.kfAccount.inviteWorker({ kf_account, invite_wx: 'worker_wx1' })
    expect(answer).toMatchObject({ errcode: 0 })
    const { kf_list } = await w.client.kfAccount.list()
    expect(kf_list[0]).toMatchObject({ kf_account, invite_wx: 'worker_wx1' })
  },
  'kfAccount.uploadHeadImg': async (w) => {
    const kf_account = await kfAccount(w)
    const answer = await w.client.kfAccount.uploadHeadImg({
      kf_account,
      media: { data: JPEG, filename: 'head.jpg' },
    })
    expect(answer).toMatchObject({ errcode: 0 })
    expect((await w.client.kfAccount.list()).kf_list[0]?.kf_headimgurl).toMatch(/^https?:\/\//)
  },
  'kfAccount.list': async (w) => {
    const kf_account = await kfAccount(w)
    const { kf_list } = await w.client.kfAccount.list()
    expect(kf_list).toEqual([expect.objectContaining({ kf_account, kf_nick: '小助手' })])
  },
  'kfAccount.listOnline': async (w) => {
    await kfAccount(w)
    const { kf_online_list } = await w.client.kfAccount.listOnline()
    expect(Array.isArray(kf_online_list)).toBe(true)
  },
  'subscribe.getCategory': async (w) => {
    const { data } = await w.client.subscribe.getCategory()
    expect(data.length).toBeGreaterThan(0)
  },
  'subscribe.getPubTemplateTitles': async (w) => {
    const titles = await w.client.subscribe.getPubTemplateTitles({
      ids: '307,616',
      start: '0',
      limit: '10',
    })
    expect(titles.count).toBeGreaterThan(0)
    expect(titles.data[0]?.tid).toEqual(expect.any(Number))
  },
  'subscribe.getPubTemplateKeywords': async (w) => {
    const { data } = await w.client.subscribe.getPubTemplateKeywords({ tid: '99' })
    expect(data.map((keyword) => keyword.kid)).toContain(1)
  },
  'subscribe.addTemplate': async (w) => {
    const priTmplId = await pickedTemplate(w)
    const { data } = await w.client.subscribe.listTemplates()
    expect(data.map((template) => template.priTmplId)).toEqual([priTmplId])
  },
  'subscribe.deleteTemplate': async (w) => {
    const priTmplId = await pickedTemplate(w)
    expect(await w.client.subscribe.deleteTemplate({ priTmplId })).toMatchObject({ errcode: 0 })
    expect((await w.client.subscribe.listTemplates()).data).toEqual([])
  },
  'subscribe.listTemplates': async (w) => {
    await pickedTemplate(w)
    const { data } = await w.client.subscribe.listTemplates()
    expect(data[0]?.content).toContain('{{thing1.DATA}}')
  },
  'subscribe.send': async (w) => {
    const template_id = await pickedTemplate(w)
    const touser = w.follower()
    // The fan accepted this notice in the subscription prompt (what the emulator's page does).
    w.emulator.state.subscriptions.accept(w.appid, touser, template_id)
    const answer = await w.client.subscribe.send({
      touser,
      template_id,
      page: 'https://example.com/o/42',
      data: NOTICE,
    })
    expect(answer).toMatchObject({ errcode: 0 })
  },
} satisfies Scenarios

/** Errcode cases of template, mass, customer-service and subscription messages. */
export const messageErrcodes = {
  template: [
    {
      endpoint: 'template.send',
      key: 'REQUIRE_SUBSCRIBE',
      kind: 'invalid',
      why: 'a fan who no longer follows',
      call: (w) => w.client.template.send({ touser: w.formerFollower(), ...orderTemplate(w) }),
    },
    {
      endpoint: 'template.delete',
      key: 'INVALID_TEMPLATE_ID',
      kind: 'invalid',
      why: 'a template the account does not have',
      call: (w) => w.client.template.delete({ template_id: 'x'.repeat(43) }),
    },
  ],
  mass: [
    {
      endpoint: 'mass.send',
      key: 'OPENID_LIST_TOO_SHORT',
      kind: 'invalid',
      why: 'an OpenID list of one',
      call: (w) => w.client.mass.send({ touser: w.followers().slice(0, 1), ...TEXT }),
    },
    {
      endpoint: 'mass.get',
      key: 'INVALID_MSG_ID',
      kind: 'invalid',
      why: 'a msg_id never given out',
      call: (w) => w.client.mass.get({ msg_id: '42' }),
    },
    {
      endpoint: 'mass.setSpeed',
      key: 'MASS_SPEED_OUT_OF_RANGE',
      kind: 'invalid',
      why: 'a speed past 4',
      call: (w) => w.client.mass.setSpeed({ speed: 9 }),
    },
  ],
  customService: [
    {
      endpoint: 'customService.send',
      key: 'REPLY_WINDOW_CLOSED',
      kind: 'permission',
      why: 'a fan who has not written in 48 hours',
      call: (w) =>
        w.client.customService.send({
          touser: w.follower(),
          msgtype: 'text',
          text: { content: '您好' },
        }),
    },
    {
      endpoint: 'customService.typing',
      key: 'REPLY_WINDOW_CLOSED',
      kind: 'permission',
      why: 'a window that closed 48 hours later',
      call: async (w) => {
        const touser = fanWithWindow(w)
        await w.clock.advanceAsync(48 * 3600_000 + 1000)
        return w.client.customService.typing({ touser, command: 'Typing' })
      },
    },
  ],
  kfAccount: [
    {
      endpoint: 'kfAccount.add',
      key: 'INVALID_KF_ACCOUNT_NAME',
      kind: 'invalid',
      why: 'an account name without @',
      call: (w) => w.client.kfAccount.add({ kf_account: 'no-at-sign', nickname: 'x' }),
    },
    {
      endpoint: 'kfAccount.update',
      key: 'INVALID_KF_ACCOUNT',
      kind: 'invalid',
      why: 'an account never added',
      call: (w) => w.client.kfAccount.update({ kf_account: KF, nickname: 'x' }),
    },
  ],
  subscribe: [
    {
      endpoint: 'subscribe.send',
      key: 'USER_REFUSED_MESSAGE',
      kind: 'invalid',
      why: 'a fan who did not accept the notice',
      call: async (w) =>
        w.client.subscribe.send({
          touser: w.follower(),
          template_id: await pickedTemplate(w),
          data: NOTICE,
        }),
    },
    {
      endpoint: 'subscribe.addTemplate',
      key: 'INVALID_SUBSCRIBE_KID_LIST',
      kind: 'invalid',
      why: 'a single keyword',
      call: (w) => w.client.subscribe.addTemplate({ tid: 99, kidList: [1] }),
    },
  ],
} satisfies ErrcodeCases
