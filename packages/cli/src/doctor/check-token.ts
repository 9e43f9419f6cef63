/**
 * The Token (令牌) of 基本配置 → 服务器配置: WeChat's console accepts 3–32 letters and digits only
 * (§1), and it signs every push, so a token wxmp accepts but WeChat would refuse can never match.
 */
import { describeStrayCharacters } from './character-classes.js'
import { finding } from './finding.js'
import type { Finding } from './finding.js'

const FIX =
  'choose a new Token of 3–32 letters and digits, enter it in 基本配置 → 服务器配置 and set the same value in WXMP_TOKEN or the config file'

/** Checks one account's token; `subject` names the field, e.g. `accounts[0].token`. */
export function checkToken(value: unknown, subject: string): Finding {
  if (value === undefined)
    return finding('token', 'fail', subject, 'no Token is set; every push is signed with it', FIX)
  if (typeof value !== 'string')
    return finding('token', 'fail', subject, `the Token must be text, got a ${typeof value}`, FIX)
  const token = value.trim()
  const stray = describeStrayCharacters(token)
  if (stray !== '')
    return finding(
      'token',
      'fail',
      subject,
      `the Token contains ${stray}; WeChat allows letters and digits only`,
      FIX,
    )
  if (token.length < 3 || token.length > 32)
    return finding(
      'token',
      'fail',
      subject,
      `the Token has ${token.length} characters; WeChat allows 3 to 32`,
      FIX,
    )
  return finding('token', 'ok', subject, `${token.length} letters and digits`)
}
