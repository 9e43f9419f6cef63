import { reply } from '@wxmp/spec/messages'
import { defineApp } from '../define-app.js'

/** The seed menu tutorial: the `click` button with key `mpGuide` answers 编写之中 ("being written"). */
export const menuGuideApp = defineApp((wh) => {
  wh.menu('mpGuide', () => reply.text('编写之中'))
})
