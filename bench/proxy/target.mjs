// One proxy-benchmark target in its own process, printing `port <n>` once listening:
//   upstream   — node:http answering WeChat's menu/get JSON (stands in for api.weixin.qq.com)
//   forwarder  — a bare forwarder: node:http + the platform's fetch (undici), adding the token
//   proxy      — the wxmp API proxy (client key, allow-list, rate/quota ledger, audit off)
// UPSTREAM=http://127.0.0.1:<port> names the upstream for the other two.
import { createServer } from 'node:http'

const APPID = 'wx0123456789abcdef'
const TOKEN = 'T'.repeat(136)
const MENU = JSON.stringify({
  menu: { button: [{ type: 'click', name: '今日歌曲', key: 'V1001', sub_button: [] }] },
})
const kind = process.argv[2]
const upstream = process.env.UPSTREAM

function listen(server) {
  server.listen(0, '127.0.0.1', () => console.log(`port ${server.address().port}`))
}

if (kind === 'upstream') {
  listen(
    createServer((request, response) => {
      const ok = request.url?.includes(`access_token=${TOKEN}`)
      const body = ok ? MENU : '{"errcode":40001,"errmsg":"invalid credential"}'
      response.writeHead(200, {
        'content-type': 'application/json; encoding=utf-8',
        'content-length': Buffer.byteLength(body),
      })
      response.end(body)
    }),
  )
} else if (kind === 'forwarder') {
  listen(
    createServer(async (request, response) => {
      const url = new URL(request.url ?? '/', upstream)
      url.searchParams.set('access_token', TOKEN)
      const answer = await fetch(url, { method: request.method })
      const body = Buffer.from(await answer.arrayBuffer())
      response.writeHead(answer.status, {
        'content-type': answer.headers.get('content-type') ?? 'application/json',
      })
      response.end(body)
    }),
  )
} else if (kind === 'proxy') {
  const root = new URL('../../packages/', import.meta.url)
  const { createProxy, serveProxy } = await import(new URL('proxy/dist/index.js', root))
  const account = {
    appid: APPID,
    secret: 'S3cretS3cretS3cretS3cretS3cret12',
    token: 'benchtoken',
    encryptMode: 'plain',
    dailyQuota: { 'menu.get': 1_000_000_000 },
  }
  const proxy = createProxy({
    config: {
      accounts: [account],
      clients: [
        { name: 'bench', key: 'bench-client-key-0001', accounts: [APPID], allow: ['menu.*'] },
      ],
    },
    // The token's cost is measured by bench/token; here a constant one isolates the proxy.
    tokens: {
      accessToken: async () => ({ value: TOKEN, expiresAt: Date.now() + 7_200_000 }),
      invalidate: async () => ({ invalidated: false }),
    },
    apiBase: upstream,
  })
  const served = await serveProxy(proxy, { port: 0 })
  console.log(`port ${new URL(served.url).port}`)
} else {
  console.error('usage: target.mjs upstream|forwarder|proxy')
  process.exit(2)
}
