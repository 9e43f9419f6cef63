// In-process cost of the webhook pipeline per push (no sockets): pre-signed pushes through
// `webhook.handle()`, plaintext and safe mode, with dedupe on, optionally the message log and
// request logging. Not a test; a tool for finding where the microseconds go.
//   node --import tsx bench/pipeline-micro.ts [--count 200000] [--log] [--message-log]
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildPush } from '@wxmp/crypto'
import {
  createLogger,
  createWebhook,
  echoApp,
  openSqliteMessageLog,
  type WebhookRequest,
} from '@wxmp/webhook'

const args = process.argv.slice(2)
const count = Number(args[args.indexOf('--count') + 1] || 200_000) || 200_000
const account = {
  appid: 'wx0123456789abcdef',
  token: 'benchToken2024',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
}

for (const mode of ['plain', 'safe'] as const) {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-micro-'))
  const wh = createWebhook({
    accounts: [account],
    ...(args.includes('--message-log')
      ? { messageLog: openSqliteMessageLog({ file: join(dir, 'm.sqlite') }) }
      : {}),
    ...(args.includes('--log') ? { logger: createLogger({ write: () => undefined }) } : {}),
  })
  await echoApp(wh)
  const now = Math.floor(Date.now() / 1000)
  const pushes: WebhookRequest[] = []
  for (let i = 0; i < count; i++) {
    const xml = `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oUser${String(i).padStart(22, '0')}]]></FromUserName><CreateTime>${now}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好 hello & <world> ${i}]]></Content><MsgId>${24000000000000000000n + BigInt(i)}</MsgId></xml>`
    const p = buildPush({
      token: account.token,
      appId: account.appid,
      aesKey: account.aesKey,
      mode,
      xml,
      nonce: String(100000000 + i),
      timestamp: now,
    })
    pushes.push({ method: 'POST', path: '/wx', query: p.query, body: p.body })
  }
  let bad = 0
  const t0 = performance.now()
  for (const p of pushes) {
    const r = wh.handle(p)
    if (r instanceof Promise || r.status !== 200) bad++
  }
  const t1 = performance.now()
  await wh.close()
  console.log(
    `${mode.padEnd(5)} ${(((t1 - t0) * 1000) / count).toFixed(2)} µs/push over ${count}${bad ? `, ${bad} not 200/sync` : ''}`,
  )
}
