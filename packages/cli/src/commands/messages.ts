/** `wxmp messages`: reads the webhook's message log (every accepted push and its answer). */
import { existsSync } from 'node:fs'
import type { Command } from 'commander'
import { WxConfigError } from '@wxmp/core'
import {
  defaultMessageLogFile,
  MAX_QUERY_LIMIT,
  openSqliteMessageLog,
  type MessageLogEntry,
  type MessageLogFilter,
} from '@wxmp/webhook'
import { dataDirOf } from '../data-dir.js'

/** Flags of `wxmp messages`. */
export interface MessagesFlags {
  dataDir?: string
  config?: string
  appid?: string
  from?: string
  kind?: string
  key?: string
  before?: string
  limit?: string
  json?: boolean
}

/** Registers `wxmp messages`. */
export function registerMessagesCommand(program: Command): void {
  program
    .command('messages')
    .description("show the webhook's message log, newest first: pushes and what they were answered")
    .option('--data-dir <dir>', 'the webhook data dir holding messages.sqlite (default ./data)')
    .option('--config <file>', 'configuration file (its dataDir is used)')
    .option('--appid <appid>', 'only this account')
    .option('--from <openid>', 'only pushes from this fan (FromUserName)')
    .option('--kind <kind>', 'only this kind: text, image, event.CLICK, …')
    .option('--key <key>', 'only this message (its dedupe key, e.g. msg:24000000000000000001)')
    .option('--before <time>', 'only entries older than this (ISO time or ms since 1970): pages')
    .option('--limit <n>', `most entries (default 20, at most ${MAX_QUERY_LIMIT})`)
    .option('--json', 'one JSON object per line, with the request and reply XML')
    .action(async (flags: MessagesFlags) => {
      await printMessages(flags, (line) => process.stdout.write(line + '\n'))
    })
}

/** Queries the log named by `flags` and prints each entry through `print`. */
export async function printMessages(
  flags: MessagesFlags,
  print: (line: string) => void,
): Promise<void> {
  const filter = filterOf(flags)
  const file = defaultMessageLogFile(dataDirOf(flags))
  // A read must not create an empty log (and its directory) where none was.
  if (!existsSync(file)) {
    throw new WxConfigError(
      `--data-dir: no message log at ${file}; wxmp webhook writes it under its data dir (--data-dir, WXMP_DATA_DIR)`,
      'dataDir',
    )
  }
  const log = openSqliteMessageLog({ file, checkpointThread: false })
  try {
    for (const entry of await log.query(filter))
      print(flags.json === true ? JSON.stringify(entry) : summary(entry))
  } finally {
    await log.close()
  }
}

function filterOf(flags: MessagesFlags): MessageLogFilter {
  const filter: MessageLogFilter = { limit: 20 }
  if (flags.appid !== undefined) filter.appid = flags.appid
  if (flags.from !== undefined) filter.fromUser = flags.from
  if (flags.kind !== undefined) filter.kind = flags.kind
  if (flags.key !== undefined) filter.key = flags.key
  if (flags.limit !== undefined) {
    const n = Number(flags.limit)
    if (!Number.isInteger(n) || n < 1 || n > MAX_QUERY_LIMIT)
      throw new WxConfigError(
        `--limit: "${flags.limit}" is not a whole number from 1 to ${MAX_QUERY_LIMIT}`,
        '--limit',
      )
    filter.limit = n
  }
  if (flags.before !== undefined) {
    const ms = /^\d+$/.test(flags.before) ? Number(flags.before) : Date.parse(flags.before)
    if (!Number.isFinite(ms))
      throw new WxConfigError(
        `--before: "${flags.before}" is neither an ISO time (2026-01-01T08:00:00+08:00) nor ms since 1970`,
        '--before',
      )
    filter.before = ms
  }
  return filter
}

/** One line: when, account, fan, kind, key, outcome, time taken, and any error. */
function summary(e: MessageLogEntry): string {
  const fields = [
    new Date(e.at).toISOString(),
    e.appid,
    e.fromUser,
    e.kind,
    e.key,
    e.mode,
    e.outcome,
    `${Math.round(e.durationMs * 10) / 10}ms`,
  ]
  if (e.error !== undefined) fields.push(`error: ${e.error}`)
  return fields.join('  ')
}
