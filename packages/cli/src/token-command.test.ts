import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEmulator, serveEmulator } from '@wxmp/emulator'
import type { ServedEmulator } from '@wxmp/emulator'
import { afterEach, describe, expect, it } from 'vitest'
import { listeningOrigin, startCli, type CliProcess } from './run-cli.test-support.js'

const APPID = 'wx0123456789abcdef'
const SECRET = 'S3cretS3cretS3cretS3cretS3cret12'
const KEY = 'proxy-client-key-0001'

const started: CliProcess[] = []
let upstream: ServedEmulator | undefined
afterEach(async () => {
  for (const c of started.splice(0)) if (c.child.exitCode === null) c.child.kill('SIGKILL')
  await upstream?.close()
  upstream = undefined
})

function configFile(clients: unknown[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-token-'))
  const file = join(dir, 'wxmp.json')
  writeFileSync(
    file,
    JSON.stringify({
      accounts: [{ appid: APPID, secret: SECRET, token: 'wxmptoken' }],
      clients,
      dataDir: join(dir, 'data'),
    }),
  )
  return file
}

describe('wxmp token', () => {
  it('serves the account token to a client key, fetching it from upstream once', async () => {
    const emulator = createEmulator({
      accounts: [{ appid: APPID, secret: SECRET, token: 'wxmptoken', encryptMode: 'plain' }],
      seed: 5,
    })
    upstream = await serveEmulator(emulator)
    const config = configFile([{ name: 'app', key: KEY, accounts: [APPID], allow: ['token.get'] }])
    const cli = startCli(['token', '--port', '0', '--config', config], {
      WXMP_API_BASE: upstream.url,
    })
    started.push(cli)
    const origin = await listeningOrigin(cli)
    expect(cli.stdout()).toContain(`account ${APPID}`)
    expect(cli.stdout()).not.toContain(SECRET)

    const url = `${origin}/v1/accounts/${APPID}/access-token`
    const get = () => fetch(url, { headers: { authorization: `Bearer ${KEY}` } })
    const first = (await (await get()).json()) as { access_token: string; expires_at: number }
    const second = (await (await get()).json()) as { access_token: string }
    expect(first.access_token).toMatch(/^[\w-]{64,}$/)
    expect(second.access_token).toBe(first.access_token)
    expect(first.expires_at).toBeGreaterThan(Date.now() / 1000)
    expect(emulator.stats().calls['/cgi-bin/stable_token']).toBe(1)

    const anonymous = await fetch(url)
    expect(anonymous.status).toBe(401)
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('refuses to start without a client that may call it, naming the fix', async () => {
    const cli = startCli(['token', '--port', '0', '--config', configFile([])])
    started.push(cli)
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toContain('clients: no client may call the token service')
  })
})
