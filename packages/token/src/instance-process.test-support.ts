/**
 * One token-service instance as its own process, for the multi-process test: opens the SQLite
 * store named by `WXMP_TOKEN_STORE`, asks for the access_token from `WXMP_API_BASE`, prints
 * `token <value>` (or `error <code>`) and exits. Run with `node --conditions=@wxmp/source
 * --import tsx`.
 */
import { createTokenService } from './service.js'
import { openSqliteTokenStore } from './store/sqlite-store.js'

const env = (name: string): string => {
  const value = process.env[name]
  if (value === undefined) throw new Error(`${name} is not set`)
  return value
}

const store = openSqliteTokenStore(env('WXMP_TOKEN_STORE'))
const service = createTokenService({
  accounts: [{ appid: env('WXMP_APPID'), secret: env('WXMP_SECRET') }],
  store,
  apiBase: env('WXMP_API_BASE'),
  activeTimers: false,
  lock: { ttlMs: Number(env('WXMP_LOCK_TTL_MS')) },
  upstreamTimeoutMs: Number(env('WXMP_LOCK_TTL_MS')) / 2,
  waitTimeoutMs: 20_000,
})
process.stdout.write('started\n')
try {
  const token = await service.accessToken(env('WXMP_APPID'))
  process.stdout.write(`token ${token.value}\n`)
} catch (err) {
  process.stdout.write(`error ${(err as { code?: string }).code ?? String(err)}\n`)
} finally {
  await service.close()
  await store.close()
}
