/** Acceptance scenarios for conditional menus, network checks, quotas, JS-SDK voice and tickets. */
import { ERRCODE } from '@wxmp/core'
import type { Scenarios } from './scenario.test-support.js'
import { fileForm } from './world.test-support.js'
import type { World } from './world.test-support.js'

const DEFAULT_MENU = { button: [{ type: 'click', name: '默认', key: 'DEFAULT' }] }
const VIP_MENU = { button: [{ type: 'click', name: '会员', key: 'VIP' }] }

/** A tag holding the account's first follower; returns its id. */
async function vipTag(w: World): Promise<number> {
  const created = await w.call('tags.create', { body: { tag: { name: 'vip' } } })
  const tagid = Number((created.json?.tag as { id: number }).id)
  await w.call('tags.batchTagging', { body: { openid_list: [w.follower().openid], tagid } })
  return tagid
}

/** A default menu and a conditional one for the VIP tag; returns the conditional menuid. */
async function conditionalMenu(w: World): Promise<string> {
  await w.call('menu.create', { body: DEFAULT_MENU })
  const added = await w.call('menu.addConditional', {
    body: { ...VIP_MENU, matchrule: { tag_id: String(await vipTag(w)) } },
  })
  return String(added.json?.menuid)
}

/** The scenarios of menus (conditional, current), ops checks, JS-SDK voice and tickets. */
export const menuOpsScenarios: Scenarios = {
  'menu.getCurrent': {
    valid: async (w) => {
      await w.call('menu.create', { body: DEFAULT_MENU })
      return w.call('menu.getCurrent')
    },
  },
  'menu.addConditional': {
    valid: async (w) => {
      await w.call('menu.create', { body: DEFAULT_MENU })
      return w.call('menu.addConditional', {
        body: { ...VIP_MENU, matchrule: { tag_id: String(await vipTag(w)) } },
      })
    },
    invalid: {
      errcode: ERRCODE.DEFAULT_MENU_MISSING,
      call: async (w) =>
        w.call('menu.addConditional', {
          body: { ...VIP_MENU, matchrule: { tag_id: String(await vipTag(w)) } },
        }),
    },
  },
  'menu.delConditional': {
    valid: async (w) =>
      w.call('menu.delConditional', { body: { menuid: await conditionalMenu(w) } }),
    invalid: {
      errcode: ERRCODE.CONDITIONAL_MENU_NOT_FOUND,
      call: async (w) => {
        await conditionalMenu(w)
        return w.call('menu.delConditional', { body: { menuid: '1' } })
      },
    },
  },
  'menu.tryMatch': {
    valid: async (w) => {
      await conditionalMenu(w)
      return w.call('menu.tryMatch', { body: { user_id: w.follower().openid } })
    },
    invalid: {
      errcode: ERRCODE.MENU_USER_NOT_FOUND,
      call: async (w) => {
        await conditionalMenu(w)
        return w.call('menu.tryMatch', { body: { user_id: 'oNoSuchFan000000000000000000' } })
      },
    },
  },
  'ops.checkCallback': {
    valid: (w) =>
      w.call('ops.checkCallback', { body: { action: 'all', check_operator: 'DEFAULT' } }),
  },
  'ops.getQuota': {
    valid: async (w) => {
      await w.call('menu.get')
      return w.call('ops.getQuota', { body: { cgi_path: '/cgi-bin/menu/get' } })
    },
    invalid: {
      errcode: ERRCODE.CGI_PATH_NOT_FOUND,
      call: (w) => w.call('ops.getQuota', { body: { cgi_path: '/cgi-bin/no/such/api' } }),
    },
  },
  'media.getJssdk': {
    valid: async (w) => {
      const voice = await w.call('media.upload', {
        query: { type: 'voice' },
        form: fileForm('v.amr'),
      })
      return w.call('media.getJssdk', { query: { media_id: String(voice.json?.media_id) } })
    },
    invalid: {
      errcode: ERRCODE.INVALID_MEDIA_ID,
      call: (w) => w.call('media.getJssdk', { query: { media_id: 'no-such-voice' } }),
    },
  },
  'ticket.get': { valid: (w) => w.call('ticket.get', { query: { type: 'jsapi' } }) },
}
