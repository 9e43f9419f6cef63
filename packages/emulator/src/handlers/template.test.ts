import { ERRCODE, VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { createEmulator } from '../emulator.js'
import { ACCOUNT, APPID, expectError, expectValidResponse } from '../emulator.test.helpers.js'
import { CLIENT_MSG_ID_TTL_MS } from '../template-store.js'
import { messageHarness } from './messages.test.helpers.js'
import { TEMPLATE_JOB_DELAY_MS } from './template.js'

const SEND = '/cgi-bin/message/template/send'

interface Template {
  template_id: string
  title: string
  content: string
}

async function setup() {
  const h = await messageHarness()
  const list = () => h.get('/cgi-bin/template/get_all_private_template')
  const templates = async () => (await list()).template_list as Template[]
  const [order] = await templates()
  if (!order) throw new Error('no demo template')
  const [fan, other] = h.emulator.fans.list(APPID).filter((f) => f.subscribed)
  if (!fan || !other) throw new Error('no demo followers')
  // A complete, valid `data` for the 订单支付成功 demo template.
  const data = {
    character_string1: { value: 'DD20260101000123' },
    thing2: { value: '巧克力礼盒' },
    amount3: { value: '39.80元' },
    time4: { value: '2026年1月1日 12:30' },
  }
  const send = (body: Record<string, unknown>) =>
    h.postRaw(SEND, { touser: fan.openid, template_id: order.template_id, data, ...body })
  return { ...h, list, templates, order, fan, other, data, send }
}

describe('template library, list, add and delete (§6.6)', () => {
  it('starts each account with two demo templates whose content has {{key.DATA}} placeholders', async () => {
    const { list, templates } = await setup()
    const body = await list()
    expectValidResponse('template.list', body)
    const all = await templates()
    expect(all.map((t) => t.title)).toEqual(['订单支付成功通知', '订单发货提醒'])
    expect(all[0]).toMatchObject({
      primary_industry: 'IT科技',
      deputy_industry: '互联网|电子商务',
      content:
        '订单编号:{{character_string1.DATA}}\n商品名称:{{thing2.DATA}}\n' +
        '支付金额:{{amount3.DATA}}\n支付时间:{{time4.DATA}}',
    })
    for (const t of all) expect(t.template_id).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('draws the demo template ids from the seed', async () => {
    const ids = async (seed: number) => {
      const emulator = createEmulator({ accounts: [ACCOUNT], clock: new VirtualClock(), seed })
      return emulator.state.templates.list(APPID).map((t) => t.template_id)
    }
    expect(await ids(42)).toEqual(await ids(42))
    expect(await ids(42)).not.toEqual(await ids(43))
  })

  it('adds a library template by short id, whole or with the keywords named, in their order', async () => {
    const { post, templates } = await setup()
    const added = await post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00015' })
    expectValidResponse('template.add', added)
    expect(added).toMatchObject({ errcode: 0, errmsg: 'ok' })
    const picked = await post('/cgi-bin/template/api_add_template', {
      template_id_short: 'OPENTM400231951',
      keyword_name_list: ['预约时间', '预约项目'],
    })
    const all = await templates()
    expect(all).toHaveLength(4)
    expect(all[2]?.template_id).toBe(added.template_id)
    expect(all[3]).toMatchObject({
      template_id: picked.template_id,
      title: '预约成功通知',
      content: '预约时间:{{time2.DATA}}\n预约项目:{{thing1.DATA}}',
    })
  })

  it('answers 40037 for an unknown short id and 40035 for an unknown or empty keyword list', async () => {
    const { post, templates } = await setup()
    const add = (body: unknown) => post('/cgi-bin/template/api_add_template', body)
    expectError(await add({ template_id_short: 'TM99999' }), ERRCODE.INVALID_TEMPLATE_ID)
    expectError(
      await add({ template_id_short: 'TM00015', keyword_name_list: ['不存在'] }),
      ERRCODE.INVALID_PARAMETER,
    )
    expectError(
      await add({ template_id_short: 'TM00015', keyword_name_list: [] }),
      ERRCODE.INVALID_PARAMETER,
    )
    expectError(await add({ template_id_short: 15 }), ERRCODE.DATA_FORMAT_ERROR)
    expect(await templates()).toHaveLength(2)
  })

  it('deletes a template, then answers 40037 for it', async () => {
    const { post, templates, order } = await setup()
    const del = () =>
      post('/cgi-bin/template/del_private_template', { template_id: order.template_id })
    const deleted = await del()
    expectValidResponse('template.delete', deleted)
    expect(deleted).toEqual({ errcode: 0, errmsg: 'ok' })
    expect((await templates()).map((t) => t.template_id)).not.toContain(order.template_id)
    expectError(await del(), ERRCODE.INVALID_TEMPLATE_ID)
    expectError(await post('/cgi-bin/template/del_private_template', {}), ERRCODE.DATA_FORMAT_ERROR)
  })
})

describe('template industry (§6.0)', () => {
  it('starts with 互联网|电子商务 and IT软件与服务 and answers what was set', async () => {
    const { get, post } = await setup()
    const initial = await get('/cgi-bin/template/get_industry')
    expectValidResponse('template.getIndustry', initial)
    expect(initial).toEqual({
      primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
      secondary_industry: { first_class: 'IT科技', second_class: 'IT软件与服务' },
    })
    const set = await post('/cgi-bin/template/api_set_industry', {
      industry_id1: '13',
      industry_id2: '41',
    })
    expectValidResponse('template.setIndustry', set)
    expect(await get('/cgi-bin/template/get_industry')).toEqual({
      primary_industry: { first_class: '运输与仓储', second_class: '快递' },
      secondary_industry: { first_class: '其它', second_class: '其它' },
    })
  })

  it('answers 40035 for a code outside the table and 47001 for codes that are not strings', async () => {
    const { get, post } = await setup()
    const set = (industry_id1: unknown, industry_id2: unknown) =>
      post('/cgi-bin/template/api_set_industry', { industry_id1, industry_id2 })
    expectError(await set('0', '2'), ERRCODE.INVALID_PARAMETER)
    expectError(await set('1', '42'), ERRCODE.INVALID_PARAMETER)
    expectError(await set('1', 'x'), ERRCODE.INVALID_PARAMETER)
    expectError(await set(1, 2), ERRCODE.DATA_FORMAT_ERROR)
    // Nothing changed.
    expect(await get('/cgi-bin/template/get_industry')).toMatchObject({
      primary_industry: { second_class: '互联网|电子商务' },
    })
  })
})

describe('template/send (§6.7)', () => {
  it('answers ok with a bare 64-bit msgid, records the delivery and schedules the job event', async () => {
    const { send, clock, emulator, fan, order, data } = await setup()
    const sentAt = clock.now()
    const { json, text } = await send({ url: 'https://example.com/order/1' })
    expectValidResponse('template.send', json)
    expect(json).toMatchObject({ errcode: 0, errmsg: 'ok' })
    const msgid = String(json.msgid)
    // A bare JSON number, above 2^53 as WeChat's are: JSON.parse alone would round it.
    expect(text).toContain(`"msgid":${msgid}`)
    expect(BigInt(msgid) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true)

    expect(emulator.state.received.forFan(APPID, fan.openid)).toEqual([
      {
        channel: 'template',
        msgId: msgid,
        msgtype: 'template',
        payload: { template_id: order.template_id, url: 'https://example.com/order/1', data },
        sentAt,
        status: 'success',
      },
    ])
    expect(emulator.state.outbox.pending()).toEqual([
      {
        appid: APPID.toLowerCase(),
        event: {
          kind: 'event.TEMPLATESENDJOBFINISH',
          FromUserName: fan.openid,
          MsgID: msgid,
          Status: 'success',
        },
        dueAt: sentAt + TEMPLATE_JOB_DELAY_MS,
        sequence: 0,
      },
    ])
  })

  it('answers 40003 for an unknown OpenID and 43004 for a former follower', async () => {
    const { send, emulator, fan } = await setup()
    expectError(
      (await send({ touser: 'oUnknown000000000000000000000' })).json,
      ERRCODE.INVALID_OPENID,
    )
    emulator.fans.unsubscribe(APPID, fan.openid)
    expectError((await send({})).json, ERRCODE.REQUIRE_SUBSCRIBE)
    expect(emulator.state.outbox.pending()).toEqual([])
  })

  it('answers 40036 for a template_id of the wrong size and 40037 for an unknown one', async () => {
    const { send } = await setup()
    expectError((await send({ template_id: 'short' })).json, ERRCODE.INVALID_TEMPLATE_ID_SIZE)
    expectError(
      (await send({ template_id: 'x'.repeat(44) })).json,
      ERRCODE.INVALID_TEMPLATE_ID_SIZE,
    )
    expectError((await send({ template_id: 'x'.repeat(43) })).json, ERRCODE.INVALID_TEMPLATE_ID)
  })

  it('answers 47003 naming the first placeholder whose value is missing or invalid', async () => {
    const { send, data, emulator } = await setup()
    const without = { ...data } as Record<string, unknown>
    delete without.thing2
    const missing = (await send({ data: without })).json
    expectError(missing, ERRCODE.ARGUMENT_INVALID)
    expect(missing.errmsg).toMatch(/^argument invalid! data\.thing2\.value invalid rid: /)

    const invalid = async (key: string, value: string) => {
      const body = (await send({ data: { ...data, [key]: { value } } })).json
      expectError(body, ERRCODE.ARGUMENT_INVALID)
      expect(body.errmsg).toContain(`data.${key}.value invalid`)
    }
    await invalid('thing2', '')
    await invalid('thing2', '   ')
    await invalid('thing2', '巧'.repeat(21))
    await invalid('character_string1', '订单123')
    await invalid('character_string1', 'A'.repeat(33))
    await invalid('amount3', '三十元')
    await invalid('time4', '明天')
    expect(emulator.state.received.forAccount(APPID)).toEqual([])
  })

  it('accepts values at their limits and ignores the legacy first/remark and unknown keys', async () => {
    const { send, data } = await setup()
    const body = (
      await send({
        data: {
          ...data,
          thing2: { value: '巧'.repeat(20), color: '#173177' },
          character_string1: { value: 'A'.repeat(32) },
          amount3: { value: '¥39.8' },
          first: { value: '' },
          remark: { value: 'x'.repeat(1000) },
          keyword9: { value: '' },
        },
      })
    ).json
    expect(body).toMatchObject({ errcode: 0, errmsg: 'ok' })
  })

  it('answers 43101 at once to a fan who refuses the account’s templates, and sends nothing', async () => {
    const { send, emulator, fan } = await setup()
    emulator.state.templates.setRefusing(APPID, fan.openid)
    const refused = (await send({})).json
    expectError(refused, ERRCODE.USER_REFUSED_MESSAGE)
    expect(refused.errmsg).toMatch(/^user refuse to accept the msg rid: /)
    expect(emulator.state.received.forFan(APPID, fan.openid)).toEqual([])
    expect(emulator.state.outbox.pending()).toEqual([])
    emulator.state.templates.setRefusing(APPID, fan.openid, false)
    expect((await send({})).json.errcode).toBe(0)
  })

  it('answers a repeated client_msg_id to the same fan with the first msgid for 10 minutes', async () => {
    const { send, emulator, fan, other, clock } = await setup()
    const first = (await send({ client_msg_id: 'MSG_000001' })).json
    clock.advance(CLIENT_MSG_ID_TTL_MS - 1)
    const again = (await send({ client_msg_id: 'MSG_000001' })).json
    expect(again).toEqual(first)
    expect(emulator.state.received.forFan(APPID, fan.openid)).toHaveLength(1)
    expect(emulator.state.outbox.pending()).toHaveLength(1)

    // Another fan, or no key, is a new message.
    const toOther = (await send({ touser: other.openid, client_msg_id: 'MSG_000001' })).json
    expect(toOther.msgid).not.toBe(first.msgid)
    expect((await send({})).json.msgid).not.toBe(first.msgid)

    clock.advance(1)
    const later = (await send({ client_msg_id: 'MSG_000001' })).json
    expect(later.msgid).not.toBe(first.msgid)
    expect(emulator.state.received.forFan(APPID, fan.openid)).toHaveLength(3)
  })

  it('answers 47001 for bodies of the wrong shape and 44002 for an empty one', async () => {
    const { postRaw, order, fan } = await setup()
    const shape = async (body: unknown) => (await postRaw(SEND, body)).json
    expectError(
      await shape({ template_id: order.template_id, data: {} }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(
      await shape({ touser: fan.openid, template_id: order.template_id, data: 'x' }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(
      await shape({
        touser: fan.openid,
        template_id: order.template_id,
        data: { thing2: { value: 5 } },
      }),
      ERRCODE.DATA_FORMAT_ERROR,
    )
    expectError(await shape([]), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await shape(''), ERRCODE.EMPTY_POST_DATA)
  })
})
