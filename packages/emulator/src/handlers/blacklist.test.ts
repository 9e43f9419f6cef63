import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'

async function setup() {
  const h = harness()
  const access_token = await h.token()
  const post = (path: string, body: unknown) => h.call('POST', path, { access_token }, body)
  const get = (begin_openid?: string) =>
    post('/cgi-bin/tags/members/getblacklist', begin_openid === undefined ? {} : { begin_openid })
  const add = (openid_list: string[]) =>
    post('/cgi-bin/tags/members/batchblacklist', { openid_list })
  const remove = (openid_list: string[]) =>
    post('/cgi-bin/tags/members/batchunblacklist', { openid_list })
  return { ...h, get, add, remove, fans: h.emulator.fans }
}

describe('blacklist', () => {
  it('starts empty, then lists blacklisted users in blacklisting order', async () => {
    const { get, add, remove, fans } = await setup()
    const empty = await get()
    expectValidResponse('blacklist.get', empty)
    expect(empty).toEqual({ total: 0, count: 0, next_openid: '' })

    const a = fans.create(APPID)
    const b = fans.create(APPID)
    fans.unsubscribe(APPID, a.openid)
    const added = await add([b.openid, a.openid])
    expectValidResponse('blacklist.batchAdd', added)
    expect(added).toEqual({ errcode: 0, errmsg: 'ok' })
    const page = await get('')
    expectValidResponse('blacklist.get', page)
    expect(page).toEqual({
      total: 2,
      count: 2,
      data: { openid: [b.openid, a.openid] },
      next_openid: a.openid,
    })
    expect(await get(a.openid)).toEqual({ total: 2, count: 0, next_openid: '' })

    const removed = await remove([b.openid])
    expectValidResponse('blacklist.batchRemove', removed)
    expect(await get()).toMatchObject({ total: 1, data: { openid: [a.openid] } })
  })

  it('answers 40032 for an empty list or more than 20 OpenIDs', async () => {
    const { add, remove, fans } = await setup()
    const many = Array.from({ length: 21 }, () => fans.create(APPID).openid)
    for (const call of [add, remove]) {
      expectError(await call([]), ERRCODE.INVALID_OPENID_LIST_SIZE)
      expectError(await call(many), ERRCODE.INVALID_OPENID_LIST_SIZE)
    }
    expect(await add(many.slice(1))).toMatchObject({ errcode: 0 })
  })

  it('answers 40003 for an OpenID the account does not know, changing nothing', async () => {
    const { get, add, remove, fans } = await setup()
    const fan = fans.create(APPID)
    expectError(await add([fan.openid, 'o-unknown']), ERRCODE.INVALID_OPENID)
    expectError(await remove(['o-unknown']), ERRCODE.INVALID_OPENID)
    expect(await get()).toMatchObject({ total: 0 })
  })

  it('answers 40003 for a begin_openid that is not blacklisted', async () => {
    const { get, fans } = await setup()
    expectError(await get(fans.create(APPID).openid), ERRCODE.INVALID_OPENID)
  })
})
