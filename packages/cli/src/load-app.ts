import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { WxConfigError } from '@wxmp/core'
import type { WebhookApp } from '@wxmp/webhook'

let tsxRegistered = false

/**
 * Loads a user's webhook app: a module whose default export (or `app` export) is a function that
 * registers handlers. TypeScript files are loaded through tsx, so `--app ./my-bot.ts` needs no build.
 */
export async function loadApp(file: string): Promise<WebhookApp> {
  const path = resolve(file)
  if (!existsSync(path)) throw new WxConfigError(`--app: ${file} does not exist`, 'app')
  if (/\.[cm]?tsx?$/.test(path) && !tsxRegistered) {
    const { register } = await import('tsx/esm/api')
    register()
    tsxRegistered = true
  }
  const mod = (await import(pathToFileURL(path).href)) as { default?: unknown; app?: unknown }
  const app = mod.default ?? mod.app
  if (typeof app !== 'function') {
    throw new WxConfigError(
      `--app: ${file} must export a function as default, e.g. \`export default defineApp((wh) => { wh.text('hi', () => 'hello') })\``,
      'app',
    )
  }
  return app as WebhookApp
}
