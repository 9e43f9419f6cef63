/**
 * Menu-as-code (§6.1): `validateMenu` checks a menu against WeChat's limits before it is sent and
 * reports every problem with its path; `defineMenu` returns a `menu/create` body or throws them
 * all at once. WeChat (and the emulator) stop at the first problem, one errcode per round trip.
 */
import { ERRCODE, WxRequestError } from '@wxmp/core'
import {
  MENU_ARTICLE_TYPES,
  MENU_KEY_TYPES,
  MENU_LIMITS,
  MENU_MEDIA_TYPES,
  MENU_URL_TYPES,
} from '@wxmp/spec'
import type { RequestOf } from '@wxmp/spec'

/** A `menu/create` body. */
export type MenuDefinition = RequestOf<'menu.create'>

/** One top-level button: a leaf, or a group (`name` + `sub_button`). */
export type MenuButton = MenuDefinition['button'][number]

/** One problem of a menu. */
export interface MenuProblem {
  /** Where it is, e.g. `button[1].sub_button[2].name`. */
  readonly path: string
  /** What is wrong, e.g. `18 bytes, at most 16`. */
  readonly message: string
  /**
   * The errcode WeChat answers for it (40016–40027), when the reference names one; `undefined`
   * for a shape error (a missing `media_id`, a non-object), which WeChat reports as it pleases.
   */
  readonly errcode: number | undefined
}

const KEY_TYPES: ReadonlySet<string> = new Set(MENU_KEY_TYPES)
const URL_TYPES: ReadonlySet<string> = new Set(MENU_URL_TYPES)
const MEDIA_TYPES: ReadonlySet<string> = new Set(MENU_MEDIA_TYPES)
const ARTICLE_TYPES: ReadonlySet<string> = new Set(MENU_ARTICLE_TYPES)

/** The codes and name limit of one level: top-level buttons or sub buttons. */
interface Level {
  readonly type: number
  readonly name: number
  readonly key: number
  readonly url: number
  readonly maxNameBytes: number
}

const TOP: Level = {
  type: ERRCODE.INVALID_BUTTON_TYPE,
  name: ERRCODE.INVALID_BUTTON_NAME_SIZE,
  key: ERRCODE.INVALID_BUTTON_KEY_SIZE,
  url: ERRCODE.INVALID_BUTTON_URL_SIZE,
  maxNameBytes: MENU_LIMITS.maxButtonNameBytes,
}

const SUB: Level = {
  type: ERRCODE.INVALID_SUB_BUTTON_TYPE,
  name: ERRCODE.INVALID_SUB_BUTTON_NAME_SIZE,
  key: ERRCODE.INVALID_SUB_BUTTON_KEY_SIZE,
  url: ERRCODE.INVALID_SUB_BUTTON_URL_SIZE,
  maxNameBytes: MENU_LIMITS.maxSubButtonNameBytes,
}

const isEmpty = (value: unknown): boolean => Array.isArray(value) && value.length === 0

type Report = (path: string, message: string, errcode?: number) => void

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * Every way `menu` breaks WeChat's rules (§6.1), in document order; empty when WeChat would
 * accept it as far as the reference tells (it still checks mini-program links, media ids and
 * domains, which need the account). Takes any value, so a menu read from JSON can be checked.
 *
 * @example
 * for (const p of validateMenu(menu)) console.error(`${p.path}: ${p.message}`)
 */
export function validateMenu(menu: unknown): MenuProblem[] {
  const problems: MenuProblem[] = []
  const report: Report = (path, message, errcode) => problems.push({ path, message, errcode })
  const buttons = isRecord(menu) ? menu.button : undefined
  if (!Array.isArray(buttons)) {
    report('button', 'must be a list of 1 to 3 buttons', ERRCODE.INVALID_BUTTON_SIZE)
    return problems
  }
  checkCount('button', buttons.length, MENU_LIMITS.maxButtons, ERRCODE.INVALID_BUTTON_SIZE, report)
  buttons.forEach((button, i) => {
    const path = `button[${i}]`
    if (!isRecord(button)) return report(path, 'must be an object', ERRCODE.INVALID_BUTTON_TYPE)
    // A leaf echoed by menu/get carries `sub_button: []`: still a leaf.
    if (
      button.sub_button === undefined ||
      (button.type !== undefined && isEmpty(button.sub_button))
    )
      return checkLeaf(button, path, TOP, report)
    // §6.1: a top-level button has either a type or sub buttons, never both.
    if (button.type !== undefined)
      report(`${path}.type`, 'a button with sub_button takes no type (they exclude each other)')
    checkGroup(button, path, report)
  })
  return problems
}

/**
 * Checks `buttons` with {@link validateMenu} and returns them as a `menu/create` body; throws a
 * `WxRequestError` (endpoint `menu.create`) listing every problem otherwise.
 *
 * @example
 * const menu = defineMenu([
 *   { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
 *   { name: '更多', sub_button: [{ type: 'view', name: '官网', url: 'https://example.com/' }] },
 * ])
 * await client.menu.create(menu)
 */
export function defineMenu(buttons: readonly MenuButton[]): MenuDefinition {
  const menu: MenuDefinition = { button: [...buttons] }
  const problems = validateMenu(menu)
  const first = problems[0]
  if (first !== undefined)
    throw new WxRequestError(
      'menu.create',
      first.path,
      problems.map((p) => `${p.path}: ${p.message}`),
    )
  return menu
}

function checkGroup(button: Record<string, unknown>, path: string, report: Report): void {
  checkName(button, path, TOP, report)
  const subs = button.sub_button
  if (!Array.isArray(subs)) {
    report(
      `${path}.sub_button`,
      'must be a list of 1 to 5 buttons',
      ERRCODE.INVALID_SUB_BUTTON_SIZE,
    )
    return
  }
  checkCount(
    `${path}.sub_button`,
    subs.length,
    MENU_LIMITS.maxSubButtons,
    ERRCODE.INVALID_SUB_BUTTON_SIZE,
    report,
  )
  subs.forEach((sub, i) => {
    const subPath = `${path}.sub_button[${i}]`
    if (!isRecord(sub)) return report(subPath, 'must be an object', ERRCODE.INVALID_SUB_BUTTON_TYPE)
    // One level of nesting only; `sub_button: []` (as menu/get echoes it) is not a level.
    if (sub.sub_button !== undefined && !isEmpty(sub.sub_button))
      report(`${subPath}.sub_button`, 'menus nest one level only', ERRCODE.INVALID_SUB_MENU_LEVEL)
    checkLeaf(sub, subPath, SUB, report)
  })
}

function checkLeaf(button: Record<string, unknown>, path: string, level: Level, report: Report) {
  const type = button.type
  const known =
    typeof type === 'string' &&
    (KEY_TYPES.has(type) || URL_TYPES.has(type) || MEDIA_TYPES.has(type) || ARTICLE_TYPES.has(type))
  if (!known) report(`${path}.type`, `unknown button type ${JSON.stringify(type)}`, level.type)
  checkName(button, path, level, report)
  if (!known) return
  if (KEY_TYPES.has(type))
    checkBytes(button, 'key', path, MENU_LIMITS.maxKeyBytes, level.key, type, report)
  if (URL_TYPES.has(type))
    checkBytes(button, 'url', path, MENU_LIMITS.maxUrlBytes, level.url, type, report)
  if (type === 'miniprogram') for (const field of ['appid', 'pagepath']) required(field)
  if (MEDIA_TYPES.has(type)) required('media_id')
  if (ARTICLE_TYPES.has(type)) required('article_id')

  function required(field: string): void {
    const value = button[field]
    if (typeof value !== 'string' || value === '')
      report(`${path}.${field}`, `required for type ${String(type)}`)
  }
}

function checkName(button: Record<string, unknown>, path: string, level: Level, report: Report) {
  const name = button.name
  if (typeof name !== 'string' || name === '')
    return report(`${path}.name`, 'required (a non-empty string)', level.name)
  const size = Buffer.byteLength(name, 'utf8')
  if (size > level.maxNameBytes)
    report(`${path}.name`, `${size} bytes, at most ${level.maxNameBytes}`, level.name)
}

function checkBytes(
  button: Record<string, unknown>,
  field: 'key' | 'url',
  path: string,
  max: number,
  errcode: number,
  type: string,
  report: Report,
): void {
  const value = button[field]
  if (typeof value !== 'string' || value === '')
    return report(`${path}.${field}`, `required for type ${type}`, errcode)
  const size = Buffer.byteLength(value, 'utf8')
  if (size > max) report(`${path}.${field}`, `${size} bytes, at most ${max}`, errcode)
}

function checkCount(path: string, count: number, max: number, errcode: number, report: Report) {
  if (count < 1) report(path, `empty, at least 1 button`, errcode)
  else if (count > max) report(path, `${count} buttons, at most ${max}`, errcode)
}
