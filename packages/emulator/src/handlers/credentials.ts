/**
 * The AppID/AppSecret check both token endpoints make (§5.1), on the raw request so each missing
 * or wrong field gets WeChat's own errcode instead of a schema error.
 */
import { ERRCODE } from '@wxmp/core'
import { WechatError } from '../wechat-error.js'
import type { EmulatorState } from '../state.js'

// An AppSecret is 32 letters and digits (core's config schema says the same).
const SECRET_SHAPE = /^[A-Za-z0-9]{32}$/

/**
 * The account the credentials name, or a `WechatError`: 40002 grant_type other than
 * `client_credential`, 41002 appid missing, 41004 secret missing, 40013 unknown AppID,
 * 40125 a secret that cannot be one (wrong shape), 40001 a well-formed but wrong secret.
 * Splitting 40125/40001 by shape is our choice: §5.1 lists both without saying which is when.
 */
export function checkCredentials(
  state: EmulatorState,
  fields: { grant_type?: unknown; appid?: unknown; secret?: unknown },
): string {
  // grant_type may be omitted (the spec defaults it); anything else present must be exact.
  if (fields.grant_type !== undefined && fields.grant_type !== 'client_credential') {
    throw new WechatError(ERRCODE.INVALID_GRANT_TYPE)
  }
  if (typeof fields.appid !== 'string' || fields.appid === '') {
    throw new WechatError(ERRCODE.APPID_MISSING)
  }
  if (typeof fields.secret !== 'string' || fields.secret === '') {
    throw new WechatError(ERRCODE.SECRET_MISSING)
  }
  const appid = fields.appid.toLowerCase()
  const account = state.accounts.get(appid)
  if (!account) throw new WechatError(ERRCODE.INVALID_APPID)
  if (!SECRET_SHAPE.test(fields.secret)) throw new WechatError(ERRCODE.INVALID_APPSECRET)
  if (account.secret !== fields.secret) throw new WechatError(ERRCODE.INVALID_CREDENTIAL)
  return appid
}
