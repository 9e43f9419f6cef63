import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A generated account for trying wxmp without a real one. */
export interface DemoAccount {
  appid: string
  token: string
  aesKey: string
  originalId: string
  secret: string
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function alnum(n: number): string {
  const bytes = randomBytes(n)
  let out = ''
  for (const b of bytes) out += ALNUM[b % ALNUM.length]
  return out
}

/**
 * The demo account of a data directory: generated once and kept in `demo-account.json`, so the
 * URL and token a developer pasted somewhere stay valid across restarts.
 */
export function demoAccount(dataDir: string): DemoAccount {
  const file = join(dataDir, 'demo-account.json')
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as DemoAccount
    if (saved.appid && saved.token && saved.aesKey) return saved
  } catch {
    // missing or unreadable: make a new one
  }
  const account: DemoAccount = {
    appid: 'wx' + randomBytes(8).toString('hex'),
    token: alnum(24),
    aesKey: alnum(43),
    originalId: 'gh_' + randomBytes(6).toString('hex'),
    secret: randomBytes(16).toString('hex'),
  }
  mkdirSync(dataDir, { recursive: true })
  writeFileSync(file, JSON.stringify(account, null, 2) + '\n', { mode: 0o600 })
  return account
}
