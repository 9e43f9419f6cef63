/**
 * How stored menus are shown (§6.1): `menu/get` and `trymatch` echo `sub_button: []` on every
 * leaf; `get_current_selfmenu_info` wraps sub menus as `sub_button: {list}` and keeps per type
 * only the field that type's tap uses.
 */
import type { ResponseOf } from '@wxmp/spec'
import type { MenuButtons } from '../state.js'

type Button = MenuButtons[number]
type Leaf = Exclude<Button, { sub_button: unknown }>
type ButtonOut = ResponseOf<'menu.get'>['menu']['button'][number]
type SelfMenuButton = NonNullable<ResponseOf<'menu.getCurrent'>['selfmenu_info']>['button'][number]
type SelfMenuLeaf = Omit<SelfMenuButton, 'sub_button'>

/** A menu as `menu/get` and `trymatch` show it: every leaf echoes `sub_button: []`. */
export function echoButtons(buttons: MenuButtons): ButtonOut[] {
  return buttons.map((button) =>
    'sub_button' in button
      ? {
          name: button.name,
          sub_button: button.sub_button.map((sub) => ({ ...sub, sub_button: [] })),
        }
      : { ...button, sub_button: [] },
  )
}

/** A menu as `get_current_selfmenu_info` shows it. */
export function selfMenuButtons(buttons: MenuButtons): SelfMenuButton[] {
  return buttons.map((button) =>
    'sub_button' in button
      ? { name: button.name, sub_button: { list: button.sub_button.map(selfMenuLeaf) } }
      : selfMenuLeaf(button),
  )
}

/**
 * One API-made leaf in `get_current_selfmenu_info`'s terms. WeChat's page names the fields of
 * key types (`key`) and `view` (`url`); the rest is [inferred]: `miniprogram` keeps `url`,
 * `appid` and `pagepath`; `media_id`/`view_limited` and the `article_*` types carry their id in
 * `value`, the field console-made buttons use for a media id.
 */
function selfMenuLeaf(button: Leaf): SelfMenuLeaf {
  switch (button.type) {
    case 'view':
      return { type: button.type, name: button.name, url: button.url }
    case 'miniprogram':
      // The table's schema names no `appid`/`pagepath` here; its objects let extra keys through.
      return {
        type: button.type,
        name: button.name,
        url: button.url,
        appid: button.appid,
        pagepath: button.pagepath,
      } as SelfMenuLeaf
    case 'media_id':
    case 'view_limited':
      return { type: button.type, name: button.name, value: button.media_id }
    case 'article_id':
    case 'article_view_limited':
      return { type: button.type, name: button.name, value: button.article_id }
    default:
      return { type: button.type, name: button.name, key: button.key }
  }
}
