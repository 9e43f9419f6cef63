/**
 * The `data` of `template/send` against the template's placeholders (§6.7): every key the content
 * names needs a valid value, else 47003 `argument invalid! data.<key>.value invalid`. Keys the
 * content does not name (the legacy `first` / `remark` among them) are ignored.
 */
import { ERRCODE } from '@wxmp/core'
import { placeholderKeys } from '../template-library.js'
import { WechatError } from '../wechat-error.js'

/** Characters (code points) a value of a key without a known type may hold ([inferred]). */
export const MAX_UNTYPED_VALUE_CHARS = 200

const chars = (value: string): number => [...value].length

/**
 * The value rules of the 2023 keyword types, picked by the key's prefix (`thing2` → `thing`).
 * [inferred]: the reference only says "value fails field validation"; these are the limits
 * WeChat publishes for the same keyword types of subscription messages.
 */
const TYPE_RULES: readonly (readonly [prefix: string, valid: (value: string) => boolean])[] = [
  // Longest prefix first: `character_string` before any shorter one it could start with.
  ['character_string', (v) => /^[\x21-\x7e]{1,32}$/.test(v)],
  ['phone_number', (v) => /^[\d+\-() ]{1,17}$/.test(v)],
  ['car_number', (v) => chars(v) <= 8],
  ['thing', (v) => chars(v) <= 20],
  ['number', (v) => /^\d+(\.\d+)?$/.test(v) && v.length <= 32],
  ['amount', (v) => /^[¥￥$]?\d{1,10}(\.\d+)?元?$/.test(v)],
  ['phrase', (v) => /^\p{Script=Han}{1,5}$/u.test(v)],
  ['time', (v) => /\d/.test(v) && chars(v) <= 64],
  ['date', (v) => /\d/.test(v) && chars(v) <= 64],
]

/** Whether `value` is acceptable for placeholder `key`. Empty (or blank) never is. */
export function isValidValue(key: string, value: string): boolean {
  if (value.trim() === '') return false
  const rule = TYPE_RULES.find(([prefix]) => new RegExp(`^${prefix}\\d*$`).test(key))
  return rule ? rule[1](value) : chars(value) <= MAX_UNTYPED_VALUE_CHARS
}

/** Throws 47003 for the first placeholder of `content` whose value is missing or invalid. */
export function checkTemplateData(
  content: string,
  data: Readonly<Record<string, { readonly value: string }>>,
): void {
  for (const key of placeholderKeys(content)) {
    const entry = Object.hasOwn(data, key) ? data[key] : undefined
    if (!entry || !isValidValue(key, entry.value))
      throw new WechatError(ERRCODE.ARGUMENT_INVALID, `argument invalid! data.${key}.value invalid`)
  }
}
