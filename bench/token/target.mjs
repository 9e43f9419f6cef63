// One benchmark target in its own process, printing `port <n>` once listening:
//   node bench/token/target.mjs bare   — node:http answering a constant token JSON (the ceiling)
//   node bench/token/target.mjs token  — the wxmp token service (SQLite store, emulator upstream)
import { createServer } from 'node:http'

const APPID = 'wx0123456789abcdef'
const SECRET = 'S3cretS3cretS3cretS3cretS3cret12'
export const KEY = 'bench-client-key-0001'

const kind = process.argv[2]
if (kind === 'bare') {
  const body = JSON.stringify({ access_token: 'x'.repeat(136), expires_at: 1893456000 })
  const server = createServer((request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    })
    response.end(body)
  })
  server.listen(0, '127.0.0.1', () => console.log(`port ${server.address().port}`))
} else if (kind === 'token') {
  const root = new URL('../../packages/', import.meta.url)
  const { createEmulator, serveEmulator } = await import(new URL('emulator/dist/index.js', root))
  const { createTokenService, openSqliteTokenStore, serveTokenService } = await import(
    new URL('token/dist/index.js', root)
  )
  const account = { appid: APPID, secret: SECRET, token: 'benchtoken', encryptMode: 'plain' }
  const upstream = await serveEmulator(createEmulator({ accounts: [account], seed: 1 }))
  const store = openSqliteTokenStore(':memory:')
  const service = createTokenService({
    accounts: [{ appid: APPID, secret: SECRET }],
    store,
    apiBase: upstream.url,
  })
  await service.accessToken(APPID) // warm: the measured requests read a current token
  const served = await serveTokenService(service, {
    port: 0,
    clients: [{ name: 'bench', key: KEY, accounts: [APPID], allow: ['token.get'] }],
  })
  console.log(`port ${new URL(served.url).port}`)
} else {
  console.error('usage: target.mjs bare|token')
  process.exit(2)
}
