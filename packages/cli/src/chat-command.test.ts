import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, existsSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { devUrls } from './dev/dev-cli.test-support.js'
import { startCli, WXMP_BIN, type CliProcess } from './run-cli.test-support.js'

let stack: CliProcess
let emulator: string
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wxmp-chat-'))
  stack = startCli(['dev', '--port-base', '0', '--log-level', 'silent', '--data-dir', dir])
  emulator = (await devUrls(stack)).emulator ?? ''
})
afterAll(async () => {
  stack.child.kill('SIGINT')
  expect(await stack.exited).toBe(0)
})

/** `wxmp chat` with its input on a pipe (no terminal): answers arrive without prompts. */
function pipedChat(args: string[]): {
  write(line: string): void
  output(): string
  stderr(): string
  exited: Promise<number | string>
} {
  const child = spawn(process.execPath, [WXMP_BIN, 'chat', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  return {
    write: (line) => child.stdin.write(line + '\n'),
    output: () => out,
    stderr: () => err,
    exited: new Promise((resolve) =>
      child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
    ),
  }
}

async function until(what: string, read: () => string, timeoutMs = 10_000): Promise<void> {
  const limit = Date.now() + timeoutMs
  while (!read().includes(what)) {
    if (Date.now() > limit) throw new Error(`"${what}" never showed; got:\n${read()}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('wxmp chat in a terminal (tmux)', () => {
  it('sends what the fan types and shows the echo reply, then quits with exit 0', async () => {
    try {
      execFileSync('tmux', ['-V'], { stdio: 'ignore' })
    } catch {
      throw new Error(
        'tmux is missing: this test drives `wxmp chat` in a real terminal through tmux. Install it (apt-get install tmux); .ci/run does.',
      )
    }
    // A private tmux server, so nothing the developer runs in tmux is touched.
    const socket = `wxmp-chat-test-${process.pid}`
    const tmux = (...args: string[]): string =>
      execFileSync('tmux', ['-L', socket, '-u', ...args], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        // A UTF-8 locale for the CJK text; a terminal type even where CI sets none.
        env: {
          ...process.env,
          LANG: 'C.UTF-8',
          LC_ALL: 'C.UTF-8',
          TERM: process.env.TERM || 'xterm-256color',
        },
      })
    const exitFile = join(dir, 'chat-exit-code')
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
    const command = `${quote(process.execPath)} ${quote(WXMP_BIN)} chat --emulator ${quote(emulator)}; echo $? > ${quote(exitFile)}`
    tmux('new-session', '-d', '-s', 'chat', '-x', '160', '-y', '40', command)
    const pane = (): string => {
      try {
        return tmux('capture-pane', '-p', '-t', 'chat')
      } catch {
        return '' // the session ended
      }
    }
    try {
      // capture-pane drops trailing spaces: the prompt shows as "你 ›".
      await until('你 ›', pane)
      expect(pane()).toContain('chatting with wx')
      tmux('send-keys', '-t', 'chat', '-l', '你好 tmux')
      tmux('send-keys', '-t', 'chat', 'Enter')
      await until('公众号 › 你好 tmux', pane)
      tmux('send-keys', '-t', 'chat', '-l', '/click V1001')
      tmux('send-keys', '-t', 'chat', 'Enter')
      await until('event.CLICK delivered', pane)
      tmux('send-keys', '-t', 'chat', '-l', '/quit')
      tmux('send-keys', '-t', 'chat', 'Enter')
      await until('0', () => (existsSync(exitFile) ? readFileSync(exitFile, 'utf8') : ''))
      expect(readFileSync(exitFile, 'utf8').trim()).toBe('0')
    } finally {
      try {
        tmux('kill-server')
      } catch {
        // already gone with its last session
      }
    }
  })
})

describe('wxmp chat', () => {
  it('works on piped input too: commands, replies and plainly shown refusals', async () => {
    const chat = pipedChat(['--emulator', emulator])
    chat.write('hello')
    chat.write('/scan 42')
    chat.write('/location 23.1 113.3 广州塔')
    chat.write('/image /no/such/cat.jpg')
    chat.write('/bogus')
    chat.write('/quit')
    expect(await chat.exited).toBe(0)
    const out = chat.output()
    expect(out).toContain('公众号 › hello')
    expect(out).toContain('· event.SCAN delivered')
    expect(out).toContain('· location delivered')
    expect(out).toContain('✗ /image: cannot read /no/such/cat.jpg')
    expect(out).toContain('✗ unknown command /bogus')
    expect(out).not.toContain('你 › ')
    expect(out.trimEnd().endsWith('bye')).toBe(true)
  })

  it('shows what the account sends later, e.g. a customer-service message', async () => {
    const demo = JSON.parse(readFileSync(join(dir, 'demo-account.json'), 'utf8')) as {
      appid: string
      secret: string
    }
    const fans = (await (await fetch(`${emulator}/__emulator/fans`)).json()) as {
      fans: { openid: string; subscribed: boolean }[]
    }
    const fan = fans.fans.filter((f) => f.subscribed)[1]?.openid ?? ''
    const chat = pipedChat(['--emulator', emulator, '--openid', fan])
    chat.write('在吗')
    await until('公众号 › 在吗', chat.output)
    const { access_token } = (await (
      await fetch(
        `${emulator}/cgi-bin/token?grant_type=client_credential&appid=${demo.appid}&secret=${demo.secret}`,
      )
    ).json()) as { access_token: string }
    const sent = (await (
      await fetch(`${emulator}/cgi-bin/message/custom/send?access_token=${access_token}`, {
        method: 'POST',
        body: JSON.stringify({ touser: fan, msgtype: 'text', text: { content: '客服来了' } }),
      })
    ).json()) as { errcode: number }
    expect(sent.errcode).toBe(0)
    await until('公众号 › (客服消息) 客服来了', chat.output)
    chat.write('/quit')
    expect(await chat.exited).toBe(0)
  })

  it('shows a failed delivery plainly: what went wrong and what the fan sees', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    const broken = startCli([
      'emulator',
      '--port',
      '0',
      '--data-dir',
      mkdtempSync(join(tmpdir(), 'wxmp-chat-')),
      '--push-url',
      `http://127.0.0.1:${port}/wx`,
    ])
    try {
      await until('listening on', broken.stdout)
      const url = /listening on (http:\/\/\S+)/.exec(broken.stdout())?.[1] ?? ''
      const chat = pipedChat(['--emulator', url])
      chat.write('anyone there?')
      chat.write('/quit')
      expect(await chat.exited).toBe(0)
      expect(chat.output()).toContain('✗ delivery failed: ECONNREFUSED (4 attempts')
      expect(chat.output()).toContain('the fan sees: 该公众号暂时无法提供服务，请稍后再试')
      expect(chat.output()).toContain('nothing listens at the push URL')
    } finally {
      broken.child.kill('SIGTERM')
      await broken.exited
    }
  })

  it('exits 1 naming the fix when no emulator answers', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise((resolve) => closed.close(resolve))
    const chat = pipedChat(['--emulator', `http://127.0.0.1:${port}`])
    expect(await chat.exited).toBe(1)
    expect(chat.stderr()).toContain(`cannot reach the emulator at http://127.0.0.1:${port}`)
    expect(chat.stderr()).toContain('npx wxmp dev')
  })

  it('refuses an --openid the account does not know, listing its fans', async () => {
    const chat = pipedChat(['--emulator', emulator, '--openid', 'oNobody'])
    expect(await chat.exited).toBe(1)
    expect(chat.stderr()).toMatch(/has no fan oNobody; its fans: o/)
  })
})
