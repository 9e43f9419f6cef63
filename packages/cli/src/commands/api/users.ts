/**
 * `wxmp users list` (every follower: `user/get` pages of 10,000 OpenIDs, then `--details` in
 * `batchget` calls of 100) and `wxmp user OPENID` (one profile), §6.9.
 */
import type { Command } from 'commander'
import { ERRCODE } from '@wxmp/core'
import type { Client } from '@wxmp/sdk'
import { REMARK_LIMITS } from '@wxmp/spec'
import { openClient } from '../../api/client.js'
import { UsageError, apiAction } from '../../api/failure.js'
import { isoTime, printJson, printLines, table } from '../../api/output.js'
import { startProgress } from '../../api/progress.js'
import { usageExit2, withApiOptions } from '../../api/target.js'
import type { ApiFlags } from '../../api/target.js'

/** Users per `user/info/batchget` call: WeChat's maximum. */
export const BATCHGET_SIZE = 100

type UserInfo = Awaited<ReturnType<Client['user']['info']>>

/** Registers `wxmp users` and `wxmp user`. */
export function registerUserCommands(program: Command): void {
  const users = usageExit2(program.command('users')).description("the account's followers (粉丝)")
  withApiOptions(
    users
      .command('list')
      .description("list every follower's OpenID, paging through user/get")
      .option('--details', "fetch each follower's profile too (user/info/batchget, 100 a call)")
      .option('--json', 'print {total, openids} (with --details, {total, users}) as JSON'),
  ).action(
    apiAction(async (flags: ApiFlags & { details?: boolean }) => {
      const client = openClient(flags)
      const openids = await listFollowers(client)
      if (flags.details !== true) {
        if (flags.json === true) return printJson({ total: openids.length, openids })
        return printLines(openids)
      }
      const details = await userDetails(client, openids)
      if (flags.json === true) return printJson({ total: details.length, users: details })
      printLines(
        table(
          ['openid', 'followed', 'remark', 'tags'],
          details.map((u) => [
            u.openid,
            isoTime(u.subscribe_time),
            u.remark ?? '',
            (u.tagid_list ?? []).join(','),
          ]),
        ),
      )
    }),
  )
  withApiOptions(
    users
      .command('remark')
      .argument('<openid>', 'the fan')
      .argument('<remark>', 'the note (备注名), under 30 bytes; "" clears it')
      .description("set a fan's remark name (user/info/updateremark)"),
  ).action(
    apiAction(async (openid: string, remark: string, flags: ApiFlags) => {
      const bytes = Buffer.byteLength(remark, 'utf8')
      if (bytes >= REMARK_LIMITS.bytesBelow)
        throw new UsageError(
          `remark: ${bytes} bytes, WeChat takes under ${REMARK_LIMITS.bytesBelow} (errcode ${ERRCODE.INVALID_REMARK} otherwise)`,
        )
      await openClient(flags).user.updateRemark({ openid, remark })
      printLines([remark === '' ? `remark of ${openid} cleared` : `remark of ${openid}: ${remark}`])
    }),
  )
  withApiOptions(
    program
      .command('user')
      .argument('<openid>', 'the fan')
      .description("show one fan's profile (user/info)")
      .option('--json', "print WeChat's answer as JSON"),
  ).action(
    apiAction(async (openid: string, flags: ApiFlags) => {
      const info = await openClient(flags).user.info({ openid })
      if (flags.json === true) return printJson(info)
      printLines(describeUser(info))
    }),
  )
}

/** Every follower's OpenID, following `next_openid` until `total` are in (a bar on a terminal). */
export async function listFollowers(client: Client): Promise<string[]> {
  const openids: string[] = []
  const bar = startProgress('followers')
  try {
    let next = ''
    for (;;) {
      const page = await client.user.get(next === '' ? {} : { next_openid: next })
      openids.push(...(page.data?.openid ?? []))
      bar.update(openids.length, page.total)
      // WeChat answers `count: 0` after the last page; stopping at `total` saves that call.
      if (page.count === 0 || page.next_openid === '' || openids.length >= (page.total ?? Infinity))
        return openids
      next = page.next_openid
    }
  } finally {
    bar.finish()
  }
}

/** The profiles of `openids`, 100 per `batchget` call, in the same order. */
export async function userDetails(client: Client, openids: readonly string[]): Promise<UserInfo[]> {
  const users: UserInfo[] = []
  const bar = startProgress('profiles', { total: openids.length })
  try {
    for (let at = 0; at < openids.length; at += BATCHGET_SIZE) {
      const user_list = openids.slice(at, at + BATCHGET_SIZE).map((openid) => ({ openid }))
      const answer = await client.user.batchGet({ user_list })
      users.push(...answer.user_info_list)
      bar.update(users.length)
    }
    return users
  } finally {
    bar.finish()
  }
}

const LABELS: Readonly<Record<string, string>> = {
  subscribe_time: 'followed',
  subscribe_scene: 'scene',
  tagid_list: 'tags',
}

/** `field  value` lines of a profile; times readable, empty fields left out. */
export function describeUser(info: UserInfo): string[] {
  const rows: string[][] = []
  for (const [field, value] of Object.entries(info)) {
    const empty =
      value === '' || value === undefined || (Array.isArray(value) && value.length === 0)
    if (field === 'errcode' || field === 'errmsg' || empty) continue
    const shown =
      field === 'subscribe_time'
        ? isoTime(value as number)
        : Array.isArray(value)
          ? value.join(',')
          : String(value)
    rows.push([LABELS[field] ?? field, shown])
  }
  return table(['field', 'value'], rows).slice(1)
}
