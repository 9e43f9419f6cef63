import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { MAX_SUBSCRIBE_TEMPLATES } from '../subscribe-store.js'
import { messageHarness } from './messages.test.helpers.js'
import { SUBSCRIBE_EVENT_DELAY_MS } from './subscribe.js'

const SEND = '/cgi-bin/message/subscribe/bizsend'

async function setup() {
  const h = await messageHarness()
  const query = async (path: string, params: Record<string, string>) =>
    h.call('GET', path, { access_token: await h.token(), ...params })
  const titles = (ids: string, start = '0', limit = '10') =>
    query('/wxaapi/newtmpl/getpubtemplatetitles', { ids, start, limit })
  const keywords = (tid: string) => query('/wxaapi/newtmpl/getpubtemplatekeywords', { tid })
  const add = (body: unknown) => h.post('/wxaapi/newtmpl/addtemplate', body)
  const templates = async () => (await h.get('/wxaapi/newtmpl/gettemplate')).data as Json[]
  /** Picks 订单发货通知 with 商品名称 and 快递公司; returns its priTmplId. */
  const shipping = async (tid: number | string = 99, kidList = [1, 2]) =>
    String((await add({ tid, kidList, sceneDesc: '发货提醒' })).priTmplId)
  const [fan] = h.emulator.fans.list(APPID).filter((f) => f.subscribed)
  if (!fan) throw new Error('no demo follower')
  const accept = (priTmplId: string, openid = fan.openid) =>
    h.emulator.state.subscriptions.accept(APPID, openid, priTmplId)
  const data = { thing1: { value: '羊毛围巾' }, thing2: { value: '顺丰速运' } }
  const send = (template_id: string, body: Record<string, unknown> = {}) =>
    h.postRaw(SEND, { touser: fan.openid, template_id, data, ...body })
  return { ...h, titles, keywords, add, templates, shipping, fan, accept, data, send }
}

describe('subscription-notice library (订阅通知, unverified)', () => {
  it('lists the categories, their templates by page and a template’s keywords', async () => {
    const { get, titles, keywords } = await setup()
    const categories = await get('/wxaapi/newtmpl/getcategory')
    expectValidResponse('subscribe.getCategory', categories)
    expect(categories.data).toEqual([
      { id: 307, name: '服装/鞋/箱包' },
      { id: 616, name: '公交' },
      { id: 1024, name: '教育信息服务' },
    ])

    // Example exchange: GET ?ids=307&start=0&limit=10 → {count, data: [{tid, title, type, categoryId}]}
    const page = await titles('307')
    expectValidResponse('subscribe.getPubTemplateTitles', page)
    expect(page).toMatchObject({
      count: 2,
      data: [
        { tid: 99, title: '订单发货通知', type: 2, categoryId: '307' },
        { tid: 100, title: '退款成功通知', type: 2, categoryId: '307' },
      ],
    })
    expect(await titles('307,616', '1', '1')).toMatchObject({ count: 3, data: [{ tid: 100 }] })
    expect(await titles('307', '5', '30')).toMatchObject({ count: 2, data: [] })

    const words = await keywords('99')
    expectValidResponse('subscribe.getPubTemplateKeywords', words)
    expect(words.count).toBe(5)
    expect((words.data as Json[])[0]).toEqual({
      kid: 1,
      name: '商品名称',
      example: '羊毛围巾',
      rule: 'thing',
    })
  })

  it('answers the library’s own codes for bad ids, start and limit', async () => {
    const { titles, keywords, call, token } = await setup()
    expectError(await titles(''), ERRCODE.SUBSCRIBE_CATEGORY_IDS_MISSING)
    expectError(await titles('999'), ERRCODE.INVALID_SUBSCRIBE_CATEGORY_IDS)
    expectError(await titles('307,x'), ERRCODE.INVALID_SUBSCRIBE_CATEGORY_IDS)
    expectError(await titles('307', '-1'), ERRCODE.INVALID_SUBSCRIBE_START)
    expectError(await titles('307', 'a'), ERRCODE.INVALID_SUBSCRIBE_START)
    for (const limit of ['0', '31', '', 'ten'])
      expectError(await titles('307', '0', limit), ERRCODE.INVALID_SUBSCRIBE_LIMIT)
    expectError(await keywords('4242'), ERRCODE.INVALID_SUBSCRIBE_TID)
    expectError(await keywords('9x'), ERRCODE.INVALID_SUBSCRIBE_TID)
    // A missing query parameter fails the table's query schema.
    const access_token = await token()
    expectError(
      await call('GET', '/wxaapi/newtmpl/getpubtemplatetitles', { access_token, ids: '307' }),
      ERRCODE.INVALID_PARAMETER,
    )
  })
})

describe('the account’s subscription templates', () => {
  it('adds a template with the keywords in the order given, lists and deletes it', async () => {
    const { add, templates, post } = await setup()
    expect(await templates()).toEqual([])
    // Example exchange: {"tid": 99, "kidList": [3, 1], "sceneDesc": "发货提醒"} → {priTmplId}
    const added = await add({ tid: 99, kidList: [3, 1], sceneDesc: '发货提醒' })
    expectValidResponse('subscribe.addTemplate', added)
    expect(added).toMatchObject({ errcode: 0, errmsg: 'ok' })
    expect(added.priTmplId).toMatch(/^[A-Za-z0-9_-]{43}$/)
    const long = await add({ tid: '1589', kidList: [1, 2, 3] })

    const list = await templates()
    expect(list).toEqual([
      {
        priTmplId: added.priTmplId,
        title: '订单发货通知',
        content: '快递单号:{{character_string3.DATA}}\n商品名称:{{thing1.DATA}}',
        example: '快递单号:SF1234567890\n商品名称:羊毛围巾',
        type: 2,
      },
      expect.objectContaining({ priTmplId: long.priTmplId, title: '车辆到站提醒', type: 3 }),
    ])

    const del = () => post('/wxaapi/newtmpl/deltemplate', { priTmplId: added.priTmplId })
    const deleted = await del()
    expectValidResponse('subscribe.deleteTemplate', deleted)
    expect(deleted).toEqual({ errcode: 0, errmsg: 'ok' })
    expect((await templates()).map((t) => t.priTmplId)).toEqual([long.priTmplId])
    expectError(await del(), ERRCODE.SUBSCRIBE_SYSTEM_ERROR)
  })

  it('refuses unknown tids, 1 or more than 5 keywords, repeats, and a sceneDesc over 15 characters', async () => {
    const { add, templates } = await setup()
    expectError(await add({ tid: 4242, kidList: [1, 2] }), ERRCODE.INVALID_SUBSCRIBE_TID)
    for (const kidList of [[], [1], [1, 1], [1, 9], [1, 2, 3, 4, 5, 1]])
      expectError(await add({ tid: 99, kidList }), ERRCODE.INVALID_SUBSCRIBE_KID_LIST)
    expect((await add({ tid: 99, kidList: [5, 4, 3, 2, 1] })).errcode).toBe(0)
    expect((await add({ tid: 99, kidList: [1, 2], sceneDesc: '一'.repeat(15) })).errcode).toBe(0)
    expectError(
      await add({ tid: 99, kidList: [1, 2], sceneDesc: '一'.repeat(16) }),
      ERRCODE.INVALID_SUBSCRIBE_SCENE_DESC,
    )
    expectError(await add({ tid: 99, kidList: ['1', '2'] }), ERRCODE.DATA_FORMAT_ERROR)
    expectError(await add({ tid: true, kidList: [1, 2] }), ERRCODE.DATA_FORMAT_ERROR)
    expect(await templates()).toHaveLength(2)
  })

  it(`keeps at most ${MAX_SUBSCRIBE_TEMPLATES} templates, then answers 200012`, async () => {
    const { shipping, add } = await setup()
    for (let i = 0; i < MAX_SUBSCRIBE_TEMPLATES; i++) await shipping()
    expectError(await add({ tid: 99, kidList: [1, 2] }), ERRCODE.SUBSCRIBE_TEMPLATE_LIMIT)
  })
})

describe('bizsend', () => {
  it('sends to a fan who accepted: records it and schedules subscribe_msg_sent_event', async () => {
    const { send, shipping, accept, fan, emulator, clock, data } = await setup()
    const id = await shipping()
    accept(id)
    const sentAt = clock.now()
    // Example exchange: {touser, template_id, page, data: {thing1: {value}, …}} → {errcode: 0, errmsg: "ok"}
    const { json } = await send(id, { page: 'https://example.com/orders/42' })
    expectValidResponse('subscribe.send', json)
    expect(json).toEqual({ errcode: 0, errmsg: 'ok' })

    const [received] = emulator.state.received.forFan(APPID, fan.openid)
    expect(received).toMatchObject({
      channel: 'subscribe',
      msgtype: 'subscribe',
      payload: { template_id: id, page: 'https://example.com/orders/42', data },
      sentAt,
      status: 'success',
    })
    expect(received?.msgId).toMatch(/^\d{19}$/)
    expect(emulator.state.outbox.pending()).toEqual([
      expect.objectContaining({
        dueAt: sentAt + SUBSCRIBE_EVENT_DELAY_MS,
        event: {
          kind: 'event.subscribe_msg_sent_event',
          FromUserName: fan.openid,
          SubscribeMsgSentEvent: {
            List: [
              { TemplateId: id, MsgID: received?.msgId, ErrorCode: 0, ErrorStatus: 'success' },
            ],
          },
        },
      }),
    ])
  })

  it('answers 43101 without an acceptance; a one-time acceptance is spent by one notice', async () => {
    const { send, shipping, accept } = await setup()
    const id = await shipping()
    expectError((await send(id)).json, ERRCODE.USER_REFUSED_MESSAGE)
    accept(id)
    accept(id)
    expect((await send(id)).json.errcode).toBe(0)
    expect((await send(id)).json.errcode).toBe(0)
    expectError((await send(id)).json, ERRCODE.USER_REFUSED_MESSAGE)
  })

  it('keeps a long-term acceptance, and drops acceptances with their template', async () => {
    const { send, shipping, accept, post } = await setup()
    const id = await shipping(1589, [1, 2])
    accept(id)
    const body = { data: { thing1: { value: '10路' }, thing2: { value: '体育中心站' } } }
    for (let i = 0; i < 3; i++) expect((await send(id, body)).json.errcode).toBe(0)
    await post('/wxaapi/newtmpl/deltemplate', { priTmplId: id })
    expectError((await send(id, body)).json, ERRCODE.INVALID_TEMPLATE_ID)
  })

  it('reaches a fan who accepted but no longer follows [inferred]', async () => {
    const { send, shipping, accept, emulator } = await setup()
    const former = emulator.fans.list(APPID).find((f) => !f.subscribed)!
    const id = await shipping()
    accept(id, former.openid)
    expect((await send(id, { touser: former.openid })).json.errcode).toBe(0)
  })

  it('answers 40003, 40037 and 47003 before spending the acceptance', async () => {
    const { send, shipping, accept, emulator, fan } = await setup()
    const id = await shipping()
    accept(id)
    expectError((await send(id, { touser: 'oUnknown' })).json, ERRCODE.INVALID_OPENID)
    expectError((await send('x'.repeat(43))).json, ERRCODE.INVALID_TEMPLATE_ID)
    const missing = (await send(id, { data: { thing1: { value: '围巾' } } })).json
    expectError(missing, ERRCODE.ARGUMENT_INVALID)
    expect(missing.errmsg).toContain('data.thing2.value invalid')
    const tooLong = { thing1: { value: '一'.repeat(21) }, thing2: { value: '顺丰' } }
    expectError((await send(id, { data: tooLong })).json, ERRCODE.ARGUMENT_INVALID)
    expect(emulator.state.subscriptions.acceptances(APPID, fan.openid, id)).toBe(1)
    // Keys the template does not name are ignored.
    const extra = { thing1: { value: '围巾' }, thing2: { value: '顺丰' }, remark: { value: 'x' } }
    expect((await send(id, { data: extra })).json.errcode).toBe(0)
  })

  it('answers 47001 for bodies of the wrong shape', async () => {
    const { send, shipping, post } = await setup()
    const id = await shipping()
    expectError((await send(id, { data: { thing1: 'x' } })).json, ERRCODE.DATA_FORMAT_ERROR)
    expectError((await send(id, { touser: 42 })).json, ERRCODE.DATA_FORMAT_ERROR)
    expectError((await send(id, { miniprogram: { appid: 'wx1' } })).json, ERRCODE.DATA_FORMAT_ERROR)
    expectError(await post(SEND, '[]'), ERRCODE.DATA_FORMAT_ERROR)
  })

  it('refuses an acceptance of a template the account does not have (test helper)', async () => {
    const { accept } = await setup()
    expect(() => accept('nope')).toThrow(/no subscribe template/)
  })
})
