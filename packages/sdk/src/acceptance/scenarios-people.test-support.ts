/** SDK scenarios for followers, tags and the blacklist. */
import { expect } from 'vitest'
import type { ErrcodeCases, Scenarios } from './scenario.test-support.js'
import { STRANGER } from './world.test-support.js'

/** The scenarios of followers, tags and the blacklist. */
export const peopleScenarios = {
  'user.get': async (w) => {
    const page = await w.client.user.get({ next_openid: '' })
    expect(page.total).toBe(w.followers().length)
    expect(page.data?.openid).toEqual(expect.arrayContaining(w.followers()))
  },
  'user.info': async (w) => {
    const info = await w.client.user.info({ openid: w.follower(), lang: 'zh_CN' })
    expect(info).toMatchObject({ subscribe: 1, openid: w.follower() })
  },
  'user.batchGet': async (w) => {
    const { user_info_list } = await w.client.user.batchGet({
      user_list: [{ openid: w.follower(), lang: 'en' }, { openid: w.formerFollower() }],
    })
    expect(user_info_list.map((user) => [user.openid, user.subscribe])).toEqual([
      [w.follower(), 1],
      [w.formerFollower(), 0],
    ])
  },
  'user.updateRemark': async (w) => {
    const openid = w.follower()
    expect(await w.client.user.updateRemark({ openid, remark: '老客户' })).toMatchObject({
      errcode: 0,
    })
    expect((await w.client.user.info({ openid })).remark).toBe('老客户')
  },
  'tags.create': async (w) => {
    const { tag } = await w.client.tags.create({ tag: { name: '广东' } })
    expect(tag.name).toBe('广东')
    expect(Number.isInteger(tag.id)).toBe(true)
  },
  'tags.get': async (w) => {
    const id = await w.tag('广东')
    const { tags } = await w.client.tags.get()
    expect(tags).toContainEqual({ id, name: '广东', count: 0 })
  },
  'tags.update': async (w) => {
    const id = await w.tag('广东')
    expect(await w.client.tags.update({ tag: { id, name: '广东人' } })).toMatchObject({
      errcode: 0,
    })
    expect((await w.client.tags.get()).tags).toContainEqual(
      expect.objectContaining({ id, name: '广东人' }),
    )
  },
  'tags.delete': async (w) => {
    const id = await w.tag()
    expect(await w.client.tags.delete({ tag: { id } })).toMatchObject({ errcode: 0 })
    expect((await w.client.tags.get()).tags.map((tag) => tag.id)).not.toContain(id)
  },
  'tags.getUsers': async (w) => {
    const tagid = await w.tag()
    await w.client.tags.batchTagging({ openid_list: [w.follower()], tagid })
    const page = await w.client.tags.getUsers({ tagid, next_openid: '' })
    expect(page.data?.openid).toEqual([w.follower()])
  },
  'tags.batchTagging': async (w) => {
    const tagid = await w.tag()
    const answer = await w.client.tags.batchTagging({ openid_list: [w.follower()], tagid })
    expect(answer).toMatchObject({ errcode: 0 })
    expect((await w.client.tags.getIdList({ openid: w.follower() })).tagid_list).toContain(tagid)
  },
  'tags.batchUntagging': async (w) => {
    const tagid = await w.tag()
    await w.client.tags.batchTagging({ openid_list: [w.follower()], tagid })
    const answer = await w.client.tags.batchUntagging({ openid_list: [w.follower()], tagid })
    expect(answer).toMatchObject({ errcode: 0 })
    expect((await w.client.tags.getIdList({ openid: w.follower() })).tagid_list).not.toContain(
      tagid,
    )
  },
  'tags.getIdList': async (w) => {
    const starred = await w.tag('星标')
    await w.client.tags.batchTagging({ openid_list: [w.follower()], tagid: starred })
    expect((await w.client.tags.getIdList({ openid: w.follower() })).tagid_list).toEqual([starred])
  },
  'blacklist.get': async (w) => {
    const page = await w.client.blacklist.get({ begin_openid: '' })
    expect(page).toMatchObject({ total: 0, count: 0 })
  },
  'blacklist.batchAdd': async (w) => {
    const answer = await w.client.blacklist.batchAdd({ openid_list: [w.follower()] })
    expect(answer).toMatchObject({ errcode: 0 })
    expect((await w.client.blacklist.get()).data?.openid).toEqual([w.follower()])
  },
  'blacklist.batchRemove': async (w) => {
    await w.client.blacklist.batchAdd({ openid_list: [w.follower()] })
    const answer = await w.client.blacklist.batchRemove({ openid_list: [w.follower()] })
    expect(answer).toMatchObject({ errcode: 0 })
    expect(await w.client.blacklist.get()).toMatchObject({ total: 0 })
  },
} satisfies Scenarios

/** Errcode cases of followers, tags and the blacklist. */
export const peopleErrcodes = {
  user: [
    {
      endpoint: 'user.info',
      key: 'INVALID_OPENID',
      kind: 'invalid',
      why: 'an OpenID of no fan',
      call: (w) => w.client.user.info({ openid: STRANGER }),
    },
    {
      endpoint: 'user.updateRemark',
      key: 'INVALID_REMARK',
      kind: 'invalid',
      why: 'a remark over 30 bytes',
      call: (w) => w.client.user.updateRemark({ openid: w.follower(), remark: '长'.repeat(20) }),
    },
  ],
  tags: [
    {
      endpoint: 'tags.create',
      key: 'TAG_NAME_TOO_LONG',
      kind: 'invalid',
      why: 'a tag name over 30 bytes',
      call: (w) => w.client.tags.create({ tag: { name: 'x'.repeat(31) } }),
    },
    {
      endpoint: 'tags.delete',
      key: 'RESERVED_TAG',
      kind: 'invalid',
      why: 'a tag reserved by WeChat',
      call: (w) => w.client.tags.delete({ tag: { id: 2 } }),
    },
    {
      endpoint: 'tags.batchTagging',
      key: 'INVALID_TAG_ID',
      kind: 'invalid',
      why: 'a tag that does not exist',
      call: (w) => w.client.tags.batchTagging({ openid_list: [w.follower()], tagid: 999 }),
    },
  ],
  blacklist: [
    {
      endpoint: 'blacklist.batchAdd',
      key: 'INVALID_OPENID',
      kind: 'invalid',
      why: 'an OpenID of no fan',
      call: (w) => w.client.blacklist.batchAdd({ openid_list: [STRANGER] }),
    },
  ],
} satisfies ErrcodeCases
