import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'

async function setup() {
  const h = harness()
  const access_token = await h.token()
  const get = (next_openid?: string) =>
    h.call(
      'GET',
      '/cgi-bin/user/get',
      next_openid === undefined ? { access_token } : { access_token, next_openid },
    )
  const info = (query: Record<string, string>) =>
    h.call('GET', '/cgi-bin/user/info', { access_token, ...query })
  const post = (path: string, body: unknown) => h.call('POST', path, { access_token }, body)
  const fans = h.emulator.fans
  // The demo fans are random; tests start from followers they create themselves.
  for (const fan of fans.list(APPID)) if (fan.subscribed) fans.unsubscribe(APPID, fan.openid)
  return { ...h, get, info, post, fans }
}

const openidsOf = (page: Json) => (page.data as { openid: string[] } | undefined)?.openid ?? []

describe('user/get', () => {
  it('lists followers only, then ends with count 0, no data and an empty next_openid', async () => {
    const { get, fans } = await setup()
    const a = fans.create(APPID)
    const b = fans.create(APPID)
    fans.unsubscribe(APPID, fans.create(APPID).openid)

    const page = await get()
    expectValidResponse('user.get', page)
    expect(page).toEqual({
      total: 2,
      count: 2,
      data: { openid: [a.openid, b.openid] },
      next_openid: b.openid,
    })
    const end = await get(b.openid)
    expectValidResponse('user.get', end)
    expect(end).toEqual({ total: 2, count: 0, next_openid: '' })
  })

  it('pages 10,000 OpenIDs at a time across more than 10,000 followers', async () => {
    const { get, fans } = await setup()
    const created = Array.from({ length: 10_003 }, () => fans.create(APPID).openid)

    const first = await get('')
    expectValidResponse('user.get', first)
    expect(first).toMatchObject({ total: 10_003, count: 10_000, next_openid: created[9_999] })
    const second = await get(String(first.next_openid))
    expect(second).toMatchObject({ total: 10_003, count: 3, next_openid: created[10_002] })
    expect([...openidsOf(first), ...openidsOf(second)]).toEqual(created)
    const end = await get(String(second.next_openid))
    expect(end).toEqual({ total: 10_003, count: 0, next_openid: '' })
  })

  it('answers 40003 for a next_openid that is not a follower', async () => {
    const { get } = await setup()
    expectError(await get('o-not-a-follower'), ERRCODE.INVALID_OPENID)
  })
})

describe('user/info', () => {
  it('returns a follower’s profile by the table’s schema', async () => {
    const { info, fans } = await setup()
    const fan = fans.create(APPID, {
      unionid: 'oUnion0000000000000000000000',
      remark: 'r',
      tags: [2],
      language: 'en',
      subscribeScene: 'ADD_SCENE_SEARCH',
    })
    const body = await info({ openid: fan.openid, lang: 'zh_CN' })
    expectValidResponse('user.info', body)
    expect(body).toMatchObject({
      subscribe: 1,
      openid: fan.openid,
      unionid: fan.unionid,
      language: 'en',
      subscribe_time: fan.subscribeTime,
      remark: 'r',
      groupid: 0,
      tagid_list: [2],
      subscribe_scene: 'ADD_SCENE_SEARCH',
    })
  })

  it('tells a former follower only subscribe 0, the openid and the unionid', async () => {
    const { info, fans } = await setup()
    const fan = fans.create(APPID, { unionid: 'oUnion0000000000000000000000', remark: 'r' })
    fans.unsubscribe(APPID, fan.openid)
    const body = await info({ openid: fan.openid })
    expectValidResponse('user.info', body)
    expect(body).toEqual({ subscribe: 0, openid: fan.openid, unionid: fan.unionid })
  })

  it('answers 40003 for an unknown openid and 41009 without one', async () => {
    const { info } = await setup()
    expectError(await info({ openid: 'o-unknown' }), ERRCODE.INVALID_OPENID)
    expectError(await info({}), ERRCODE.OPENID_MISSING)
  })

  it('answers 40035 for a lang outside zh_CN, zh_TW and en', async () => {
    const { info, fans } = await setup()
    const fan = fans.create(APPID)
    expectError(await info({ openid: fan.openid, lang: 'fr' }), ERRCODE.INVALID_PARAMETER)
  })
})

describe('user/info/batchget', () => {
  const path = '/cgi-bin/user/info/batchget'

  it('returns the profiles in request order, former followers trimmed', async () => {
    const { post, fans } = await setup()
    const a = fans.create(APPID)
    const b = fans.create(APPID)
    fans.unsubscribe(APPID, b.openid)
    const body = await post(path, {
      user_list: [{ openid: b.openid }, { openid: a.openid, lang: 'en' }],
    })
    expectValidResponse('user.batchGet', body)
    const list = body.user_info_list as Json[]
    expect(list.map((user) => [user.openid, user.subscribe])).toEqual([
      [b.openid, 0],
      [a.openid, 1],
    ])
  })

  it('answers 40032 for an empty list or more than 100 users', async () => {
    const { post, fans } = await setup()
    const fan = fans.create(APPID)
    expectError(await post(path, { user_list: [] }), ERRCODE.INVALID_OPENID_LIST_SIZE)
    const many = Array.from({ length: 101 }, () => ({ openid: fan.openid }))
    expectError(await post(path, { user_list: many }), ERRCODE.INVALID_OPENID_LIST_SIZE)
    expect(await post(path, { user_list: many.slice(1) })).not.toHaveProperty('errcode')
  })

  it('answers 40003 when one openid is unknown', async () => {
    const { post, fans } = await setup()
    const fan = fans.create(APPID)
    const body = await post(path, { user_list: [{ openid: fan.openid }, { openid: 'o-x' }] })
    expectError(body, ERRCODE.INVALID_OPENID)
  })
})

describe('user/info/updateremark', () => {
  const path = '/cgi-bin/user/info/updateremark'

  it('sets a remark user/info then shows', async () => {
    const { post, info, fans } = await setup()
    const fan = fans.create(APPID)
    const body = await post(path, { openid: fan.openid, remark: '老客户' })
    expectValidResponse('user.updateRemark', body)
    expect(body).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(await info({ openid: fan.openid })).toMatchObject({ remark: '老客户' })
  })

  it('answers 40092 for a remark of 30 bytes or more, accepting 29', async () => {
    const { post, fans } = await setup()
    const fan = fans.create(APPID)
    expectError(
      await post(path, { openid: fan.openid, remark: '备'.repeat(10) }),
      ERRCODE.INVALID_REMARK,
    )
    expectError(
      await post(path, { openid: fan.openid, remark: 'r'.repeat(30) }),
      ERRCODE.INVALID_REMARK,
    )
    expect(await post(path, { openid: fan.openid, remark: 'r'.repeat(29) })).toMatchObject({
      errcode: 0,
    })
  })

  it('answers 40003 for an unknown openid or a former follower', async () => {
    const { post, fans } = await setup()
    const fan = fans.create(APPID)
    fans.unsubscribe(APPID, fan.openid)
    expectError(await post(path, { openid: fan.openid, remark: 'x' }), ERRCODE.INVALID_OPENID)
    expectError(await post(path, { openid: 'o-x', remark: 'x' }), ERRCODE.INVALID_OPENID)
  })
})
