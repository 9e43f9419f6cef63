/** The webhook role of `wxmp dev`: the echo example or the user's app, with its message log. */
import type { WxmpConfig } from '@wxmp/core'
import { WxConfigError } from '@wxmp/core'
import {
  createLogger,
  createWebhook,
  EXAMPLES,
  defaultMessageLogFile,
  openSqliteMessageLog,
  reportMessageLogErrors,
  serveWebhook,
} from '@wxmp/webhook'
import type { LogLevel, WebhookApp } from '@wxmp/webhook'
import { loadApp } from '../../load-app.js'
import { reachableHost } from '../role.js'
import type { RunningRole } from '../role.js'

/** Which app the webhook runs: `--app FILE`, else a built-in example (default `echo`). */
export interface AppChoice {
  readonly app?: string | undefined
  readonly example?: string | undefined
}

/** The running webhook, with where each account is pushed to. */
export interface WebhookRole extends RunningRole {
  readonly role: 'webhook'
  /** The URL the platform pushes an account's messages to (`{origin}{path}/{appid}`). */
  readonly pushUrlFor: (appid: string) => string
  /** What runs, for the banner: `echo example (…)` or the app file. */
  readonly appLabel: string
}

/** Loads the app, then serves it on `port` at `config.host`. */
export async function startWebhookRole(
  config: WxmpConfig,
  choice: AppChoice,
  port: number,
): Promise<WebhookRole> {
  const { app, label } = await chooseApp(choice)
  const logger = createLogger({ level: config.logLevel as LogLevel })
  const file = defaultMessageLogFile(config.dataDir)
  const wh = createWebhook({
    accounts: config.accounts,
    path: config.path,
    messageLog: openSqliteMessageLog({ file, onError: reportMessageLogErrors(logger, file) }),
    logger,
  })
  try {
    await app(wh)
    const running = await serveWebhook(wh, { host: config.host, port })
    const base = config.path === '/' ? '' : config.path
    const reachable = `http://${reachableHost(config.host)}:${running.port}`
    return {
      role: 'webhook',
      url: `${running.origin}${base || '/'}`,
      appLabel: label,
      pushUrlFor: (appid) => `${reachable}${base}/${appid}`,
      lines: [
        `runs ${label}; message log ${file}`,
        `health ${running.origin}/healthz  metrics ${running.origin}/metrics`,
      ],
      close: async () => {
        try {
          await running.close()
        } finally {
          await wh.close()
        }
      },
    }
  } catch (error) {
    await wh.close()
    throw error
  }
}

async function chooseApp(choice: AppChoice): Promise<{ app: WebhookApp; label: string }> {
  if (choice.app !== undefined && choice.example !== undefined)
    throw new WxConfigError('use either --example or --app, not both', 'app')
  if (choice.app !== undefined) return { app: await loadApp(choice.app), label: choice.app }
  const name = choice.example ?? 'echo'
  const example = EXAMPLES[name]
  if (example === undefined)
    throw new WxConfigError(
      `--example: unknown example "${name}"; choose one of ${Object.keys(EXAMPLES).join(', ')}`,
      'example',
    )
  return { app: example.app, label: `the ${name} example (${example.description})` }
}
