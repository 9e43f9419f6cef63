import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ClientConfig } from '@wxmp/core'

/** The name of the client `wxmp dev` makes up when the configuration lists none. */
export const DEV_CLIENT_NAME = 'dev'

/**
 * The client key of a data directory's development stack: generated once and kept in
 * `dev-client.json` (owner-readable only), so scripts that use it keep working across restarts.
 * It may use every account and every endpoint: it exists only on a developer's machine.
 */
export function devClient(dataDir: string, appids: readonly string[]): ClientConfig {
  const file = join(dataDir, 'dev-client.json')
  let key: string | undefined
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as { key?: unknown }
    if (typeof saved.key === 'string' && /^\S{16,}$/.test(saved.key)) key = saved.key
  } catch {
    // missing or unreadable: make a new one
  }
  if (key === undefined) {
    key = 'dev_' + randomBytes(18).toString('base64url')
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, JSON.stringify({ name: DEV_CLIENT_NAME, key }, null, 2) + '\n', {
      mode: 0o600,
    })
  }
  return { name: DEV_CLIENT_NAME, key, accounts: [...appids], allow: ['*'] }
}
