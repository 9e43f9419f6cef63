/**
 * The menu tutorial: the click button `mpGuide` answers 编写之中 ("being written"), the
 * submenu's click button answers today's pick. Publish the menu first with
 * `npx tsx examples/menu/publish-menu.ts` (see the README).
 *
 * Serve it: npx wxmp webhook --app examples/menu/app.ts
 */
import { defineApp } from '@wxmp/webhook'
import { GUIDE_KEY, TODAY_KEY } from './menu.js'

/** What the guide button answers. */
export const GUIDE_REPLY = '编写之中'

export default defineApp((wh) => {
  wh.menu(GUIDE_KEY, () => GUIDE_REPLY)
  wh.menu(TODAY_KEY, () => '今日推荐：图尚往来——发一张图片给我试试')
  // A click on a key nobody handles still deserves an answer, not silence.
  wh.on('event.CLICK', (msg) => `菜单「${msg.EventKey}」还没有内容`)
  // VIEW events arrive after the page opened; a reply would never be shown, so none is sent.
  wh.on('event.VIEW', () => undefined)
})
