/**
 * Acceptance scenarios for tokens, ops, menus, media, material, users, tags and blacklist: for
 * each endpoint a valid call and, where the reference documents an errcode for it, a call that
 * must get that errcode.
 */
import { ERRCODE } from '@wxmp/core'
import type { Scenarios } from './scenario.test-support.js'
import { fileForm } from './world.test-support.js'

const MENU = { button: [{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' }] }

/** The scenarios of the endpoints built first. */
export const coreScenarios: Scenarios = {
  'token.get': {
    valid: (w) =>
      w.call('token.get', {
        query: { grant_type: 'client_credential', appid: w.appid, secret: w.secret },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_APPID,
      call: (w) =>
        w.call('token.get', {
          query: { grant_type: 'client_credential', appid: 'wx00000000000000ff', secret: w.secret },
        }),
    },
  },
  'token.stable': {
    valid: (w) =>
      w.call('token.stable', {
        body: { grant_type: 'client_credential', appid: w.appid, secret: w.secret },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_GRANT_TYPE,
      call: (w) =>
        w.call('token.stable', {
          body: { grant_type: 'password', appid: w.appid, secret: w.secret },
        }),
    },
  },
  'ops.getCallbackIp': { valid: (w) => w.call('ops.getCallbackIp') },
  'ops.getApiDomainIp': { valid: (w) => w.call('ops.getApiDomainIp') },
  'ops.clearQuota': {
    valid: (w) => w.call('ops.clearQuota', { body: { appid: w.appid } }),
    invalid: {
      errcode: ERRCODE.CLEAR_QUOTA_LIMIT_REACHED,
      call: async (w) => {
        for (let i = 0; i < 10; i++) await w.call('ops.clearQuota', { body: { appid: w.appid } })
        return w.call('ops.clearQuota', { body: { appid: w.appid } })
      },
    },
  },
  'menu.create': {
    valid: (w) => w.call('menu.create', { body: MENU }),
    invalid: {
      errcode: ERRCODE.INVALID_BUTTON_NAME_SIZE,
      call: (w) =>
        w.call('menu.create', {
          body: { button: [{ type: 'click', name: '很'.repeat(40), key: 'k' }] },
        }),
    },
  },
  'menu.get': {
    valid: async (w) => {
      await w.call('menu.create', { body: MENU })
      return w.call('menu.get')
    },
    invalid: { errcode: ERRCODE.MENU_NOT_FOUND, call: (w) => w.call('menu.get') },
  },
  'menu.delete': { valid: (w) => w.call('menu.delete') },
  'media.upload': {
    valid: (w) => w.call('media.upload', { query: { type: 'image' }, form: fileForm('a.jpg') }),
    invalid: {
      errcode: ERRCODE.INVALID_FILE_TYPE,
      call: (w) => w.call('media.upload', { query: { type: 'image' }, form: fileForm('a.exe') }),
    },
  },
  'media.get': {
    valid: async (w) =>
      w.call('media.get', { query: { media_id: await w.temporaryMedia('image') } }),
    invalid: {
      errcode: ERRCODE.INVALID_MEDIA_ID,
      call: (w) => w.call('media.get', { query: { media_id: 'no-such-media' } }),
    },
  },
  'media.uploadImg': {
    valid: (w) => w.call('media.uploadImg', { form: fileForm('inline.png') }),
    invalid: {
      errcode: ERRCODE.INVALID_FILE_TYPE,
      call: (w) => w.call('media.uploadImg', { form: fileForm('inline.gif.txt') }),
    },
  },
  'material.add': {
    valid: (w) => w.call('material.add', { query: { type: 'image' }, form: fileForm('p.jpg') }),
    invalid: {
      errcode: ERRCODE.INVALID_MEDIA_TYPE,
      call: (w) => w.call('material.add', { query: { type: 'movie' }, form: fileForm('p.jpg') }),
    },
  },
  'material.get': {
    valid: async (w) => w.call('material.get', { body: { media_id: await w.permanentImage() } }),
    invalid: {
      errcode: ERRCODE.INVALID_MEDIA_ID,
      call: (w) => w.call('material.get', { body: { media_id: 'gone' } }),
    },
  },
  'material.delete': {
    valid: async (w) => w.call('material.delete', { body: { media_id: await w.permanentImage() } }),
    invalid: {
      errcode: ERRCODE.INVALID_MEDIA_ID,
      call: (w) => w.call('material.delete', { body: { media_id: 'gone' } }),
    },
  },
  'material.getCount': { valid: (w) => w.call('material.getCount') },
  'material.batchGet': {
    valid: async (w) => {
      await w.permanentImage()
      return w.call('material.batchGet', { body: { type: 'image', offset: 0, count: 20 } })
    },
  },
  'user.get': { valid: (w) => w.call('user.get', { query: { next_openid: '' } }) },
  'user.info': {
    valid: (w) => w.call('user.info', { query: { openid: w.follower().openid, lang: 'zh_CN' } }),
    invalid: {
      errcode: ERRCODE.INVALID_OPENID,
      call: (w) => w.call('user.info', { query: { openid: 'oNoSuchFan000000000000000000' } }),
    },
  },
  'user.batchGet': {
    valid: (w) =>
      w.call('user.batchGet', {
        body: { user_list: [{ openid: w.follower().openid, lang: 'en' }] },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_OPENID,
      call: (w) =>
        w.call('user.batchGet', {
          body: { user_list: [{ openid: 'oNoSuchFan000000000000000000' }] },
        }),
    },
  },
  'user.updateRemark': {
    valid: (w) =>
      w.call('user.updateRemark', { body: { openid: w.follower().openid, remark: '老客户' } }),
    invalid: {
      errcode: ERRCODE.INVALID_REMARK,
      call: (w) =>
        w.call('user.updateRemark', {
          body: { openid: w.follower().openid, remark: '长'.repeat(20) },
        }),
    },
  },
  'tags.create': {
    valid: (w) => w.call('tags.create', { body: { tag: { name: '广东' } } }),
    invalid: {
      errcode: ERRCODE.TAG_NAME_TOO_LONG,
      call: (w) => w.call('tags.create', { body: { tag: { name: 'x'.repeat(31) } } }),
    },
  },
  'tags.get': { valid: (w) => w.call('tags.get') },
  'tags.update': {
    valid: async (w) => {
      const id = await newTag(w)
      return w.call('tags.update', { body: { tag: { id, name: '广东人' } } })
    },
    invalid: {
      errcode: ERRCODE.RESERVED_TAG,
      call: (w) => w.call('tags.update', { body: { tag: { id: 1, name: 'x' } } }),
    },
  },
  'tags.delete': {
    valid: async (w) => w.call('tags.delete', { body: { tag: { id: await newTag(w) } } }),
    invalid: {
      errcode: ERRCODE.RESERVED_TAG,
      call: (w) => w.call('tags.delete', { body: { tag: { id: 2 } } }),
    },
  },
  'tags.getUsers': {
    valid: async (w) =>
      w.call('tags.getUsers', { body: { tagid: await newTag(w), next_openid: '' } }),
    invalid: {
      errcode: ERRCODE.INVALID_TAG_ID,
      call: (w) => w.call('tags.getUsers', { body: { tagid: 999, next_openid: '' } }),
    },
  },
  'tags.batchTagging': {
    valid: async (w) =>
      w.call('tags.batchTagging', {
        body: { openid_list: [w.follower().openid], tagid: await newTag(w) },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_TAG_ID,
      call: (w) =>
        w.call('tags.batchTagging', { body: { openid_list: [w.follower().openid], tagid: 999 } }),
    },
  },
  'tags.batchUntagging': {
    valid: async (w) =>
      w.call('tags.batchUntagging', {
        body: { openid_list: [w.follower().openid], tagid: await newTag(w) },
      }),
    invalid: {
      errcode: ERRCODE.INVALID_TAG_ID,
      call: (w) =>
        w.call('tags.batchUntagging', { body: { openid_list: [w.follower().openid], tagid: 999 } }),
    },
  },
  'tags.getIdList': {
    valid: (w) => w.call('tags.getIdList', { body: { openid: w.follower().openid } }),
    invalid: {
      errcode: ERRCODE.INVALID_OPENID,
      call: (w) => w.call('tags.getIdList', { body: { openid: 'oNoSuchFan000000000000000000' } }),
    },
  },
  'blacklist.get': { valid: (w) => w.call('blacklist.get', { body: { begin_openid: '' } }) },
  'blacklist.batchAdd': {
    valid: (w) => w.call('blacklist.batchAdd', { body: { openid_list: [w.follower().openid] } }),
    invalid: {
      errcode: ERRCODE.INVALID_OPENID,
      call: (w) =>
        w.call('blacklist.batchAdd', { body: { openid_list: ['oNoSuchFan000000000000000000'] } }),
    },
  },
  'blacklist.batchRemove': {
    valid: (w) => w.call('blacklist.batchRemove', { body: { openid_list: [w.follower().openid] } }),
    invalid: {
      errcode: ERRCODE.INVALID_OPENID,
      call: (w) =>
        w.call('blacklist.batchRemove', {
          body: { openid_list: ['oNoSuchFan000000000000000000'] },
        }),
    },
  },
}

async function newTag(
  w: Parameters<NonNullable<Scenarios['tags.get']>['valid']>[0],
): Promise<number> {
  const answer = await w.call('tags.create', {
    body: { tag: { name: `t${Math.random()}`.slice(0, 10) } },
  })
  return Number((answer.json?.tag as { id: number }).id)
}
