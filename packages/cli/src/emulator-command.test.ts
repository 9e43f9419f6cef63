import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startCli, type CliProcess } from './run-cli.test-support.js'

const started: CliProcess[] = []
afterEach(() => {
  for (const c of started.splice(0)) if (c.child.exitCode === null) c.child.kill('SIGKILL')
})

async function emulatorOrigin(cli: CliProcess): Promise<string> {
  const limit = Date.now() + 10_000
  for (;;) {
    const m = /wxmp emulator listening on (http:\/\/\S+)/.exec(cli.stdout())
    if (m) return m[1]!
    if (Date.now() > limit || cli.child.exitCode !== null)
      throw new Error(`the emulator did not start:\n${cli.stdout()}\n${cli.stderr()}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('wxmp emulator', () => {
  it('serves tokens for the demo account the webhook uses, counts calls, and exits 0 on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-emu-'))
    const cli = startCli(['emulator', '--port', '0', '--data-dir', dir, '--seed', '7'])
    started.push(cli)
    const origin = await emulatorOrigin(cli)
    const demo = JSON.parse(readFileSync(join(dir, 'demo-account.json'), 'utf8')) as {
      appid: string
      secret: string
    }
    expect(cli.stdout()).toContain(`account ${demo.appid}  secret ${demo.secret}`)

    const token = (await (
      await fetch(
        `${origin}/cgi-bin/token?grant_type=client_credential&appid=${demo.appid}&secret=${demo.secret}`,
      )
    ).json()) as { access_token?: string; expires_in?: number }
    expect(token.expires_in).toBe(7200)
    expect(typeof token.access_token).toBe('string')
    const wrong = (await (
      await fetch(
        `${origin}/cgi-bin/token?grant_type=client_credential&appid=${demo.appid}&secret=${'0'.repeat(32)}`,
      )
    ).json()) as { errcode?: number }
    expect(wrong.errcode).toBe(40001)
    const stats = (await (await fetch(`${origin}/__emulator/stats`)).json()) as {
      calls: Record<string, number>
    }
    expect(stats.calls['/cgi-bin/token']).toBe(2)

    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('refuses configured accounts without a secret, naming the fix', async () => {
    const cli = startCli(['emulator', '--port', '0'], {
      WXMP_APPID: 'wx0123456789abcdef',
      WXMP_TOKEN: 'abcToken',
    })
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toContain('WXMP_SECRET')
  })
})
