/** Custom menus (自定义菜单, §6.1): the default menu and conditional (个性化) menus. */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import {
  buttonOut,
  conditionalMenuOut,
  matchRule,
  menuOut,
  selfMenuButton,
  topButton,
} from './menu-schemas.js'
import { data, flag, looseId, ok } from './schemas.js'

// What WeChat checks on every button of a menu it is given (§6.1, §7.1).
const buttonErrors = [
  ERRCODE.INVALID_BUTTON_SIZE,
  ERRCODE.INVALID_BUTTON_TYPE,
  ERRCODE.INVALID_BUTTON_NAME_SIZE,
  ERRCODE.INVALID_BUTTON_KEY_SIZE,
  ERRCODE.INVALID_BUTTON_URL_SIZE,
  ERRCODE.INVALID_SUB_BUTTON_SIZE,
  ERRCODE.INVALID_SUB_BUTTON_TYPE,
  ERRCODE.INVALID_SUB_BUTTON_NAME_SIZE,
  ERRCODE.INVALID_SUB_BUTTON_KEY_SIZE,
  ERRCODE.INVALID_SUB_BUTTON_URL_SIZE,
  ERRCODE.INVALID_SUB_BUTTON_URL_DOMAIN,
  ERRCODE.INVALID_BUTTON_URL_DOMAIN,
  ERRCODE.MINIPROGRAM_NOT_LINKED,
]

/** The menu scope. */
export const menu = defineScope('menu', {
  /** 创建自定义菜单: replaces the whole default menu. */
  create: endpoint('POST /cgi-bin/menu/create', {
    title: '创建自定义菜单',
    doc: 'Custom_Menus/Creating_Custom-Defined_Menu',
    ref: '§6.1',
    idempotent: false,
    body: z.object({ button: z.array(topButton) }),
    response: ok,
    errcodes: buttonErrors,
    quota: { perDay: 1000, testAccountPerDay: 100 },
  }),
  /** 查询自定义菜单 (获取自定义菜单配置): the API-made menu plus every conditional menu. */
  get: endpoint('GET /cgi-bin/menu/get', {
    title: '查询自定义菜单',
    doc: 'Custom_Menus/Getting_Custom_Menu_Configurations',
    ref: '§6.1',
    idempotent: true,
    response: data({ menu: menuOut, conditionalmenu: z.array(conditionalMenuOut).optional() }),
    errcodes: [ERRCODE.MENU_NOT_FOUND],
    quota: { perDay: 10_000, testAccountPerDay: 1000 },
  }),
  /** 删除自定义菜单: deletes the default menu and every conditional menu. */
  delete: endpoint('GET /cgi-bin/menu/delete', {
    title: '删除自定义菜单',
    doc: 'Custom_Menus/Deleting_Custom-Defined_Menu',
    ref: '§6.1',
    idempotent: true,
    response: ok,
    quota: { perDay: 1000, testAccountPerDay: 100 },
  }),
  /** 查询自定义菜单接口 (get_current_selfmenu_info): the live menu, also when made in the console. */
  getCurrent: endpoint('GET /cgi-bin/get_current_selfmenu_info', {
    title: '查询自定义菜单信息',
    doc: 'Custom_Menus/Querying_Custom_Menus',
    ref: '§6.1',
    idempotent: true,
    response: data({
      is_menu_open: flag,
      selfmenu_info: z.object({ button: z.array(selfMenuButton) }).optional(),
    }),
  }),
  /** 创建个性化菜单: needs a default menu first; matching starts from the newest. */
  addConditional: endpoint('POST /cgi-bin/menu/addconditional', {
    title: '创建个性化菜单',
    doc: 'Custom_Menus/Personalized_menu_interface',
    ref: '§6.1',
    idempotent: false,
    body: z.object({ button: z.array(topButton), matchrule: matchRule }),
    response: data({ menuid: looseId }),
    errcodes: [
      ...buttonErrors,
      ERRCODE.DEFAULT_MENU_MISSING,
      ERRCODE.EMPTY_MATCHRULE,
      ERRCODE.CONDITIONAL_MENU_LIMIT,
      ERRCODE.MENU_URL_DOMAIN_LIMIT,
      ERRCODE.MATCHRULE_FIELD_UNSUPPORTED,
    ],
    quota: { perDay: 2000 },
  }),
  /** 删除个性化菜单. */
  delConditional: endpoint('POST /cgi-bin/menu/delconditional', {
    title: '删除个性化菜单',
    doc: 'Custom_Menus/Personalized_menu_interface',
    ref: '§6.1',
    idempotent: true,
    body: z.object({ menuid: looseId }),
    response: ok,
    errcodes: [ERRCODE.CONDITIONAL_MENU_NOT_FOUND],
    quota: { perDay: 2000 },
  }),
  /** 测试个性化菜单匹配结果: the menu a user (OpenID or WeChat id) would see. */
  tryMatch: endpoint('POST /cgi-bin/menu/trymatch', {
    title: '测试个性化菜单匹配结果',
    doc: 'Custom_Menus/Personalized_menu_interface',
    ref: '§6.1',
    idempotent: true,
    body: z.object({ user_id: z.string() }),
    response: data({ button: z.array(buttonOut) }),
    errcodes: [ERRCODE.MENU_USER_NOT_FOUND],
    quota: { perDay: 20_000 },
  }),
})
