/**
 * The ticket account's menu: 服务 (help, bind, my tickets) and 抢票 (the activity list and one
 * button per bookable activity, as WeChatTicket rebuilt its menu when activities changed).
 */
import { defineMenu } from '@wxmp/sdk'
import type { MenuDefinition } from '@wxmp/sdk'
import type { Activity } from './db.js'
import { KEYS } from './commands.js'

// A submenu holds at most 5 buttons; one is the list.
const MAX_ACTIVITY_BUTTONS = 4

/** The `menu/create` body for the current activities. */
export function ticketMenu(activities: readonly Activity[]): MenuDefinition {
  return defineMenu([
    {
      name: '服务',
      sub_button: [
        { type: 'click', name: '帮助', key: KEYS.help },
        { type: 'click', name: '绑定学号', key: KEYS.bind },
        { type: 'click', name: '我的票', key: KEYS.query },
      ],
    },
    {
      name: '抢票',
      sub_button: [
        { type: 'click', name: '近期活动', key: KEYS.list },
        ...activities.slice(0, MAX_ACTIVITY_BUTTONS).map((a) => ({
          type: 'click' as const,
          name: a.name.slice(0, 12),
          key: `${KEYS.bookPrefix}${a.key}`,
        })),
      ],
    },
  ])
}
