/**
 * `wxmp send text | image | news` (customer-service messages, §6.8: only inside a window the
 * fan's own interaction opened — 45015 prints the window rule) and `wxmp send template`
 * (template messages, §6.7: any follower, no window).
 */
import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import type { Client } from '@wxmp/sdk'
import { openClient } from '../../api/client.js'
import { UsageError, apiAction } from '../../api/failure.js'
import { printJson, printLines } from '../../api/output.js'
import { acceptDashedIds, usageExit2, withApiOptions } from '../../api/target.js'
import type { ApiFlags } from '../../api/target.js'
import { uploadFile } from './media.js'

/** Flags of `wxmp send news`. */
export interface NewsFlags extends ApiFlags {
  title: string
  url: string
  description?: string
  picurl?: string
}

/** Flags of `wxmp send template`. */
export interface TemplateFlags extends ApiFlags {
  data: string[]
  url?: string
}

/** Registers `wxmp send`. */
export function registerSendCommands(program: Command): void {
  const send = usageExit2(program.command('send')).description(
    'send a customer-service (客服) or template (模板) message to a fan',
  )
  withApiOptions(
    send
      .command('text')
      .argument('<openid>', 'the fan')
      .argument('<text>', 'the message')
      .description('send a text customer-service message'),
  ).action(
    apiAction(async (openid: string, text: string, flags: ApiFlags) => {
      const client = openClient(flags)
      await client.customService.send({ touser: openid, msgtype: 'text', text: { content: text } })
      printLines([`sent text to ${openid}`])
    }),
  )
  acceptDashedIds(
    withApiOptions(
      send
        .command('image')
        .argument('<openid>', 'the fan')
        .argument('<image>', 'an image file (uploaded as temporary media first) or a media_id')
        .description('send an image customer-service message'),
    ),
  ).action(
    apiAction(async (openid: string, image: string, flags: ApiFlags) => {
      const client = openClient(flags)
      const mediaId = await imageMediaId(client, image)
      await client.customService.send({
        touser: openid,
        msgtype: 'image',
        image: { media_id: mediaId },
      })
      printLines([`sent image ${mediaId} to ${openid}`])
    }),
  )
  withApiOptions(
    send
      .command('news')
      .argument('<openid>', 'the fan')
      .description('send a link card (one article) as a customer-service message')
      .requiredOption('--title <title>', 'the card title')
      .requiredOption('--url <url>', 'the page the card opens')
      .option('--description <text>', 'the text under the title')
      .option('--picurl <url>', 'the card picture'),
  ).action(
    apiAction(async (openid: string, flags: NewsFlags) => {
      const article = {
        title: flags.title,
        url: flags.url,
        ...(flags.description === undefined ? {} : { description: flags.description }),
        ...(flags.picurl === undefined ? {} : { picurl: flags.picurl }),
      }
      await openClient(flags).customService.send({
        touser: openid,
        msgtype: 'news',
        news: { articles: [article] },
      })
      printLines([`sent news "${flags.title}" to ${openid}`])
    }),
  )
  acceptDashedIds(
    withApiOptions(
      send
        .command('template')
        .argument('<openid>', 'the fan (a follower)')
        .argument('<template_id>', "one of the account's templates")
        .description('send a template message')
        .option(
          '--data <key=value...>',
          'a template field, e.g. --data first=Hello --data amount=12.50 (repeatable)',
          (value: string, previous: string[] = []) => [...previous, value],
        )
        .option('--url <url>', 'the page the message opens')
        .option('--json', 'print the answer (msgid) as JSON'),
    ),
  ).action(
    apiAction(async (openid: string, templateId: string, flags: TemplateFlags) => {
      const answer = await openClient(flags).template.send({
        touser: openid,
        template_id: templateId,
        data: templateData(flags.data ?? []),
        ...(flags.url === undefined ? {} : { url: flags.url }),
      })
      if (flags.json === true) return printJson(answer)
      printLines([`sent template ${templateId} to ${openid}: msgid ${String(answer.msgid)}`])
    }),
  )
}

/**
 * `key=value` pairs as a template's `data`; `key.color=#FF0000` sets that field's colour. A pair
 * without `=` or with an empty key is a `UsageError`.
 */
export function templateData(
  pairs: readonly string[],
): Record<string, { value: string; color?: string }> {
  const data: Record<string, { value: string; color?: string }> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new UsageError(`--data: "${pair}" is not key=value`)
    const key = pair.slice(0, at)
    const value = pair.slice(at + 1)
    if (key.endsWith('.color')) {
      const field = key.slice(0, -'.color'.length)
      data[field] = { value: data[field]?.value ?? '', color: value }
    } else {
      data[key] = { ...data[key], value }
    }
  }
  return data
}

/** A file path is uploaded as a temporary image first; anything else is taken as a media_id. */
async function imageMediaId(client: Client, image: string): Promise<string> {
  if (!existsSync(image)) return image
  const uploaded = await uploadFile(client, image, { type: 'image' })
  return uploaded.media_id
}
