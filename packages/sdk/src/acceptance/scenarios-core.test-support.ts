/** SDK scenarios for tokens, ops, menus, temporary media and permanent material. */
import type { RequestOf } from '@wxmp/spec'
import { expect } from 'vitest'
import { createClient } from '../client.js'
import type { ErrcodeCases, Scenarios } from './scenario.test-support.js'
import { AMR, JPEG, STRANGER, expectFile } from './world.test-support.js'
import type { World } from './world.test-support.js'

const MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    { type: 'view', name: '官网', url: 'https://example.com/' },
  ],
} satisfies RequestOf<'menu.create'>

const VIP_MENU = {
  button: [{ type: 'click', name: '会员', key: 'VIP' }],
} satisfies RequestOf<'menu.create'>

/** A default menu, plus a conditional one for a tag holding the follower; returns its menuid. */
async function conditionalMenu(w: World): Promise<string> {
  await w.client.menu.create(MENU)
  const tagid = await w.tag('vip')
  await w.client.tags.batchTagging({ openid_list: [w.follower()], tagid })
  const added = await w.client.menu.addConditional({
    ...VIP_MENU,
    matchrule: { tag_id: String(tagid) },
  })
  return String(added.menuid)
}

/** The scenarios of tokens, ops, menus, media and material. */
export const coreScenarios = {
  'token.get': async (w) => {
    const issued = await w.client.token.get()
    expect(issued.access_token.length).toBeGreaterThan(0)
    expect(issued.expires_in).toBe(7200)
  },
  'token.stable': async (w) => {
    const first = await w.client.token.stable()
    // Normal mode answers the token that is still valid.
    expect((await w.client.token.stable()).access_token).toBe(first.access_token)
  },
  'ops.getCallbackIp': async (w) => {
    expect((await w.client.ops.getCallbackIp()).ip_list.length).toBeGreaterThan(0)
  },
  'ops.getApiDomainIp': async (w) => {
    expect((await w.client.ops.getApiDomainIp()).ip_list.length).toBeGreaterThan(0)
  },
  'ops.checkCallback': async (w) => {
    const check = await w.client.ops.checkCallback({ action: 'all', check_operator: 'DEFAULT' })
    expect(check.dns?.length).toBeGreaterThan(0)
    expect(check.ping?.length).toBeGreaterThan(0)
  },
  'ops.clearQuota': async (w) => {
    await w.client.menu.create(MENU)
    expect(await w.client.ops.clearQuota()).toMatchObject({ errcode: 0 })
    const quota = await w.client.ops.getQuota({ cgi_path: '/cgi-bin/menu/create' })
    expect(quota.quota.used).toBe(0)
  },
  'ops.getQuota': async (w) => {
    await w.client.menu.create(MENU)
    const { quota } = await w.client.ops.getQuota({ cgi_path: '/cgi-bin/menu/create' })
    expect(quota).toMatchObject({ used: 1, remain: quota.daily_limit - 1 })
  },
  'menu.create': async (w) => {
    expect(await w.client.menu.create(MENU)).toMatchObject({ errcode: 0 })
  },
  'menu.get': async (w) => {
    await w.client.menu.create(MENU)
    const { menu } = await w.client.menu.get()
    expect(menu.button.map((button) => button.name)).toEqual(['今日歌曲', '官网'])
  },
  'menu.delete': async (w) => {
    await w.client.menu.create(MENU)
    expect(await w.client.menu.delete()).toMatchObject({ errcode: 0 })
    await expect(w.client.menu.get()).rejects.toMatchObject({ key: 'MENU_NOT_FOUND' })
  },
  'menu.getCurrent': async (w) => {
    await w.client.menu.create(MENU)
    const current = await w.client.menu.getCurrent()
    expect(current.is_menu_open).toBe(1)
    expect(current.selfmenu_info?.button[0]).toMatchObject({ name: '今日歌曲' })
  },
  'menu.addConditional': async (w) => {
    expect(await conditionalMenu(w)).toMatch(/^\d+$/)
    const { conditionalmenu } = await w.client.menu.get()
    expect(conditionalmenu?.[0]?.button[0]).toMatchObject({ name: '会员' })
  },
  'menu.delConditional': async (w) => {
    const menuid = await conditionalMenu(w)
    expect(await w.client.menu.delConditional({ menuid })).toMatchObject({ errcode: 0 })
    expect((await w.client.menu.get()).conditionalmenu ?? []).toEqual([])
  },
  'menu.tryMatch': async (w) => {
    await conditionalMenu(w)
    const matched = await w.client.menu.tryMatch({ user_id: w.follower() })
    expect(matched.button[0]).toMatchObject({ name: '会员', key: 'VIP' })
  },
  'media.upload': async (w) => {
    const uploaded = await w.client.media.upload({
      type: 'image',
      media: { data: JPEG, filename: 'photo.jpg' },
    })
    expect(uploaded).toMatchObject({ type: 'image', created_at: w.clock.now() / 1000 })
    expect(uploaded.media_id.length).toBeGreaterThan(0)
  },
  'media.get': async (w) => {
    const file = expectFile(
      await w.client.media.get({ media_id: await w.temporaryMedia('image') }),
      JPEG,
    )
    expect(file.contentType).toBe('image/jpeg')
  },
  'media.getJssdk': async (w) => {
    const file = expectFile(
      await w.client.media.getJssdk({ media_id: await w.temporaryMedia('voice') }),
      AMR,
    )
    expect(file.contentType).toMatch(/speex$/)
  },
  'media.uploadImg': async (w) => {
    const { url } = await w.client.media.uploadImg({
      media: { data: JPEG, filename: 'inline.png' },
    })
    expect(url).toMatch(/^https?:\/\//)
  },
  'material.add': async (w) => {
    const added = await w.client.material.add({
      type: 'image',
      media: { data: JPEG, filename: 'cover.jpg' },
    })
    expect(added.url).toMatch(/^https?:\/\//)
  },
  'material.get': async (w) => {
    expectFile(await w.client.material.get({ media_id: await w.permanentImage() }), JPEG)
  },
  'material.delete': async (w) => {
    const media_id = await w.permanentImage()
    expect(await w.client.material.delete({ media_id })).toMatchObject({ errcode: 0 })
    await expect(w.client.material.get({ media_id })).rejects.toMatchObject({
      key: 'INVALID_MEDIA_ID',
    })
  },
  'material.getCount': async (w) => {
    await w.permanentImage()
    expect(await w.client.material.getCount()).toMatchObject({ image_count: 1, news_count: 0 })
  },
  'material.batchGet': async (w) => {
    const media_id = await w.permanentImage()
    const page = await w.client.material.batchGet({ type: 'image', offset: 0, count: 20 })
    expect(page).toMatchObject({ total_count: 1, item_count: 1 })
    expect(page.item[0]?.media_id).toBe(media_id)
  },
} satisfies Scenarios

/** Errcode cases of tokens, ops, menus, media and material. */
export const coreErrcodes = {
  token: [
    {
      endpoint: 'token.get',
      key: 'INVALID_CREDENTIAL',
      // A wrong AppSecret: an operator must fix the configuration, retrying cannot help.
      kind: 'config',
      why: 'a wrong AppSecret',
      call: (w) =>
        createClient({
          appid: w.appid,
          secret: 'WrongSecretWrongSecretWrongSecre',
          fetch: (request) => w.emulator.fetch(request),
          clock: w.clock,
        }).token.get(),
    },
  ],
  ops: [
    {
      endpoint: 'ops.getQuota',
      key: 'CGI_PATH_NOT_FOUND',
      kind: 'invalid',
      why: 'an API path WeChat does not have',
      call: (w) => w.client.ops.getQuota({ cgi_path: '/cgi-bin/no/such/api' }),
    },
    {
      endpoint: 'ops.clearQuota',
      key: 'CLEAR_QUOTA_LIMIT_REACHED',
      kind: 'quota',
      why: 'the eleventh reset of the month',
      call: async (w) => {
        for (let i = 0; i < 10; i++) await w.client.ops.clearQuota()
        return w.client.ops.clearQuota()
      },
    },
  ],
  menu: [
    {
      endpoint: 'menu.create',
      key: 'INVALID_BUTTON_NAME_SIZE',
      kind: 'invalid',
      why: 'a button name over 16 bytes',
      call: (w) =>
        w.client.menu.create({ button: [{ type: 'click', name: '很'.repeat(40), key: 'k' }] }),
    },
    {
      endpoint: 'menu.addConditional',
      key: 'DEFAULT_MENU_MISSING',
      kind: 'invalid',
      why: 'a conditional menu before the default one',
      call: (w) => w.client.menu.addConditional({ ...VIP_MENU, matchrule: { sex: '1' } }),
    },
    {
      endpoint: 'menu.tryMatch',
      key: 'MENU_USER_NOT_FOUND',
      kind: 'invalid',
      why: 'a user the account does not know',
      call: async (w) => {
        await conditionalMenu(w)
        return w.client.menu.tryMatch({ user_id: STRANGER })
      },
    },
  ],
  media: [
    {
      endpoint: 'media.get',
      key: 'INVALID_MEDIA_ID',
      kind: 'invalid',
      why: 'a media_id never uploaded',
      call: (w) => w.client.media.get({ media_id: 'no-such-media' }),
    },
    {
      endpoint: 'media.getJssdk',
      key: 'INVALID_MEDIA_ID',
      kind: 'invalid',
      why: 'an image where a JS-SDK voice is expected',
      call: async (w) => w.client.media.getJssdk({ media_id: await w.temporaryMedia('image') }),
    },
  ],
  material: [
    {
      endpoint: 'material.delete',
      key: 'INVALID_MEDIA_ID',
      kind: 'invalid',
      why: 'a material already deleted',
      call: async (w) => {
        const media_id = await w.permanentImage()
        await w.client.material.delete({ media_id })
        return w.client.material.delete({ media_id })
      },
    },
  ],
} satisfies ErrcodeCases
