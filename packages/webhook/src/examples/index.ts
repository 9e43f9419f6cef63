import type { WebhookApp } from '../define-app.js'
import { echoApp } from './echo.js'
import { menuGuideApp } from './menu-guide.js'

/** The example apps `wxmp webhook --example NAME` can serve. */
export const EXAMPLES: Readonly<Record<string, { app: WebhookApp; description: string }>> = {
  echo: {
    app: echoApp,
    description: '你问我答 + 图尚往来: text and images echoed back, a welcome on subscribe',
  },
  menu: { app: menuGuideApp, description: 'the menu tutorial: CLICK key mpGuide answers 编写之中' },
}

export { echoApp, menuGuideApp }
