import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { createServer } from 'node:http'
import { get } from 'node:https'
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
    const m = /wxmp emulator listening on (https?:\/\/\S+)/.exec(cli.stdout())
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

  it('serves HTTPS with --tls, saving the certificate clients must trust', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-emu-'))
    const cli = startCli(['emulator', '--port', '0', '--data-dir', dir, '--tls'])
    started.push(cli)
    const origin = await emulatorOrigin(cli)
    expect(origin).toMatch(/^https:/)
    const certPath = join(dir, 'emulator-tls', 'cert.pem')
    expect(cli.stdout()).toContain(`NODE_EXTRA_CA_CERTS=${certPath}`)
    const ca = readFileSync(certPath, 'utf8')
    const stats = await new Promise<string>((resolve, reject) => {
      get(`${origin}/__emulator/stats`, { ca }, (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolve(text))
      }).on('error', reject)
    })
    expect(JSON.parse(stats)).toEqual({ calls: {} })
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('pushes a fan message to --push-url, signed with the account token', async () => {
    const received: { url: string; body: string }[] = []
    const webhook = createServer((request, response) => {
      let body = ''
      request.setEncoding('utf8')
      request.on('data', (chunk: string) => (body += chunk))
      request.on('end', () => {
        received.push({ url: request.url ?? '', body })
        response.end('success')
      })
    })
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve))
    const { port } = webhook.address() as { port: number }
    try {
      const dir = mkdtempSync(join(tmpdir(), 'wxmp-emu-'))
      const pushUrl = `http://127.0.0.1:${port}/hook`
      const cli = startCli(['emulator', '--port', '0', '--data-dir', dir, '--push-url', pushUrl])
      started.push(cli)
      const origin = await emulatorOrigin(cli)
      expect(cli.stdout()).toContain(`go to ${pushUrl}`)
      const answer = await fetch(`${origin}/__emulator/push`, {
        method: 'POST',
        body: JSON.stringify({ message: { MsgType: 'text', Content: '你好' } }),
      })
      expect(answer.status).toBe(200)
      expect(((await answer.json()) as { acknowledged: boolean }).acknowledged).toBe(true)
      expect(received).toHaveLength(1)
      expect(received[0]?.url).toMatch(/^\/hook\?signature=[0-9a-f]{40}&timestamp=\d+&nonce=/)
      // The demo account is in safe mode: the message travels encrypted.
      expect(received[0]?.url).toContain('encrypt_type=aes&msg_signature=')
      expect(received[0]?.body).toMatch(
        /^<xml><ToUserName><!\[CDATA\[gh_[0-9a-f]{12}\]\]><\/ToUserName><Encrypt>/,
      )
      cli.child.kill('SIGTERM')
      expect(await cli.exited).toBe(0)
    } finally {
      webhook.close()
    }
  })

  it('keeps the state in --snapshot across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-emu-'))
    const file = join(dir, 'state', 'emulator.sqlite')
    const args = ['emulator', '--port', '0', '--data-dir', dir, '--snapshot', file]
    const first = startCli(args)
    started.push(first)
    let origin = await emulatorOrigin(first)
    expect(first.stdout()).toContain(`state persists in ${file} (new snapshot)`)
    const demo = JSON.parse(readFileSync(join(dir, 'demo-account.json'), 'utf8')) as {
      appid: string
      secret: string
    }
    const { access_token } = (await (
      await fetch(
        `${origin}/cgi-bin/token?grant_type=client_credential&appid=${demo.appid}&secret=${demo.secret}`,
      )
    ).json()) as { access_token: string }
    const created = (await (
      await fetch(`${origin}/cgi-bin/tags/create?access_token=${access_token}`, {
        method: 'POST',
        body: JSON.stringify({ tag: { name: '重启后还在' } }),
      })
    ).json()) as { tag: { id: number } }
    // SIGTERM right away: the last save happens on the way out, not a second later.
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)

    const second = startCli(args)
    started.push(second)
    origin = await emulatorOrigin(second)
    expect(second.stdout()).toContain(
      `state persists in ${file} (restored the snapshot of ${new Date().getUTCFullYear()}-`,
    )
    // The same token still works, and the tag is there.
    const tags = (await (
      await fetch(`${origin}/cgi-bin/tags/get?access_token=${access_token}`)
    ).json()) as { tags: { id: number; name: string }[] }
    expect(tags.tags).toContainEqual({ id: created.tag.id, name: '重启后还在', count: 0 })
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
  })

  it('refuses a --snapshot file that is not a snapshot (exit 2), leaving it alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-emu-'))
    const file = join(dir, 'notes.sqlite')
    writeFileSync(file, 'not a database at all, just some notes\n'.repeat(50))
    const cli = startCli(['emulator', '--port', '0', '--data-dir', dir, '--snapshot', file])
    started.push(cli)
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toContain(`--snapshot: ${file} is not a readable emulator snapshot`)
    expect(readFileSync(file, 'utf8')).toBe('not a database at all, just some notes\n'.repeat(50))
  })

  it('uses <data-dir>/emulator-snapshot.sqlite for --snapshot without a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wxmp-emu-'))
    const cli = startCli(['emulator', '--port', '0', '--data-dir', dir, '--snapshot'])
    started.push(cli)
    await emulatorOrigin(cli)
    expect(cli.stdout()).toContain(
      `state persists in ${join(dir, 'emulator-snapshot.sqlite')} (new snapshot)`,
    )
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('refuses a --push-url that is not http(s), naming an example', async () => {
    const cli = startCli(['emulator', '--port', '0', '--push-url', 'ftp://x/wx'])
    started.push(cli)
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toContain('--push-url: "ftp://x/wx" is not an http:// or https:// URL')
  })
})
