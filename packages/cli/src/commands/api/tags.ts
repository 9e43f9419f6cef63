/** `wxmp tags list | create | delete | tag | untag`: follower tags (标签, §6.9). */
import type { Command } from 'commander'
import { openClient } from '../../api/client.js'
import { UsageError, apiAction } from '../../api/failure.js'
import { printJson, printLines, table } from '../../api/output.js'
import { usageExit2, withApiOptions } from '../../api/target.js'
import type { ApiFlags } from '../../api/target.js'

/** OpenIDs per tagging call: WeChat's maximum. Longer lists are sent in several calls. */
export const TAGGING_BATCH = 50

/** Registers `wxmp tags`. */
export function registerTagCommands(program: Command): void {
  const tags = usageExit2(program.command('tags')).description('follower tags (用户标签)')
  withApiOptions(
    tags
      .command('list')
      .description('list the tags and how many followers hold each')
      .option('--json', "print WeChat's answer as JSON"),
  ).action(
    apiAction(async (flags: ApiFlags) => {
      const answer = await openClient(flags).tags.get()
      if (flags.json === true) return printJson(answer)
      printLines(
        table(
          ['id', 'name', 'followers'],
          answer.tags.map((tag) => [String(tag.id), tag.name, String(tag.count)]),
        ),
      )
    }),
  )
  withApiOptions(
    tags
      .command('create')
      .argument('<name>', 'the tag name (at most 30 bytes)')
      .description('create a tag')
      .option('--json', "print WeChat's answer as JSON"),
  ).action(
    apiAction(async (name: string, flags: ApiFlags) => {
      const answer = await openClient(flags).tags.create({ tag: { name } })
      if (flags.json === true) return printJson(answer)
      printLines([`created tag ${answer.tag.id} ${answer.tag.name}`])
    }),
  )
  withApiOptions(
    tags.command('delete').argument('<id>', 'the tag id').description('delete a tag'),
  ).action(
    apiAction(async (id: string, flags: ApiFlags) => {
      const tagid = tagId(id)
      await openClient(flags).tags.delete({ tag: { id: tagid } })
      printLines([`deleted tag ${tagid}`])
    }),
  )
  for (const [name, verb] of [
    ['tag', 'tagged'],
    ['untag', 'untagged'],
  ] as const) {
    withApiOptions(
      tags
        .command(name)
        .argument('<id>', 'the tag id')
        .argument('<openid...>', 'followers (sent 50 per call)')
        .description(name === 'tag' ? 'give followers a tag' : 'take a tag from followers'),
    ).action(
      apiAction(async (id: string, openids: string[], flags: ApiFlags) => {
        const tagid = tagId(id)
        const client = openClient(flags)
        for (let at = 0; at < openids.length; at += TAGGING_BATCH) {
          const body = { tagid, openid_list: openids.slice(at, at + TAGGING_BATCH) }
          if (name === 'tag') await client.tags.batchTagging(body)
          else await client.tags.batchUntagging(body)
        }
        printLines([`${verb} ${openids.length} follower(s) with tag ${tagid}`])
      }),
    )
  }
}

/** A tag id argument: a whole number, else a `UsageError`. */
export function tagId(text: string): number {
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`tag id "${text}" is not a whole number`)
  return Number(text.trim())
}
