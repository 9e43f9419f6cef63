/**
 * The menu of the menu tutorial, as code: one button of each kind the tutorial shows. A `click`
 * button pushes a CLICK event with its key; a `view` button opens a page (WeChat pushes a VIEW
 * event but shows no reply); a `media_id` button sends a permanent material straight from
 * WeChat, without any push.
 */
import { defineMenu } from '@wxmp/sdk'
import type { MenuDefinition } from '@wxmp/sdk'

/** The key of the click button the webhook answers. */
export const GUIDE_KEY = 'mpGuide'
/** The key of the submenu's click button. */
export const TODAY_KEY = 'V1001_TODAY'
/** The page the view button opens. */
export const SITE_URL =
  'https://developers.weixin.qq.com/doc/offiaccount/Custom_Menus/Creating_Custom-Defined_Menu.html'

/**
 * The `menu/create` body. `posterMediaId` is a permanent image (`material/add_material`): a
 * media_id button can only send material the account owns. `defineMenu` checks WeChat's limits
 * (names, keys, URL lengths, button counts) before anything is sent.
 */
export function tutorialMenu(posterMediaId: string): MenuDefinition {
  return defineMenu([
    { type: 'click', name: '公众号指南', key: GUIDE_KEY },
    { type: 'view', name: '开发文档', url: SITE_URL },
    {
      name: '更多',
      sub_button: [
        { type: 'media_id', name: '活动海报', media_id: posterMediaId },
        { type: 'click', name: '今日推荐', key: TODAY_KEY },
      ],
    },
  ])
}
