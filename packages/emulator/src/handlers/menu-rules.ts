/**
 * `menu/create`'s button rules (§6.1) on the raw JSON, answering WeChat's codes: 40016–40020 for
 * top-level buttons, 40023–40027 for sub buttons, 40022 for a second nesting level. Lengths are
 * UTF-8 bytes, as WeChat counts them (a Chinese character is 3).
 */
import { ERRCODE } from '@wxmp/core'
import {
  MENU_ARTICLE_TYPES,
  MENU_KEY_TYPES,
  MENU_LIMITS,
  MENU_MEDIA_TYPES,
  MENU_URL_TYPES,
} from '@wxmp/spec'
import { WechatError } from '../wechat-error.js'

const KEY_TYPES = new Set<string>(MENU_KEY_TYPES)
const URL_TYPES = new Set<string>(MENU_URL_TYPES)
const OTHER_TYPES = new Set<string>([...MENU_MEDIA_TYPES, ...MENU_ARTICLE_TYPES])

// The limits are spec's (`MENU_LIMITS`), the same data the SDK checks a menu against.
const MAX_TOP = MENU_LIMITS.maxButtons
const MAX_SUB = MENU_LIMITS.maxSubButtons
const MAX_TOP_NAME_BYTES = MENU_LIMITS.maxButtonNameBytes
const MAX_SUB_NAME_BYTES = MENU_LIMITS.maxSubButtonNameBytes
const MAX_KEY_BYTES = MENU_LIMITS.maxKeyBytes
const MAX_URL_BYTES = MENU_LIMITS.maxUrlBytes

/** The codes of one level: top-level buttons or sub buttons. */
interface LevelCodes {
  readonly type: number
  readonly name: number
  readonly key: number
  readonly url: number
  readonly maxNameBytes: number
}

const TOP: LevelCodes = {
  type: ERRCODE.INVALID_BUTTON_TYPE,
  name: ERRCODE.INVALID_BUTTON_NAME_SIZE,
  key: ERRCODE.INVALID_BUTTON_KEY_SIZE,
  url: ERRCODE.INVALID_BUTTON_URL_SIZE,
  maxNameBytes: MAX_TOP_NAME_BYTES,
}

const SUB: LevelCodes = {
  type: ERRCODE.INVALID_SUB_BUTTON_TYPE,
  name: ERRCODE.INVALID_SUB_BUTTON_NAME_SIZE,
  key: ERRCODE.INVALID_SUB_BUTTON_KEY_SIZE,
  url: ERRCODE.INVALID_SUB_BUTTON_URL_SIZE,
  maxNameBytes: MAX_SUB_NAME_BYTES,
}

const bytes = (value: string): number => Buffer.byteLength(value, 'utf8')

/** A string field's UTF-8 length, 0 when absent or not a string (WeChat reads both as empty). */
const sizeOf = (value: unknown): number => (typeof value === 'string' ? bytes(value) : 0)

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Throws the first rule a `menu/create` body breaks, in document order. */
export function checkMenuButtons(body: unknown): void {
  const buttons = isRecord(body) ? body.button : undefined
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > MAX_TOP) {
    throw new WechatError(ERRCODE.INVALID_BUTTON_SIZE)
  }
  for (const button of buttons) {
    if (!isRecord(button)) throw new WechatError(ERRCODE.INVALID_BUTTON_TYPE)
    if (button.sub_button !== undefined && button.type === undefined) {
      checkGroup(button)
    } else {
      checkLeaf(button, TOP)
    }
  }
}

function checkGroup(button: Record<string, unknown>): void {
  checkName(button, TOP)
  const subs = button.sub_button
  if (!Array.isArray(subs) || subs.length < 1 || subs.length > MAX_SUB) {
    throw new WechatError(ERRCODE.INVALID_SUB_BUTTON_SIZE)
  }
  for (const sub of subs) {
    if (!isRecord(sub)) throw new WechatError(ERRCODE.INVALID_SUB_BUTTON_TYPE)
    // Only one level of nesting; an empty echo (`sub_button: []`, as menu/get returns) is fine.
    if (Array.isArray(sub.sub_button) ? sub.sub_button.length > 0 : sub.sub_button !== undefined) {
      throw new WechatError(ERRCODE.INVALID_SUB_MENU_LEVEL)
    }
    checkLeaf(sub, SUB)
  }
}

function checkLeaf(button: Record<string, unknown>, codes: LevelCodes): void {
  const type = button.type
  const known =
    typeof type === 'string' &&
    (KEY_TYPES.has(type) || URL_TYPES.has(type) || OTHER_TYPES.has(type))
  if (!known) throw new WechatError(codes.type)
  checkName(button, codes)
  if (KEY_TYPES.has(type)) {
    const size = sizeOf(button.key)
    if (size < 1 || size > MAX_KEY_BYTES) throw new WechatError(codes.key)
  }
  if (URL_TYPES.has(type)) {
    const size = sizeOf(button.url)
    if (size < 1 || size > MAX_URL_BYTES) throw new WechatError(codes.url)
  }
}

function checkName(button: Record<string, unknown>, codes: LevelCodes): void {
  const size = sizeOf(button.name)
  if (size < 1 || size > codes.maxNameBytes) throw new WechatError(codes.name)
}
