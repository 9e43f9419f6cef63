import { ERRCODE } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'
import type { Json } from '../emulator.test.helpers.js'
import { FIRST_TAG_ID, MAX_TAGS } from '../tag-store.js'

async function setup() {
  const h = harness()
  const access_token = await h.token()
  const post = (path: string, body: unknown) => h.call('POST', path, { access_token }, body)
  const list = () => h.call('GET', '/cgi-bin/tags/get', { access_token })
  const create = (name: string) => post('/cgi-bin/tags/create', { tag: { name } })
  const update = (id: number, name: string) => post('/cgi-bin/tags/update', { tag: { id, name } })
  const del = (id: number) => post('/cgi-bin/tags/delete', { tag: { id } })
  const tag = (openid_list: string[], tagid: number) =>
    post('/cgi-bin/tags/members/batchtagging', { openid_list, tagid })
  const untag = (openid_list: string[], tagid: number) =>
    post('/cgi-bin/tags/members/batchuntagging', { openid_list, tagid })
  const members = (tagid: number, next_openid?: string) =>
    post('/cgi-bin/user/tag/get', next_openid === undefined ? { tagid } : { tagid, next_openid })
  const idList = (openid: string) => post('/cgi-bin/tags/getidlist', { openid })
  const fans = h.emulator.fans
  return { ...h, post, list, create, update, del, tag, untag, members, idList, fans }
}

const idOf = (body: Json) => (body.tag as { id: number }).id

describe('tags create / get / update / delete', () => {
  it('starts with the starred group, creates tags from id 100 and counts their followers', async () => {
    const { list, create, tag, fans } = await setup()
    const initial = await list()
    expectValidResponse('tags.get', initial)
    expect(initial).toEqual({ tags: [{ id: 2, name: '星标组', count: 0 }] })

    const created = await create('广东')
    expectValidResponse('tags.create', created)
    expect(created).toEqual({ tag: { id: FIRST_TAG_ID, name: '广东' } })

    const a = fans.create(APPID)
    const b = fans.create(APPID)
    await tag([a.openid, b.openid], FIRST_TAG_ID)
    fans.unsubscribe(APPID, b.openid)
    expect(await list()).toEqual({
      tags: [
        { id: 2, name: '星标组', count: 0 },
        { id: FIRST_TAG_ID, name: '广东', count: 1 },
      ],
    })
  })

  it('answers 45158 for a name over 30 bytes and accepts exactly 30', async () => {
    const { create } = await setup()
    expectError(await create('标'.repeat(11)), ERRCODE.TAG_NAME_TOO_LONG)
    expect(await create('标'.repeat(10))).toHaveProperty('tag')
  })

  it('answers 45157 for a duplicate or empty name, the starred group included', async () => {
    const { create } = await setup()
    await create('vip')
    expectError(await create('vip'), ERRCODE.INVALID_TAG_NAME)
    expectError(await create('星标组'), ERRCODE.INVALID_TAG_NAME)
    expectError(await create(''), ERRCODE.INVALID_TAG_NAME)
  })

  it('answers 45056 for the 101st tag', async () => {
    const { create } = await setup()
    for (let i = 0; i < MAX_TAGS; i++) expect(await create(`t${i}`)).toHaveProperty('tag')
    expectError(await create('one more'), ERRCODE.TOO_MANY_TAGS)
  })

  it('renames a tag, keeping its own name allowed and another tag’s refused', async () => {
    const { create, update, list } = await setup()
    const id = idOf(await create('a'))
    await create('b')
    const renamed = await update(id, 'c')
    expectValidResponse('tags.update', renamed)
    expect(renamed).toEqual({ errcode: 0, errmsg: 'ok' })
    expect(await update(id, 'c')).toMatchObject({ errcode: 0 })
    expectError(await update(id, 'b'), ERRCODE.INVALID_TAG_NAME)
    expectError(await update(id, 'x'.repeat(31)), ERRCODE.TAG_NAME_TOO_LONG)
    expect((await list()).tags).toContainEqual({ id, name: 'c', count: 0 })
  })

  it.each([0, 1, 2])('answers 45058 when tag %i is updated or deleted', async (id) => {
    const { update, del } = await setup()
    expectError(await update(id, 'mine'), ERRCODE.RESERVED_TAG)
    expectError(await del(id), ERRCODE.RESERVED_TAG)
  })

  it('answers 45159 when an unknown tag is updated or deleted', async () => {
    const { update, del } = await setup()
    expectError(await update(999, 'x'), ERRCODE.INVALID_TAG_ID)
    expectError(await del(999), ERRCODE.INVALID_TAG_ID)
  })

  it('deletes a tag and takes it off every fan, former followers too', async () => {
    const { create, del, tag, list, fans } = await setup()
    const id = idOf(await create('gone'))
    const fan = fans.create(APPID)
    await tag([fan.openid], id)
    fans.unsubscribe(APPID, fan.openid)
    const deleted = await del(id)
    expectValidResponse('tags.delete', deleted)
    expect(fan.tags).toEqual([])
    expect((await list()).tags).toEqual([{ id: 2, name: '星标组', count: 0 }])
    expectError(await del(id), ERRCODE.INVALID_TAG_ID)
  })

  it('answers 45057 when deleting a tag with more than 100,000 followers', async () => {
    const { create, del, fans } = await setup()
    const id = idOf(await create('big'))
    for (let i = 0; i <= 100_000; i++) fans.create(APPID, { tags: [id] })
    expectError(await del(id), ERRCODE.TAG_HAS_TOO_MANY_FANS)
  })
})

describe('tagging followers', () => {
  it('tags, lists and untags followers by the table’s schemas', async () => {
    const { create, tag, untag, members, idList, fans } = await setup()
    const id = idOf(await create('vip'))
    const a = fans.create(APPID)
    const b = fans.create(APPID)
    const tagged = await tag([a.openid, b.openid, a.openid], id)
    expectValidResponse('tags.batchTagging', tagged)
    expect(tagged).toEqual({ errcode: 0, errmsg: 'ok' })

    const ids = await idList(a.openid)
    expectValidResponse('tags.getIdList', ids)
    expect(ids).toEqual({ tagid_list: [id] })

    const page = await members(id)
    expectValidResponse('tags.getUsers', page)
    expect(page).toMatchObject({ count: 2, data: { openid: [a.openid, b.openid] } })
    expect(await members(id, b.openid)).toMatchObject({ count: 0, next_openid: '' })

    const untagged = await untag([a.openid], id)
    expectValidResponse('tags.batchUntagging', untagged)
    expect(await idList(a.openid)).toEqual({ tagid_list: [] })
    expect(await members(id)).toMatchObject({ count: 1, data: { openid: [b.openid] } })
  })

  it('tags into the starred group 2', async () => {
    const { tag, idList, fans } = await setup()
    const fan = fans.create(APPID)
    expect(await tag([fan.openid], 2)).toMatchObject({ errcode: 0 })
    expect(await idList(fan.openid)).toEqual({ tagid_list: [2] })
  })

  it('answers 40032 for an empty list or more than 50 OpenIDs', async () => {
    const { create, tag, untag, fans } = await setup()
    const id = idOf(await create('vip'))
    const many = Array.from({ length: 51 }, () => fans.create(APPID).openid)
    for (const call of [tag, untag]) {
      expectError(await call([], id), ERRCODE.INVALID_OPENID_LIST_SIZE)
      expectError(await call(many, id), ERRCODE.INVALID_OPENID_LIST_SIZE)
    }
    expect(await tag(many.slice(1), id)).toMatchObject({ errcode: 0 })
  })

  it('answers 45159 for a tag that does not exist', async () => {
    const { tag, untag, members, fans } = await setup()
    const fan = fans.create(APPID)
    expectError(await tag([fan.openid], 999), ERRCODE.INVALID_TAG_ID)
    expectError(await untag([fan.openid], 999), ERRCODE.INVALID_TAG_ID)
    expectError(await members(999), ERRCODE.INVALID_TAG_ID)
  })

  it('answers 40003 for an unknown OpenID or a former follower, tagging nobody', async () => {
    const { create, tag, idList, fans } = await setup()
    const id = idOf(await create('vip'))
    const ok = fans.create(APPID)
    const gone = fans.create(APPID)
    fans.unsubscribe(APPID, gone.openid)
    expectError(await tag([ok.openid, 'o-unknown'], id), ERRCODE.INVALID_OPENID)
    expectError(await tag([ok.openid, gone.openid], id), ERRCODE.INVALID_OPENID)
    expect(ok.tags).toEqual([])
    expectError(await idList(gone.openid), ERRCODE.INVALID_OPENID)
    expectError(await idList('o-unknown'), ERRCODE.INVALID_OPENID)
  })

  it('answers 45059 when a follower would hold a 21st tag, tagging nobody', async () => {
    const { create, tag, fans } = await setup()
    const ids: number[] = []
    for (let i = 0; i < 21; i++) ids.push(idOf(await create(`t${i}`)))
    const full = fans.create(APPID, { tags: ids.slice(0, 20) })
    const other = fans.create(APPID)
    expectError(await tag([other.openid, full.openid], ids[20]!), ERRCODE.USER_HAS_TOO_MANY_TAGS)
    expect(other.tags).toEqual([])
    // Re-tagging with a tag the follower already holds adds nothing, so it is no 21st tag.
    expect(await tag([full.openid], ids[0]!)).toMatchObject({ errcode: 0 })
  })
})
