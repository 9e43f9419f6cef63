/**
 * `menu.create`, `menu.get`, `menu.delete`, `menu.getCurrent` (§6.1): the default menu, shown
 * with the conditional menus `menu-conditional.ts` adds.
 */
import { ERRCODE } from '@wxmp/core'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'
import { checkMenuButtons } from './menu-rules.js'
import { echoButtons, selfMenuButtons } from './menu-views.js'

/** The default-menu endpoints. */
export const menuHandlers = {
  'menu.create': {
    precheck: (raw) => checkMenuButtons(raw.body),
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      // Creating replaces the whole default menu (§6.1) under a new menuid; [inferred] the
      // conditional menus stay, as only menu/delete is documented to remove them.
      ctx.state.menus.set(appid, request.button)
      ctx.state.conditionalMenus.replaceDefault(appid)
      return { errcode: 0, errmsg: 'ok' }
    },
  },
  'menu.get': {
    run: (_request, ctx) => {
      const appid = callerOf(ctx)
      const buttons = ctx.state.menus.get(appid)
      if (!buttons) throw new WechatError(ERRCODE.MENU_NOT_FOUND)
      const conditional = ctx.state.conditionalMenus.conditional(appid)
      // `menuid` and `conditionalmenu` appear only once conditional menus exist (§6.1).
      if (conditional.length === 0) return { menu: { button: echoButtons(buttons) } }
      const menuid = ctx.state.conditionalMenus.defaultId(appid)
      return {
        menu: { button: echoButtons(buttons), ...(menuid === undefined ? {} : { menuid }) },
        conditionalmenu: conditional.map((menu) => ({
          button: echoButtons(menu.button),
          matchrule: { ...menu.matchrule },
          menuid: menu.menuid,
        })),
      }
    },
  },
  'menu.delete': {
    run: (_request, ctx) => {
      const appid = callerOf(ctx)
      // Also deletes every conditional menu (§6.1). Deleting an absent menu is still ok.
      ctx.state.menus.delete(appid)
      ctx.state.conditionalMenus.deleteAll(appid)
      return { errcode: 0, errmsg: 'ok' }
    },
  },
  'menu.getCurrent': {
    run: (_request, ctx) => {
      const buttons = ctx.state.menus.get(callerOf(ctx))
      // [inferred] No menu: `is_menu_open: 0` and no `selfmenu_info`. Only the default menu is
      // shown; console-made menus do not exist here.
      if (!buttons) return { is_menu_open: 0 }
      return { is_menu_open: 1, selfmenu_info: { button: selfMenuButtons(buttons) } }
    },
  },
} satisfies Handlers
