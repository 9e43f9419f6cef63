/**
 * Issue 6, acceptance 2: the API commands against the embedded stack `wxmp dev` runs — through
 * its API proxy with the printed client key, and straight at its emulator with the demo account —
 * each `--json` output parsing.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { JPEG, stdoutJson, tempDir, wxmp } from './api/api.test-support.js'
import { devUrls } from './dev/dev-cli.test-support.js'
import { startCli, type CliProcess } from './run-cli.test-support.js'

const started: CliProcess[] = []
afterEach(() => {
  for (const c of started.splice(0)) if (c.child.exitCode === null) c.child.kill('SIGKILL')
})

describe('the API commands against wxmp dev', () => {
  it('run through the stack’s proxy and against its emulator, --json parsing', async () => {
    const dir = tempDir()
    const dev = startCli(['dev', '--port-base', '0', '--log-level', 'silent', '--data-dir', dir])
    started.push(dev)
    const urls = await devUrls(dev)
    const demo = JSON.parse(readFileSync(join(dir, 'demo-account.json'), 'utf8')) as {
      appid: string
      secret: string
    }
    const { key } = JSON.parse(readFileSync(join(dir, 'dev-client.json'), 'utf8')) as {
      key: string
    }
    // Through the proxy: the command holds only the client key.
    const viaProxy = ['--proxy', urls.proxy, '--client-key', key, '--appid', demo.appid]
    const menuFile = join(dir, 'menu.json')
    writeFileSync(menuFile, JSON.stringify({ button: [{ type: 'click', name: '今日', key: 'K' }] }))
    const pushed = await wxmp(['menu', 'push', menuFile, ...viaProxy], {})
    expect(pushed.code, pushed.stderr).toBe(0)
    const menu = stdoutJson<{ menu: { button: { name: string }[] } }>(
      await wxmp(['menu', 'get', '--json', ...viaProxy], {}),
    )
    expect(menu.menu.button.map((button) => button.name)).toEqual(['今日'])
    const users = stdoutJson<{ total: number; openids: string[] }>(
      await wxmp(['users', 'list', '--json', ...viaProxy], {}),
    )
    expect(users.total).toBe(4)

    // Straight at the emulator, as an app holding the AppSecret would.
    const direct = {
      WXMP_API_BASE: urls.emulator ?? '',
      WXMP_APPID: demo.appid,
      WXMP_SECRET: demo.secret,
    }
    const photo = join(dir, 'photo.jpg')
    writeFileSync(photo, JPEG)
    const uploaded = stdoutJson<{ media_id: string }>(
      await wxmp(['media', 'upload', photo, '--json'], direct),
    )
    const copy = join(dir, 'copy.jpg')
    const got = await wxmp(['media', 'get', uploaded.media_id, '-o', copy], direct)
    expect(got.code, got.stderr).toBe(0)
    expect(readFileSync(copy)).toEqual(JPEG)
    const tags = stdoutJson<unknown>(await wxmp(['tags', 'list', '--json'], direct))
    expect(tags).toBeDefined()

    dev.child.kill('SIGINT')
    expect(await dev.exited).toBe(0)
  }, 60_000)
})
