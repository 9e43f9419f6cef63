/**
 * What `wxmp dev` prints at start: each role's URL, the account to enter where, and how to talk
 * to it. Demo credentials are printed in full (they exist only here); a configured account's
 * AppSecret and EncodingAESKey never are, only the push URL and Token the admin console asks for.
 */
import { join } from 'node:path'
import type { DevConfig } from './dev-config.js'
import { DEV_CLIENT_NAME } from './dev-client.js'
import type { DevStack } from './stack.js'

const WIDTH = 10

/** The banner lines for a started stack. */
export function devBanner(dev: DevConfig, stack: DevStack): string[] {
  const { config, demo } = dev
  const names = stack.roles.map((r) => (r.role === 'token' ? 'token service' : r.role))
  const lines = [`wxmp dev: ${names.join(', ')} in one process (Ctrl-C stops them all)`]
  for (const role of stack.roles) {
    lines.push(`  ${role.role.padEnd(WIDTH)}${role.url}`)
    for (const line of role.lines) lines.push(`  ${' '.repeat(WIDTH)}${line}`)
  }
  lines.push(
    stack.emulator === undefined
      ? `  ${'upstream'.padEnd(WIDTH)}${stack.apiBase} (from WXMP_API_BASE)`
      : `  ${'upstream'.padEnd(WIDTH)}the embedded emulator; set WXMP_API_BASE to use another (e.g. https://api.weixin.qq.com)`,
    `  ${'data'.padEnd(WIDTH)}${config.dataDir}`,
    '',
  )
  const tokenUrl = (appid: string): string => `${stack.token.url}/v1/accounts/${appid}/access-token`
  const first = config.accounts[0]
  if (demo !== undefined) {
    lines.push(
      `demo account (generated once, kept in ${join(config.dataDir, 'demo-account.json')})`,
      `  AppID           ${demo.appid}`,
      `  AppSecret       ${demo.secret}`,
      `  Token           ${demo.token}`,
      `  EncodingAESKey  ${demo.aesKey}  (安全模式 safe mode)`,
      `  原始ID           ${demo.originalId}`,
      `  webhook URL     ${stack.webhook.pushUrlFor(demo.appid)}`,
    )
  } else {
    for (const account of config.accounts) {
      lines.push(
        `account ${account.appid}: enter in 公众号 → 设置与开发 → 基本配置 → 服务器配置`,
        stack.emulator === undefined
          ? `  URL             https://<your public host>${publicPath(stack.webhook.url, account.appid)}  (your HTTPS reverse proxy → ${stack.webhook.url.replace(/\/$/, '')}/${account.appid})`
          : `  URL             ${stack.webhook.pushUrlFor(account.appid)}`,
        `  Token           ${account.token}`,
        `  EncodingAESKey  ${account.aesKey === undefined ? '(none: 明文模式 plaintext mode)' : `the one configured (${account.encryptMode} mode)`}`,
      )
    }
    if (stack.emulator === undefined)
      lines.push(...realTrafficHints(config.host, stack.webhook.url))
  }
  const devKey = stack.clients.find((client) => client.name === DEV_CLIENT_NAME)
  if (devKey !== undefined && first !== undefined) {
    lines.push(
      `  client key      ${devKey.key}  (for the token service; kept in ${join(config.dataDir, 'dev-client.json')})`,
      `  e.g. curl -H 'Authorization: Bearer ${devKey.key}' ${tokenUrl(first.appid)}`,
    )
  } else {
    lines.push(
      `  token service clients: ${stack.clients.map((client) => client.name).join(', ')} (keys from the configuration)`,
    )
  }
  lines.push('')
  if (stack.emulator !== undefined) {
    lines.push(
      `chat with it as a fan:  npx wxmp chat --emulator ${stack.emulator.url}`,
      `  or push one message:  curl -X POST ${stack.emulator.url}/__emulator/push -d '{"message":{"MsgType":"text","Content":"你好"}}'`,
    )
  }
  return lines
}

/** The webhook's path for an account, e.g. `/wx/wx0123456789abcdef`. */
function publicPath(webhookUrl: string, appid: string): string {
  const path = new URL(webhookUrl).pathname.replace(/\/$/, '')
  return `${path}/${appid}`
}

/** What a real deployment still needs, said where it is easy to miss. */
function realTrafficHints(host: string, webhookUrl: string): string[] {
  const loopback = host === '127.0.0.1' || host === 'localhost' || host === '::1'
  return [
    loopback
      ? `  note: the webhook listens on ${host} only, which WeChat cannot reach: start with --host 0.0.0.0 behind your HTTPS reverse proxy`
      : `  WeChat pushes only to port 80 or 443: put a reverse proxy in front of ${webhookUrl} and enter its public URL`,
    `  add this machine's public IP to 基本配置 → IP白名单, or token calls are refused (40164)`,
  ]
}
