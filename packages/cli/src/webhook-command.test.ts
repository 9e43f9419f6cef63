import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parseXml } from '@wxmp/core'
import { buildPush, createMessageCipher, openReply } from '@wxmp/crypto'
import { listeningOrigin, startCli, type CliProcess } from './run-cli.test-support.js'
import { startTestRedis, type TestRedis } from '@wxmp/core/testing'

const ACCOUNT = {
  appid: 'wx0123456789abcdef',
  token: 'cliToken2024',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
}
const started: CliProcess[] = []
afterEach(() => {
  for (const c of started.splice(0)) if (c.child.exitCode === null) c.child.kill('SIGKILL')
})

function text(content: string, msgId: string): string {
  return `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[oFan]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
}

async function post(
  origin: string,
  path: string,
  push: { query: string; body: string },
): Promise<{ status: number; body: string }> {
  const res = await fetch(`${origin}${path}?${push.query}`, {
    method: 'POST',
    body: push.body,
    headers: { 'content-type': 'text/xml' },
  })
  return { status: res.status, body: await res.text() }
}

function dataDir(): string {
  return mkdtempSync(join(tmpdir(), 'wxmp-cli-'))
}

describe('wxmp webhook', () => {
  it('serves the echo example from WXMP_* settings, logs a line per request without secrets, and exits 0 on SIGTERM', async () => {
    const cli = startCli(['webhook', '--example', 'echo', '--port', '0', '--data-dir', dataDir()], {
      WXMP_APPID: ACCOUNT.appid,
      WXMP_TOKEN: ACCOUNT.token,
      WXMP_AES_KEY: ACCOUNT.aesKey,
    })
    started.push(cli)
    const origin = await listeningOrigin(cli)

    const plain = await post(
      origin,
      '/wx',
      buildPush({ token: ACCOUNT.token, mode: 'plain', xml: text('你问我答', '1') }),
    )
    expect((parseXml(plain.body).xml as Record<string, string>).Content).toBe('你问我答')
    const safe = await post(
      origin,
      '/wx',
      buildPush({
        token: ACCOUNT.token,
        appId: ACCOUNT.appid,
        aesKey: ACCOUNT.aesKey,
        mode: 'safe',
        xml: text('安全', '2'),
      }),
    )
    const opened = openReply(
      createMessageCipher({ appId: ACCOUNT.appid, aesKey: ACCOUNT.aesKey }),
      ACCOUNT.token,
      safe.body,
    )
    expect((parseXml(opened).xml as Record<string, string>).Content).toBe('安全')
    expect(
      (await post(origin, '/wx', { query: 'signature=bad&timestamp=1&nonce=1', body: '<xml/>' }))
        .status,
    ).toBe(401)

    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
    const logLines = cli
      .stdout()
      .split('\n')
      .filter((l) => l.startsWith('{'))
    const requests = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.path === '/wx')
    expect(requests).toHaveLength(3)
    expect(requests.map((r) => r.status)).toEqual([200, 200, 401])
    const logs = logLines.join('\n')
    expect(logs).not.toContain(ACCOUNT.aesKey)
    expect(logs).not.toContain(ACCOUNT.token)
    expect(logs).not.toContain('signature=')
  })

  it('serves a user app written in TypeScript with --app', async () => {
    const cli = startCli(
      [
        'webhook',
        '--app',
        join(import.meta.dirname, 'fixtures/my-bot.ts'),
        '--port',
        '0',
        '--message-log',
        'off',
        '--log-level',
        'silent',
      ],
      {
        WXMP_APPID: ACCOUNT.appid,
        WXMP_TOKEN: ACCOUNT.token,
      },
    )
    started.push(cli)
    const origin = await listeningOrigin(cli, 20_000)
    const res = await post(
      origin,
      `/wx/${ACCOUNT.appid}`,
      buildPush({ token: ACCOUNT.token, mode: 'plain', xml: text('PING', '3') }),
    )
    expect((parseXml(res.body).xml as Record<string, string>).Content).toBe('pong from my-bot')
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })

  it('starts a demo account when nothing is configured (what npm start runs) and keeps it across restarts', async () => {
    const dir = dataDir()
    const cli = startCli([
      'webhook',
      '--example',
      'echo',
      '--demo',
      '--port',
      '0',
      '--data-dir',
      dir,
    ])
    started.push(cli)
    await listeningOrigin(cli)
    const demo = JSON.parse(readFileSync(join(dir, 'demo-account.json'), 'utf8')) as {
      appid: string
      token: string
    }
    expect(cli.stdout()).toContain(`token ${demo.token}`)
    expect(cli.stdout()).toContain(`/wx/${demo.appid}`)
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)

    const again = startCli([
      'webhook',
      '--example',
      'echo',
      '--demo',
      '--port',
      '0',
      '--data-dir',
      dir,
    ])
    started.push(again)
    await listeningOrigin(again)
    expect(again.stdout()).toContain(`token ${demo.token}`)
    again.child.kill('SIGTERM')
    await again.exited
  })

  it('exits 2 with the field and the fix named when the configuration is wrong, without echoing secrets', async () => {
    const badKey = ACCOUNT.aesKey.slice(0, 42)
    const cli = startCli(['webhook', '--example', 'echo', '--port', '0'], {
      WXMP_APPID: ACCOUNT.appid,
      WXMP_TOKEN: ACCOUNT.token,
      WXMP_AES_KEY: badKey,
    })
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toMatch(/aesKey/)
    expect(cli.stderr()).toMatch(/43/)
    expect(cli.stderr()).not.toContain(badKey)
  })

  it('exits 2 for an unknown example', async () => {
    const cli = startCli(['webhook', '--example', 'nope', '--port', '0'], {
      WXMP_APPID: ACCOUNT.appid,
      WXMP_TOKEN: ACCOUNT.token,
    })
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toContain('unknown example "nope"')
  })

  it('exits 2 for an unknown --transport, naming the choices', async () => {
    const cli = startCli(['webhook', '--example', 'echo', '--transport', 'uws', '--port', '0'], {
      WXMP_APPID: ACCOUNT.appid,
      WXMP_TOKEN: ACCOUNT.token,
    })
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toContain('--transport: "uws" is not one of fast, node')
  })
})

describe('wxmp webhook with WXMP_REDIS_URL', () => {
  let redis: TestRedis
  beforeAll(async () => {
    redis = await startTestRedis()
  })
  afterAll(() => redis.stop())

  it('keeps retries in Redis, so a re-send to a second instance gets the first instance’s reply', async () => {
    const env = {
      WXMP_APPID: ACCOUNT.appid,
      WXMP_TOKEN: ACCOUNT.token,
      WXMP_AES_KEY: ACCOUNT.aesKey,
      WXMP_REDIS_URL: redis.url,
    }
    const args = ['webhook', '--app', join(import.meta.dirname, 'fixtures/pid-bot.ts')]
    const flags = ['--port', '0', '--message-log', 'off', '--log-level', 'silent']
    const one = startCli([...args, ...flags], env)
    const two = startCli([...args, ...flags], env)
    started.push(one, two)
    const [first, second] = [await listeningOrigin(one, 20_000), await listeningOrigin(two, 20_000)]
    const host = new URL(redis.url).host
    expect(one.stdout()).toContain(`retries and replays remembered in redis ${host}`)

    const push = buildPush({
      token: ACCOUNT.token,
      appId: ACCOUNT.appid,
      aesKey: ACCOUNT.aesKey,
      mode: 'safe',
      xml: text('两台', '31'),
    })
    const cipher = createMessageCipher({ appId: ACCOUNT.appid, aesKey: ACCOUNT.aesKey })
    const answer = await post(first, '/wx', push)
    expect(answer.status).toBe(200)
    const content = (
      parseXml(openReply(cipher, ACCOUNT.token, answer.body)).xml as Record<string, string>
    ).Content
    expect(content).toBe(`handled by ${one.child.pid}`)
    // WeChat's re-send of the same push, landing on the other instance.
    const resent = await post(second, '/wx', push)
    expect(resent).toEqual(answer)
    const keys = await redis.command(`KEYS wxmp:webhook:{${ACCOUNT.appid}}:*`)
    expect(keys).toContain(`wxmp:webhook:{${ACCOUNT.appid}}:req:`)
    expect(keys).toContain(`wxmp:webhook:{${ACCOUNT.appid}}:msg:msg:31`)

    one.child.kill('SIGTERM')
    two.child.kill('SIGTERM')
    expect(await one.exited).toBe(0)
    expect(await two.exited).toBe(0)
  })

  it('refuses to start (exit 2) when WXMP_REDIS_URL does not answer, naming the host and not the password', async () => {
    const port = await closedPort()
    const cli = startCli(['webhook', '--example', 'echo', '--port', '0', '--message-log', 'off'], {
      WXMP_APPID: ACCOUNT.appid,
      WXMP_TOKEN: ACCOUNT.token,
      WXMP_REDIS_URL: `redis://:hunter2secret@127.0.0.1:${port}`,
    })
    started.push(cli)
    expect(await cli.exited).toBe(2)
    expect(cli.stderr()).toContain(
      `Redis at 127.0.0.1:${port} does not answer (connect ECONNREFUSED`,
    )
    expect(cli.stderr()).not.toContain('hunter2secret')
    expect(cli.stdout()).not.toContain('listening')
  })

  it('says it remembers retries in this process when no Redis is configured', async () => {
    const cli = startCli(['webhook', '--example', 'echo', '--port', '0', '--message-log', 'off'], {
      WXMP_APPID: ACCOUNT.appid,
      WXMP_TOKEN: ACCOUNT.token,
    })
    started.push(cli)
    await listeningOrigin(cli)
    expect(cli.stdout()).toContain('retries and replays remembered in this process')
    cli.child.kill('SIGTERM')
    expect(await cli.exited).toBe(0)
  })
})

/** A loopback port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
