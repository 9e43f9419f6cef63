import type { Webhook } from './webhook.js'

/**
 * A webhook app: a module whose default export registers handlers on a webhook. This is what
 * `wxmp webhook --app ./my-bot.ts` loads.
 *
 * @example
 * export default defineApp((wh) => {
 *   wh.text('hi', () => 'hello')
 * })
 */
export type WebhookApp = (wh: Webhook) => void | Promise<void>

/** Declares a webhook app (identity function that gives the callback its types). */
export function defineApp(app: WebhookApp): WebhookApp {
  return app
}
