/**
 * `wxmp menu push FILE | get | delete`: the account's default menu (§6.1), and
 * `wxmp menu conditional add FILE | delete MENUID` and `wxmp menu match USER` for conditional
 * (个性化) menus. A menu file is checked with the SDK's `validateMenu` first; every problem is
 * listed and nothing is sent.
 */
import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { ERRCODE } from '@wxmp/core'
import { validateMenu } from '@wxmp/sdk'
import { MATCH_RULE_FIELDS } from '@wxmp/spec'
import type { MenuDefinition } from '@wxmp/sdk'
import { openClient } from '../../api/client.js'
import { UsageError, apiAction } from '../../api/failure.js'
import { printJson, printLines } from '../../api/output.js'
import { usageExit2, withApiOptions } from '../../api/target.js'
import type { ApiFlags } from '../../api/target.js'

/** Registers `wxmp menu`. */
export function registerMenuCommands(program: Command): void {
  const menu = usageExit2(program.command('menu')).description(
    "the account's custom menu (自定义菜单)",
  )
  withApiOptions(
    menu
      .command('push')
      .argument('<file>', 'the menu as JSON: {"button": [...]} (or what `menu get --json` prints)')
      .description("check a menu file against WeChat's limits, then make it the menu"),
  ).action(
    apiAction(async (file: string, flags: ApiFlags) => {
      const body = readMenuFile(file)
      await openClient(flags).menu.create(body)
      printLines([`menu pushed: ${body.button.length} top-level button(s)`])
    }),
  )
  withApiOptions(
    menu
      .command('get')
      .description('show the menu and any conditional menus')
      .option('--json', "print WeChat's answer as JSON"),
  ).action(
    apiAction(async (flags: ApiFlags) => {
      const answer = await openClient(flags).menu.get()
      if (flags.json === true) return printJson(answer)
      const lines = describeButtons(answer.menu.button)
      for (const conditional of answer.conditionalmenu ?? [])
        lines.push(
          '',
          `conditional menu ${String(conditional.menuid)} ${JSON.stringify(conditional.matchrule)}`,
          ...describeButtons(conditional.button).map((line) => `  ${line}`),
        )
      printLines(lines)
    }),
  )
  withApiOptions(
    menu.command('delete').description('delete the menu and every conditional menu'),
  ).action(
    apiAction(async (flags: ApiFlags) => {
      await openClient(flags).menu.delete()
      printLines(['menu deleted'])
    }),
  )
  registerConditionalCommands(menu)
}

/** `menu conditional add | delete` and `menu match`: menus shown to some fans only. */
function registerConditionalCommands(menu: Command): void {
  const conditional = usageExit2(menu.command('conditional')).description(
    'conditional menus (个性化菜单), shown to fans a match rule selects',
  )
  withApiOptions(
    conditional
      .command('add')
      .argument('<file>', 'JSON: {"button": [...], "matchrule": {"tag_id": "2", ...}}')
      .description('check a conditional menu file, then add it (the default menu must exist)'),
  ).action(
    apiAction(async (file: string, flags: ApiFlags) => {
      const body = readConditionalMenuFile(file)
      const { menuid } = await openClient(flags).menu.addConditional(body)
      printLines([`conditional menu added: menuid ${String(menuid)}`])
    }),
  )
  withApiOptions(
    conditional
      .command('delete')
      .argument('<menuid>', 'as `menu get` or `conditional add` printed it')
      .description('delete one conditional menu'),
  ).action(
    apiAction(async (menuid: string, flags: ApiFlags) => {
      await openClient(flags).menu.delConditional({ menuid })
      printLines([`conditional menu ${menuid} deleted`])
    }),
  )
  withApiOptions(
    menu
      .command('match')
      .argument('<user>', "a fan's OpenID or WeChat id")
      .description('show the menu that fan sees (menu/trymatch)')
      .option('--json', "print WeChat's answer as JSON"),
  ).action(
    apiAction(async (user: string, flags: ApiFlags) => {
      const answer = await openClient(flags).menu.tryMatch({ user_id: user })
      if (flags.json === true) return printJson(answer)
      printLines(describeButtons(answer.button))
    }),
  )
}

/**
 * The `menu/addconditional` body in `file`: the buttons, checked as `readMenuFile` checks them,
 * and a `matchrule` object with at least one field (WeChat refuses an empty one: EMPTY_MATCHRULE).
 */
export function readConditionalMenuFile(file: string): MenuDefinition & {
  matchrule: Record<string, string>
} {
  const json = readJsonFile(file)
  const matchrule = isRecord(json) ? json.matchrule : undefined
  if (!isRecord(matchrule) || Object.keys(matchrule).length === 0)
    throw new UsageError(
      `${file}: "matchrule" must be an object with at least one of ${MATCH_RULE_FIELDS.join(', ')} (errcode ${ERRCODE.EMPTY_MATCHRULE})`,
    )
  const menu = checkedMenu(file, json)
  return { ...menu, matchrule: matchrule as Record<string, string> }
}

/**
 * The `menu/create` body in `file`: `{"button": [...]}`, or `menu get --json`'s answer
 * (`{"menu": {"button": [...]}}`), so a fetched menu can be edited and pushed back [inferred].
 * An unreadable file, bad JSON or any problem `validateMenu` finds is a `UsageError`.
 */
export function readMenuFile(file: string): MenuDefinition {
  return checkedMenu(file, readJsonFile(file))
}

/** The JSON in `file`; an unreadable file or bad JSON is a `UsageError` naming it. */
function readJsonFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new UsageError(
      `${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${file}: not JSON (${(error as Error).message})`)
  }
}

/** The buttons of `json` (a menu, or `menu get --json`'s answer), or every problem with them. */
function checkedMenu(file: string, json: unknown): MenuDefinition {
  const candidate = isRecord(json) && isRecord(json.menu) && !('button' in json) ? json.menu : json
  const menu = isRecord(candidate) ? { button: candidate.button } : candidate
  const problems = validateMenu(menu)
  if (problems.length > 0)
    throw new UsageError(
      `${file}: ${problems.length} problem(s), nothing was sent:`,
      problems.map(
        (p) =>
          `  ${p.path}: ${p.message}${p.errcode === undefined ? '' : ` (errcode ${p.errcode})`}`,
      ),
    )
  return menu as MenuDefinition
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** One line per button, sub buttons indented: `name [type] key/url/media`. */
export function describeButtons(buttons: readonly Record<string, unknown>[]): string[] {
  const lines: string[] = []
  for (const button of buttons) {
    const subs = Array.isArray(button.sub_button)
      ? (button.sub_button as Record<string, unknown>[])
      : []
    lines.push(describeButton(button))
    for (const sub of subs) lines.push(`  ${describeButton(sub)}`)
  }
  return lines
}

const DETAIL_FIELDS = ['key', 'url', 'media_id', 'article_id', 'appid', 'pagepath'] as const

function describeButton(button: Record<string, unknown>): string {
  const name = typeof button.name === 'string' ? button.name : '?'
  if (typeof button.type !== 'string') return name
  const details = DETAIL_FIELDS.filter((field) => typeof button[field] === 'string').map(
    (field) => `${field}=${String(button[field])}`,
  )
  return [name, `[${button.type}]`, ...details].join(' ')
}
