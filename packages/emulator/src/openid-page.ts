/**
 * The OpenID pages of `user/get`, `user/tag/get` and `getblacklist` (§6.9): up to 10,000 a page,
 * the cursor being the last OpenID of the previous page. The page after the last one has
 * `count: 0`, no `data` and an empty `next_openid`, which is how clients know to stop.
 */
import { ERRCODE } from '@wxmp/core'
import { WechatError } from './wechat-error.js'

/** OpenIDs per page (§6.9). */
export const PAGE_SIZE = 10_000

/** One page, shaped as the spec's `openidPage`. */
export interface OpenidPage {
  total: number
  count: number
  data?: { openid: string[] }
  next_openid: string
}

/**
 * The page of `openids` that follows `after` (from the start when empty). A cursor that is not in
 * the list answers 40003 ([inferred]: WeChat reads it as an OpenID of the account).
 */
export function openidPage(openids: readonly string[], after: string | undefined): OpenidPage {
  let start = 0
  if (after) {
    const index = openids.indexOf(after)
    if (index < 0) throw new WechatError(ERRCODE.INVALID_OPENID)
    start = index + 1
  }
  const page = openids.slice(start, start + PAGE_SIZE)
  const last = page.at(-1)
  if (last === undefined) return { total: openids.length, count: 0, next_openid: '' }
  return { total: openids.length, count: page.length, data: { openid: page }, next_openid: last }
}
