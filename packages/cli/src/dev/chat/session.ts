/**
 * One fan's conversation with an account through the emulator: turns parsed commands into
 * inspection calls and answers the lines to show. Terminal handling is the caller's.
 */
import { readFileSync, statSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { CHAT_HELP } from './commands.js'
import type { ChatCommand } from './commands.js'
import { describeReceived, describeReport } from './format.js'
import { InspectionError } from './inspection-client.js'
import type { InspectionClient, PushReportInfo } from './inspection-client.js'

/** Picture types `/image` sends, by extension. */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
}

/** Largest picture `/image` sends: WeChat's 10 MB image limit [inferred for fans' pictures]. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024

/** What one command came to: lines to show, and whether the conversation goes on. */
export interface ChatOutcome {
  readonly lines: string[]
  readonly quit: boolean
}

/** A fan talking to an account. */
export interface ChatSession {
  readonly appid: string
  readonly openid: string
  /** Lines to show first: who talks to whom, and what to do when the fan does not follow. */
  readonly greeting: string[]
  run(command: ChatCommand): Promise<ChatOutcome>
  /** Messages the fan received since the last look through other channels (customer service…). */
  news(): Promise<string[]>
}

/**
 * Opens a conversation: the account is `appid` or the emulator's first; the fan is `openid` or the
 * account's first follower (else its first fan, who can `/subscribe`).
 */
export async function openChatSession(
  client: InspectionClient,
  options: { appid?: string | undefined; openid?: string | undefined } = {},
): Promise<ChatSession> {
  const { appid, fans } = await client.fans(options.appid)
  const fan =
    options.openid === undefined
      ? (fans.find((f) => f.subscribed) ?? fans[0])
      : fans.find((f) => f.openid === options.openid)
  if (fan === undefined)
    throw new InspectionError(
      options.openid === undefined
        ? `${appid} has no fans in the emulator; add one: curl -X POST ${client.base}/__emulator/fans -d '{}'`
        : `${appid} has no fan ${options.openid}; its fans: ${fans.map((f) => f.openid).join(', ') || 'none'}`,
    )
  const openid = fan.openid
  let seen = (await client.received(appid, openid)).length
  const greeting = [
    `chatting with ${appid} as fan ${openid} (emulator ${client.base})`,
    fan.subscribed
      ? 'type a message and press Enter; /help lists the commands'
      : 'this fan does not follow the account: /subscribe first; /help lists the commands',
  ]

  const report = async (call: Promise<PushReportInfo>): Promise<string[]> =>
    describeReport(await call)
  const act = async (action: string, body: Record<string, unknown> = {}): Promise<string[]> =>
    describeReport((await client.act(action, { appid, openid, ...body })).push)
  const push = (message: Record<string, unknown>, file?: Record<string, unknown>) =>
    report(client.push({ appid, openid, message, ...file }))

  const perform = async (command: ChatCommand): Promise<string[]> => {
    switch (command.kind) {
      case 'text':
        return push({ MsgType: 'text', Content: command.content })
      case 'image':
        return push({ MsgType: 'image' }, readImage(command.file))
      case 'location':
        return push({
          MsgType: 'location',
          Location_X: command.lat,
          Location_Y: command.lng,
          Scale: 15,
          Label: command.label,
        })
      case 'click':
        return act('click', { key: command.key })
      case 'view':
        return act('click', { url: command.url })
      case 'scan':
        return act('scan', { scene: command.scene })
      case 'subscribe':
        return act('subscribe')
      case 'unsubscribe':
        return act('unsubscribe')
      case 'help':
        return [...CHAT_HELP]
      case 'invalid':
        return [`✗ ${command.message}`]
      case 'empty':
      case 'quit':
        return []
    }
  }

  const news = async (): Promise<string[]> => {
    const received = await client.received(appid, openid)
    const fresh = received.slice(seen)
    seen = received.length
    // Passive replies are shown from the delivery report already.
    return fresh.filter((r) => r.channel !== 'reply').map(describeReceived)
  }

  return {
    appid,
    openid,
    greeting,
    news,
    run: async (command) => {
      if (command.kind === 'quit') return { lines: [], quit: true }
      try {
        const lines = await perform(command)
        const later = command.kind === 'help' || command.kind === 'invalid' ? [] : await news()
        return { lines: [...lines, ...later], quit: false }
      } catch (error) {
        if (error instanceof InspectionError || error instanceof ImageError)
          return { lines: [`✗ ${error.message}`], quit: false }
        throw error
      }
    },
  }
}

/** A picture `/image` cannot send. */
class ImageError extends Error {}

function readImage(file: string): Record<string, unknown> {
  const contentType = IMAGE_TYPES[extname(file).toLowerCase()]
  if (contentType === undefined)
    throw new ImageError(`/image: ${file} is not a .jpg, .png, .gif or .bmp picture`)
  let size: number
  try {
    size = statSync(file).size
  } catch {
    throw new ImageError(`/image: cannot read ${file}`)
  }
  if (size === 0) throw new ImageError(`/image: ${file} is empty`)
  if (size > MAX_IMAGE_BYTES)
    throw new ImageError(`/image: ${file} is larger than WeChat's 10 MB picture limit`)
  return {
    file: readFileSync(file).toString('base64'),
    contentType,
    filename: basename(file),
  }
}
