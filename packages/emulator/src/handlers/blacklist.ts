/**
 * The blacklist endpoints (§6.9). Any user the account knows can be blacklisted, follower or not
 * ([inferred]); the list pages in blacklisting order.
 */
import { openidPage } from '../openid-page.js'
import { checkListSize, knownFan } from './fan-rules.js'
import { callerOf } from './handler.js'
import type { HandlerContext, Handlers } from './handler.js'

/** OpenIDs per add/remove call: §6.9 believes 20 (not re-verified); 40032 beyond. */
export const MAX_BLACKLIST_OPENIDS = 20

const OK = { errcode: 0, errmsg: 'ok' } as const

/** The named users after the size and OpenID checks, all run before any change. */
function targets(ctx: HandlerContext, openids: readonly string[]): string[] {
  checkListSize(openids, MAX_BLACKLIST_OPENIDS)
  return openids.map((openid) => knownFan(ctx, openid).openid)
}

/** The blacklist endpoints this step emulates. */
export const blacklistHandlers = {
  'blacklist.get': {
    run: (request, ctx) =>
      openidPage([...ctx.state.fans.blacklist(callerOf(ctx))], request.begin_openid),
  },
  'blacklist.batchAdd': {
    run: (request, ctx) => {
      const list = ctx.state.fans.blacklist(callerOf(ctx))
      for (const openid of targets(ctx, request.openid_list)) list.add(openid)
      return OK
    },
  },
  'blacklist.batchRemove': {
    run: (request, ctx) => {
      // Removing someone who is not on the list is ok ([inferred]): the call is idempotent.
      const list = ctx.state.fans.blacklist(callerOf(ctx))
      for (const openid of targets(ctx, request.openid_list)) list.delete(openid)
      return OK
    },
  },
} satisfies Handlers
