/** `ops.*` (§6.13): WeChat's address lists and the quota reset. */
import { ERRCODE } from '@wxmp/core'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'

// Fixed, documentation-range addresses: real lists change, and a test must not depend on them.
const CALLBACK_IPS = ['192.0.2.0/25', '198.51.100.10', '203.0.113.0/26']
const API_DOMAIN_IPS = ['192.0.2.80', '198.51.100.80']

/** The ops endpoints this step emulates. */
export const opsHandlers = {
  'ops.getCallbackIp': { run: () => ({ ip_list: [...CALLBACK_IPS] }) },
  'ops.getApiDomainIp': { run: () => ({ ip_list: [...API_DOMAIN_IPS] }) },
  'ops.clearQuota': {
    run: (request, ctx) => {
      // The token says which account calls; the body must name that same account.
      if (request.appid.toLowerCase() !== callerOf(ctx)) {
        throw new WechatError(ERRCODE.INVALID_APPID)
      }
      ctx.state.quota.clear(callerOf(ctx), ctx.state.clock.now())
      return { errcode: 0, errmsg: 'ok' }
    },
  },
} satisfies Handlers
