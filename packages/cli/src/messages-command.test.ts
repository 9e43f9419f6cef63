import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultMessageLogFile, openSqliteMessageLog, type MessageLogEntry } from '@wxmp/webhook'
import { startCli } from './run-cli.test-support.js'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'wxmp-messages-'))
  dirs.push(dir)
  return dir
}

const entry = (i: number, over: Partial<MessageLogEntry> = {}): MessageLogEntry => ({
  at: Date.UTC(2026, 0, 1, 0, 0, i),
  appid: 'wx0123456789abcdef',
  key: `msg:2400000000000000000${i}`,
  kind: 'text',
  fromUser: i % 2 === 0 ? 'oFanEven' : 'oFanOdd',
  toUser: 'gh_0123456789ab',
  mode: 'plain',
  request: `<xml><Content><![CDATA[问 ${i}]]></Content></xml>`,
  reply: `<xml><Content><![CDATA[答 ${i}]]></Content></xml>`,
  outcome: 'replied',
  durationMs: 1.25,
  ...over,
})

/** A data dir whose message log holds entries 1..5 (what `wxmp webhook` would have written). */
async function seeded(): Promise<string> {
  const dir = tempDataDir()
  const log = openSqliteMessageLog({ file: defaultMessageLogFile(dir) })
  for (let i = 1; i <= 5; i++) log.append(entry(i))
  log.append(entry(6, { kind: 'event.CLICK', outcome: 'error', error: 'handler threw' }))
  await log.close()
  return dir
}

async function run(args: string[], env: Record<string, string> = {}) {
  const cli = startCli(['messages', ...args], env)
  const code = await cli.exited
  return { code, out: cli.stdout(), err: cli.stderr() }
}

describe('wxmp messages', () => {
  it('prints the newest entries first, one line each, with the error of a failed one', async () => {
    const dir = await seeded()
    const { code, out } = await run(['--data-dir', dir, '--limit', '3'])
    expect(code).toBe(0)
    const lines = out.trim().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe(
      '2026-01-01T00:00:06.000Z  wx0123456789abcdef  oFanEven  event.CLICK  msg:24000000000000000006  plain  error  1.3ms  error: handler threw',
    )
    expect(lines[2]).toContain('msg:24000000000000000004')
  })

  it('filters by fan, kind and time, and prints whole entries as JSON lines', async () => {
    const dir = await seeded()
    const { code, out } = await run(
      ['--from', 'oFanOdd', '--kind', 'text', '--before', '2026-01-01T00:00:05Z', '--json'],
      { WXMP_DATA_DIR: dir },
    )
    expect(code).toBe(0)
    const found = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as MessageLogEntry)
    expect(found.map((e) => e.key)).toEqual([
      'msg:24000000000000000003',
      'msg:24000000000000000001',
    ])
    expect(found[0]).toMatchObject({ request: entry(3).request, reply: entry(3).reply })
  })

  it('says where it looked, and creates nothing, when there is no log', async () => {
    const dir = join(tempDataDir(), 'nowhere')
    const { code, err } = await run(['--data-dir', dir])
    expect(code).toBe(2)
    expect(err).toContain(`no message log at ${join(dir, 'messages.sqlite')}`)
    expect(existsSync(dir)).toBe(false)
  })

  it('refuses a bad --limit or --before with exit 2, naming the flag', async () => {
    const dir = await seeded()
    for (const [flag, value] of [
      ['--limit', '0'],
      ['--limit', '10001'],
      ['--before', 'yesterday'],
    ] as const) {
      const { code, err } = await run(['--data-dir', dir, flag, value])
      expect(code, `${flag} ${value}`).toBe(2)
      expect(err).toContain(flag)
    }
  })
})
