/**
 * The server URL (服务器地址) WeChat pushes to. WeChat only connects to port 80 over http and port
 * 443 over https (§1), so a public URL on any other port never gets a push or even the
 * verification GET. A local address is fine against the emulator and unreachable for WeChat.
 */
import { finding } from './finding.js'
import type { Finding } from './finding.js'
import { isLocalHost } from './local-host.js'

/** The real API host: with it as upstream, the webhook must be reachable by WeChat. */
export const WECHAT_API_BASE = 'https://api.weixin.qq.com'

const PORT_FIX =
  'serve the webhook behind a reverse proxy on 443 (https) or 80 (http) and enter that URL, without a port, in 基本配置 → 服务器配置'

/**
 * Checks a webhook URL. `apiBase` tells development (the emulator, which pushes anywhere) from
 * going live (WeChat, which reaches public hosts only).
 */
export function checkPushUrl(value: unknown, subject: string, apiBase: string): Finding {
  if (value === undefined)
    return finding(
      'push-url',
      'skip',
      subject,
      'no webhook URL is set; pass --url or set WXMP_PUSH_URL to check the one in 服务器配置',
    )
  let url: URL
  try {
    url = new URL(typeof value === 'string' ? value.trim() : '')
  } catch {
    return finding(
      'push-url',
      'fail',
      subject,
      'the webhook URL is not an absolute URL',
      'write it as https://your.domain/wx, exactly as entered in 基本配置 → 服务器配置',
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return finding(
      'push-url',
      'fail',
      subject,
      `the webhook URL uses ${url.protocol}; WeChat pushes over http or https only`,
      'use an https:// (port 443) or http:// (port 80) URL',
    )
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port)
  const shown = `${url.protocol}//${url.host}${url.pathname}`
  if (isLocalHost(url.hostname)) {
    const live = apiBase.replace(/\/+$/, '') === WECHAT_API_BASE
    return live
      ? finding(
          'push-url',
          'warn',
          subject,
          `${shown} is a local address, which WeChat's servers cannot reach`,
          'enter a public https:// URL on port 443 in 基本配置 → 服务器配置 and forward it to this webhook',
        )
      : finding(
          'push-url',
          'ok',
          subject,
          `${shown} is local: fine for the emulator; WeChat needs a public host on port 80 or 443`,
        )
  }
  const expected = url.protocol === 'https:' ? 443 : 80
  if (port !== expected)
    return finding(
      'push-url',
      'fail',
      subject,
      port === 80 || port === 443
        ? `${shown} uses ${url.protocol.slice(0, -1)} on port ${port}; WeChat connects with http to 80 and https to 443 only`
        : `${shown} is on port ${port}; WeChat only pushes to port 80 (http) and 443 (https)`,
      PORT_FIX,
    )
  return finding('push-url', 'ok', subject, `${shown} on port ${port}`)
}
