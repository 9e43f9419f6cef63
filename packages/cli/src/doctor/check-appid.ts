/**
 * The AppID (开发者ID): `wx` followed by 16 hex digits. The original ID (`gh_…`) and the AppSecret
 * are what people paste instead, so those get a fix of their own.
 */
import { finding } from './finding.js'
import type { Finding } from './finding.js'

const FIX = 'copy 开发者ID(AppID) from 基本配置 → 公众号开发信息 into WXMP_APPID or the config file'

/** Checks one account's AppID. An AppID is not a secret, so it may be quoted. */
export function checkAppid(value: unknown, subject: string): Finding {
  if (value === undefined) return finding('appid', 'fail', subject, 'no AppID is set', FIX)
  if (typeof value !== 'string')
    return finding('appid', 'fail', subject, `the AppID must be text, got a ${typeof value}`, FIX)
  const appid = value.trim()
  if (/^wx[0-9a-f]{16}$/i.test(appid)) return finding('appid', 'ok', subject, appid.toLowerCase())
  if (/^gh_[0-9a-f]{12}$/i.test(appid))
    return finding(
      'appid',
      'fail',
      subject,
      `"${appid}" is the original ID (原始ID), not the AppID`,
      `${FIX}; the original ID belongs in originalId (WXMP_ORIGINAL_ID)`,
    )
  // A 32-character value is most likely the AppSecret: describe it, never quote it.
  if (/^[A-Za-z0-9]{32}$/.test(appid))
    return finding(
      'appid',
      'fail',
      subject,
      'the AppID has 32 letters and digits, the shape of an AppSecret',
      `${FIX}; the AppSecret belongs in secret (WXMP_SECRET)`,
    )
  const shown = appid.length <= 24 ? `"${appid}"` : `a value of ${appid.length} characters`
  return finding('appid', 'fail', subject, `${shown} is not "wx" followed by 16 hex digits`, FIX)
}
