import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { devUrls, portClosed, portOf } from './dev/dev-cli.test-support.js'
import { startCli, type CliProcess } from './run-cli.test-support.js'

const started: CliProcess[] = []
afterEach(() => {
  for (const c of started.splice(0)) if (c.child.exitCode === null) c.child.kill('SIGKILL')
})

function dataDir(): string {
  return mkdtempSync(join(tmpdir(), 'wxmp-dev-'))
}

function dev(args: string[], env: Record<string, string> = {}): CliProcess {
  const cli = startCli(['dev', '--port-base', '0', '--log-level', 'silent', ...args], env)
  started.push(cli)
  return cli
}

interface Report {
  acknowledged: boolean
  reply: { type: string; Content?: string; Image?: { MediaId: string } } | null
  message: { MediaId?: string }
}

async function push(emulator: string, body: unknown): Promise<Report> {
  const res = await fetch(`${emulator}/__emulator/push`, {
    method: 'POST',
    body: JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Report
}

function saved<T>(dir: string, file: string): T {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as T
}

async function accessToken(token: string, key: string, appid: string): Promise<string> {
  const res = await fetch(`${token}/v1/accounts/${appid}/access-token`, {
    headers: { authorization: `Bearer ${key}` },
  })
  const body = (await res.json()) as { access_token?: string }
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body.access_token ?? ''
}

async function stopped(cli: CliProcess, urls: string[]): Promise<void> {
  cli.child.kill('SIGINT')
  expect(await cli.exited).toBe(0)
  for (const url of urls) expect(await portClosed(portOf(url))).toBe(true)
}

describe('wxmp dev', () => {
  it('runs webhook, emulator, token service and proxy in one process: a fan’s message comes back from the echo app', async () => {
    const dir = dataDir()
    const began = Date.now()
    const cli = dev(['--data-dir', dir])
    const urls = await devUrls(cli)
    expect(Date.now() - began).toBeLessThan(5000)
    const emulator = urls.emulator ?? ''
    expect(emulator).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const demo = saved<{ appid: string; token: string; secret: string }>(dir, 'demo-account.json')
    const client = saved<{ key: string }>(dir, 'dev-client.json')
    const out = cli.stdout()
    expect(out).toContain(`AppID           ${demo.appid}`)
    expect(out).toContain(`Token           ${demo.token}`)
    expect(out).toContain(`webhook URL     ${urls.webhook}/${demo.appid}`)
    expect(out).toContain(`client key      ${client.key}`)
    expect(out).toContain(`npx wxmp chat --emulator ${emulator}`)

    // 你问我答: the emulator pushes (encrypted, the demo account is in safe mode) to the webhook.
    const text = await push(emulator, { message: { MsgType: 'text', Content: '你问我答' } })
    expect(text.reply).toEqual({ type: 'text', Content: '你问我答' })
    // 图尚往来: the same picture comes back by its MediaId.
    const image = await push(emulator, { message: { MsgType: 'image' } })
    expect(image.reply?.Image?.MediaId).toBe(image.message.MediaId)
    expect(existsSync(join(dir, 'messages.sqlite'))).toBe(true)

    // The token service fetched the token from the emulator, which accepts it.
    const token = await accessToken(urls.token, client.key, demo.appid)
    const users = (await (
      await fetch(`${emulator}/cgi-bin/user/get?access_token=${token}`)
    ).json()) as { total?: number; errcode?: number }
    expect(users.errcode).toBeUndefined()
    expect(users.total).toBe(4)
    const stats = (await (await fetch(`${emulator}/__emulator/stats`)).json()) as {
      calls: Record<string, number>
    }
    expect(stats.calls['/cgi-bin/stable_token']).toBe(1)

    // The proxy calls WeChat with the client key alone, on the token service's token.
    const viaProxy = (await (
      await fetch(`${urls.proxy}/cgi-bin/user/get`, {
        headers: { authorization: `Bearer ${client.key}` },
      })
    ).json()) as { total?: number }
    expect(viaProxy.total).toBe(4)
    const after = (await (await fetch(`${emulator}/__emulator/stats`)).json()) as {
      calls: Record<string, number>
    }
    expect(after.calls['/cgi-bin/stable_token']).toBe(1)

    await stopped(cli, [urls.webhook, emulator, urls.token, urls.proxy])
  })

  it('keeps the platform and the stored tokens in step across a restart', async () => {
    const dir = dataDir()
    const first = dev(['--data-dir', dir])
    const before = await devUrls(first)
    const demo = saved<{ appid: string }>(dir, 'demo-account.json')
    const { key } = saved<{ key: string }>(dir, 'dev-client.json')
    const token = await accessToken(before.token, key, demo.appid)
    const fans = await (await fetch(`${before.emulator}/__emulator/fans`)).text()
    await stopped(first, [before.webhook, before.emulator ?? '', before.token])

    const second = dev(['--data-dir', dir])
    const after = await devUrls(second)
    expect(second.stdout()).toContain('(restored)')
    expect(await accessToken(after.token, key, demo.appid)).toBe(token)
    expect(await (await fetch(`${after.emulator}/__emulator/fans`)).text()).toBe(fans)
    const users = (await (
      await fetch(`${after.emulator}/cgi-bin/user/get?access_token=${token}`)
    ).json()) as { errcode?: number }
    expect(users.errcode).toBeUndefined()
    await stopped(second, [after.webhook, after.emulator ?? '', after.token])
  })

  it('with --no-snapshot forgets the platform and keeps tokens in memory only', async () => {
    const dir = dataDir()
    const cli = dev(['--data-dir', dir, '--no-snapshot'])
    const urls = await devUrls(cli)
    expect(cli.stdout()).toContain('state in memory only')
    expect(cli.stdout()).toContain('store in memory')
    await stopped(cli, [urls.webhook, urls.emulator ?? '', urls.token])
    expect(existsSync(join(dir, 'emulator-snapshot.sqlite'))).toBe(false)
    expect(existsSync(join(dir, 'tokens.sqlite'))).toBe(false)
  })

  it('takes its upstream from WXMP_API_BASE alone: no emulator starts, tokens come from there', async () => {
    const dir = dataDir()
    // A standalone emulator: the same demo account, since it shares the data dir.
    const upstream = startCli(['emulator', '--port', '0', '--data-dir', dir])
    started.push(upstream)
    const limit = Date.now() + 10_000
    let api: string | undefined
    while (api === undefined && Date.now() < limit) {
      api = /listening on (http:\/\/\S+)/.exec(upstream.stdout())?.[1]
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const cli = dev(['--data-dir', dir], { WXMP_API_BASE: api ?? '' })
    const urls = await devUrls(cli)
    expect(urls.emulator).toBeUndefined()
    expect(cli.stdout()).toContain(`upstream  ${api} (from WXMP_API_BASE)`)
    const demo = saved<{ appid: string }>(dir, 'demo-account.json')
    const { key } = saved<{ key: string }>(dir, 'dev-client.json')
    await accessToken(urls.token, key, demo.appid)
    const stats = (await (await fetch(`${api}/__emulator/stats`)).json()) as {
      calls: Record<string, number>
    }
    expect(stats.calls['/cgi-bin/stable_token']).toBe(1)
    await stopped(cli, [urls.webhook, urls.token])
    upstream.child.kill('SIGTERM')
    await upstream.exited
  })

  it('for a real account prints the URL and Token for 基本配置, never the AppSecret or EncodingAESKey', async () => {
    const account = {
      WXMP_APPID: 'wx0123456789abcdef',
      WXMP_SECRET: 'S3cretS3cretS3cretS3cretS3cret12',
      WXMP_TOKEN: 'realToken2024',
      WXMP_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
    }
    const cli = dev(['--data-dir', dataDir(), '--host', '0.0.0.0'], {
      ...account,
      WXMP_API_BASE: 'https://api.weixin.qq.com',
    })
    const urls = await devUrls(cli)
    const out = cli.stdout()
    expect(urls.webhook).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/wx$/)
    expect(out).toContain(`URL             https://<your public host>/wx/${account.WXMP_APPID}`)
    expect(out).toContain(`Token           ${account.WXMP_TOKEN}`)
    expect(out).toContain('IP白名单')
    expect(out).not.toContain(account.WXMP_SECRET)
    expect(out).not.toContain(account.WXMP_AES_KEY)
    await stopped(cli, [urls.webhook, urls.token])
  })

  it('serves the user’s app with --app', async () => {
    const cli = dev([
      '--data-dir',
      dataDir(),
      '--app',
      join(import.meta.dirname, 'fixtures/my-bot.ts'),
    ])
    const urls = await devUrls(cli, 20_000)
    const report = await push(urls.emulator ?? '', {
      message: { MsgType: 'text', Content: 'ping' },
    })
    expect(report.reply).toEqual({ type: 'text', Content: 'pong from my-bot' })
    await stopped(cli, [urls.webhook, urls.emulator ?? '', urls.token])
  })

  it('exits 2 naming the flag when a port is taken, leaving no role running', async () => {
    const blocker = createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const { port } = blocker.address() as AddressInfo
    try {
      const cli = dev(['--data-dir', dataDir(), '--token-port', String(port)])
      expect(await cli.exited).toBe(2)
      expect(cli.stderr()).toContain(`the token cannot listen on port ${port}: it is in use`)
      expect(cli.stderr()).toContain('--token-port')
    } finally {
      blocker.close()
    }
  })
})
