/** `menu.create`, `menu.get`, `menu.delete` (§6.1): the default menu only, no conditional menus yet. */
import { ERRCODE } from '@wxmp/core'
import type { ResponseOf } from '@wxmp/spec'
import type { MenuButtons } from '../state.js'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'
import { checkMenuButtons } from './menu-rules.js'

type ButtonOut = ResponseOf<'menu.get'>['menu']['button'][number]

/** A stored button as `menu/get` shows it: every leaf echoes `sub_button: []` (§6.1). */
function echo(button: MenuButtons[number]): ButtonOut {
  if ('sub_button' in button) {
    return {
      name: button.name,
      sub_button: button.sub_button.map((sub) => ({ ...sub, sub_button: [] })),
    }
  }
  return { ...button, sub_button: [] }
}

/** The menu endpoints this step emulates. */
export const menuHandlers = {
  'menu.create': {
    precheck: (raw) => checkMenuButtons(raw.body),
    run: (request, ctx) => {
      // Creating replaces the whole default menu (§6.1).
      ctx.state.menus.set(callerOf(ctx), request.button)
      return { errcode: 0, errmsg: 'ok' }
    },
  },
  'menu.get': {
    run: (_request, ctx) => {
      const buttons = ctx.state.menus.get(callerOf(ctx))
      if (!buttons) throw new WechatError(ERRCODE.MENU_NOT_FOUND)
      return { menu: { button: buttons.map(echo) } }
    },
  },
  'menu.delete': {
    run: (_request, ctx) => {
      // Deleting an absent menu is still ok: the call is idempotent in the table.
      ctx.state.menus.delete(callerOf(ctx))
      return { errcode: 0, errmsg: 'ok' }
    },
  },
} satisfies Handlers
