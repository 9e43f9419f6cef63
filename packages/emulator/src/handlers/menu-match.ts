/**
 * Conditional-menu rules (§6.1): which `matchrule` WeChat accepts, the 3-domain limit, and
 * which menu a fan sees.
 */
import { ERRCODE } from '@wxmp/core'
import type { RequestOf } from '@wxmp/spec'
import type { Fan } from '../fans.js'
import type { ConditionalMenu, MatchRule } from '../menu-store.js'
import type { MenuButtons } from '../state.js'
import type { TagStore } from '../tag-store.js'
import { WechatError } from '../wechat-error.js'

/** The matchrule of an `addconditional` request, as the table parses it. */
type MatchRuleIn = RequestOf<'menu.addConditional'>['matchrule']

/** Rules WeChat stopped honouring: a non-empty one answers 65320 (§6.1). */
const LEGACY_FIELDS = ['sex', 'country', 'province', 'city', 'language'] as const

/** 1 iOS, 2 Android, 3 others (§6.1). */
const PLATFORMS = new Set(['1', '2', '3'])

/** [inferred] The reference names 65305 without a number; the emulator allows this many. */
export const MAX_CONDITIONAL_MENUS = 100

/** All conditional menus together may link to at most this many domains (65316, §6.1). */
export const MAX_MENU_URL_DOMAINS = 3

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Before the schema: a body without any `matchrule` is 65304, not a format error. */
export function requireMatchRule(body: unknown): void {
  const rule = isRecord(body) ? body.matchrule : undefined
  if (rule === undefined || rule === null) throw new WechatError(ERRCODE.EMPTY_MATCHRULE)
}

/**
 * The rule to store: its non-empty `tag_id` and `client_platform_type`. A non-empty legacy field
 * → 65320; nothing left → 65304. [inferred] An empty legacy field (old SDKs send every field) is
 * ignored; `tag_id` must name one of the account's tags (the starred group too), else 45159 as
 * for tagging; a platform other than 1–3 → 40035.
 */
export function acceptedRule(rule: MatchRuleIn, appid: string, tags: TagStore): MatchRule {
  if (LEGACY_FIELDS.some((field) => (rule[field] ?? '') !== '')) {
    throw new WechatError(ERRCODE.MATCHRULE_FIELD_UNSUPPORTED)
  }
  const tagId = rule.tag_id ?? ''
  const platform = rule.client_platform_type ?? ''
  if (tagId === '' && platform === '') throw new WechatError(ERRCODE.EMPTY_MATCHRULE)
  if (tagId !== '' && (!/^\d{1,9}$/.test(tagId) || !tags.get(appid, Number(tagId)))) {
    throw new WechatError(ERRCODE.INVALID_TAG_ID)
  }
  if (platform !== '' && !PLATFORMS.has(platform)) {
    throw new WechatError(ERRCODE.INVALID_PARAMETER)
  }
  return {
    ...(tagId === '' ? {} : { tag_id: tagId }),
    ...(platform === '' ? {} : { client_platform_type: platform }),
  }
}

/** Throws 65316 when these menus together link to more than 3 domains (every button `url`). */
export function checkUrlDomains(menus: readonly MenuButtons[]): void {
  const domains = new Set<string>()
  for (const buttons of menus) {
    for (const button of buttons) {
      const leaves = 'sub_button' in button ? button.sub_button : [button]
      for (const leaf of leaves) if ('url' in leaf) domains.add(domainOf(leaf.url))
    }
  }
  if (domains.size > MAX_MENU_URL_DOMAINS) throw new WechatError(ERRCODE.MENU_URL_DOMAIN_LIMIT)
}

function domainOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    // Not a URL WeChat could open; count the text itself as one destination.
    return url.toLowerCase()
  }
}

/**
 * The conditional menu `fan` sees: the newest whose rule it meets (§6.1), else none. A `tag_id`
 * rule needs the tag on the fan. [inferred] Fans here have no client platform, so
 * `client_platform_type` is not checked: such a rule matches as if the fan used that platform.
 */
export function matchingMenu(
  menus: readonly ConditionalMenu[],
  fan: Fan,
): ConditionalMenu | undefined {
  for (let i = menus.length - 1; i >= 0; i--) {
    const menu = menus[i]
    if (!menu) continue
    const tagId = menu.matchrule.tag_id
    if (tagId === undefined || fan.tags.includes(Number(tagId))) return menu
  }
  return undefined
}
