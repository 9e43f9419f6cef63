/**
 * The API IP whitelist (接口IP白名单, §5.1): WeChat refuses token requests from addresses not on
 * it with 40164, naming the caller's address in the errmsg. That address, not the one the
 * machine thinks it has (NAT, proxies), is the one to whitelist, so the finding quotes it.
 */
import { ERRCODE, callerIpFrom, errcodeHint } from '@wxmp/core'
import type { TokenAnswer } from './fetch-token.js'
import { finding } from './finding.js'
import type { Finding } from './finding.js'

const SECRET_FIX =
  'copy 开发者密码(AppSecret) again from 基本配置 → 公众号开发信息 (reset it if lost) into WXMP_SECRET or the config file'

/** Turns one token answer into a finding; `subject` is the account, e.g. `accounts[0]`. */
export function checkTokenAnswer(answer: TokenAnswer, subject: string): Finding {
  if (answer.kind === 'token')
    return finding('ip-whitelist', 'ok', subject, 'WeChat issued an access_token to this machine')
  if (answer.kind === 'network')
    return finding(
      'ip-whitelist',
      'skip',
      subject,
      `the token request failed (${answer.error}), so the whitelist is unknown`,
    )
  const { errcode, errmsg } = answer
  // WeChat's errmsg carries a request id; the finding keeps only the text before it.
  const text = errmsg.replace(/\s*rid:.*$/, '')
  if (errcode === ERRCODE.IP_NOT_WHITELISTED) {
    const ip = callerIpFrom(errmsg)
    return finding(
      'ip-whitelist',
      'fail',
      subject,
      ip === undefined
        ? `WeChat refused this machine's address (40164: ${text})`
        : `WeChat refused this machine's address ${ip}: it is not in the API IP whitelist (40164)`,
      ip === undefined
        ? 'add the address from the errmsg in 基本配置 → IP白名单, then run wxmp doctor again'
        : `add ${ip} in 基本配置 → IP白名单 (WeChat sees that address, so behind NAT or a proxy it is the egress one), then run wxmp doctor again`,
    )
  }
  if (errcode === ERRCODE.INVALID_CREDENTIAL || errcode === ERRCODE.INVALID_APPSECRET)
    return finding(
      'credentials',
      'fail',
      subject,
      `WeChat refused the AppSecret (${errcode}: ${text})`,
      SECRET_FIX,
    )
  if (errcode === ERRCODE.INVALID_APPID)
    return finding(
      'credentials',
      'fail',
      subject,
      `WeChat does not know this AppID (40013: ${text})`,
      'copy 开发者ID(AppID) from 基本配置 → 公众号开发信息 into WXMP_APPID or the config file',
    )
  return finding(
    'credentials',
    'fail',
    subject,
    `the token request was refused (${errcode}: ${text})`,
    errcodeHint(errcode, { endpoint: 'token.stable', errmsg }) ??
      'look the errcode up in the global return codes (全局返回码) of the WeChat docs, then run wxmp doctor again',
  )
}
