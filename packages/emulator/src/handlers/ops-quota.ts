/**
 * `ops.getQuota` (查询 API 调用额度): today's limit and use of one API by its `cgi_path`, from
 * the same ledger that charges the calls (§7.2).
 */
import { ERRCODE } from '@wxmp/core'
import { allEndpoints } from '@wxmp/spec'
import type { Endpoint } from '@wxmp/spec'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'

/**
 * The api-host endpoint of `cgi_path`. That API's page: a path without its leading `/` or with
 * the host in front → 76003; `…/sns/…` paths cannot be queried → 76022; no such API → 76021.
 * [inferred] A query string is not part of a path, so it finds no API either.
 */
function endpointOf(cgiPath: string): Endpoint {
  if (!cgiPath.startsWith('/') || cgiPath.includes('://')) {
    throw new WechatError(ERRCODE.CGI_PATH_MALFORMED)
  }
  if (cgiPath.split('/').includes('sns')) throw new WechatError(ERRCODE.CGI_PATH_NO_PERMISSION)
  const entry = allEndpoints.find(
    (candidate) => candidate.host === 'api' && candidate.path === cgiPath,
  )
  if (!entry) throw new WechatError(ERRCODE.CGI_PATH_NOT_FOUND)
  return entry
}

/** The quota-query endpoint. */
export const opsQuotaHandlers = {
  'ops.getQuota': {
    run: (request, ctx) => {
      const entry = endpointOf(request.cgi_path)
      const limit = entry.quota?.perDay
      // [inferred] An API the table gives no daily limit answers zeros, like the page's example.
      if (limit === undefined) {
        return { errcode: 0, errmsg: 'ok', quota: { daily_limit: 0, used: 0, remain: 0 } }
      }
      const used = ctx.state.quota.used(callerOf(ctx), entry.id, ctx.state.clock.now())
      return {
        errcode: 0,
        errmsg: 'ok',
        quota: { daily_limit: limit, used, remain: Math.max(0, limit - used) },
      }
    },
  },
} satisfies Handlers
