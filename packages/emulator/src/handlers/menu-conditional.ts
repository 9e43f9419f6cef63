/**
 * Conditional (个性化) menus (§6.1): `menu.addConditional`, `menu.delConditional` and
 * `menu.tryMatch`. A default menu must exist first; matching starts from the newest.
 */
import { ERRCODE } from '@wxmp/core'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'
import {
  MAX_CONDITIONAL_MENUS,
  acceptedRule,
  checkUrlDomains,
  matchingMenu,
  requireMatchRule,
} from './menu-match.js'
import { checkMenuButtons } from './menu-rules.js'
import { echoButtons } from './menu-views.js'

/** The conditional-menu endpoints. */
export const conditionalMenuHandlers = {
  'menu.addConditional': {
    // The same button rules as menu/create, then the rule's presence, before the schema's 47001.
    precheck: (raw) => {
      checkMenuButtons(raw.body)
      requireMatchRule(raw.body)
    },
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const store = ctx.state.conditionalMenus
      if (!ctx.state.menus.has(appid)) throw new WechatError(ERRCODE.DEFAULT_MENU_MISSING)
      const matchrule = acceptedRule(request.matchrule, appid, ctx.state.tags)
      const existing = store.conditional(appid)
      if (existing.length >= MAX_CONDITIONAL_MENUS) {
        throw new WechatError(ERRCODE.CONDITIONAL_MENU_LIMIT)
      }
      checkUrlDomains([...existing.map((menu) => menu.button), request.button])
      const menu = store.addConditional(appid, request.button, matchrule)
      // Answered as a string, as in the reference's example (`menu/get` shows numbers).
      return { menuid: String(menu.menuid) }
    },
  },
  'menu.delConditional': {
    run: (request, ctx) => {
      // A string or a number; anything else names no menu. The default menu's id is not a
      // conditional menu's, so it is 65301 too.
      const id = typeof request.menuid === 'number' ? request.menuid : Number(request.menuid)
      const known =
        /^\d+$/.test(String(request.menuid)) &&
        ctx.state.conditionalMenus.deleteConditional(callerOf(ctx), id)
      if (!known) throw new WechatError(ERRCODE.CONDITIONAL_MENU_NOT_FOUND)
      return { errcode: 0, errmsg: 'ok' }
    },
  },
  'menu.tryMatch': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      // [inferred] An OpenID of a current follower; fans here have no WeChat ids, and someone
      // who left sees no menu, so anything else is 65302 "no such user".
      const fan = ctx.state.fans.get(appid, request.user_id)
      if (!fan?.subscribed) throw new WechatError(ERRCODE.MENU_USER_NOT_FOUND)
      const buttons = ctx.state.menus.get(appid)
      if (!buttons) throw new WechatError(ERRCODE.MENU_NOT_FOUND)
      const menu = matchingMenu(ctx.state.conditionalMenus.conditional(appid), fan)
      return { button: echoButtons(menu?.button ?? buttons) }
    },
  },
} satisfies Handlers
