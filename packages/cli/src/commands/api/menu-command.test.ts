import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startUpstream, stdoutJson, tempDir, wxmp } from '../../api/api.test-support.js'
import type { Upstream } from '../../api/api.test-support.js'

let up: Upstream
beforeEach(async () => {
  up = await startUpstream()
})
afterEach(async () => {
  await up.close()
})

const MENU = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'https://www.soso.com/' },
        { type: 'click', name: '赞一下', key: 'V1001_GOOD' },
      ],
    },
  ],
}

describe('wxmp menu', () => {
  it('refuses a bad menu file with every problem and its path, exit 2, without calling WeChat', async () => {
    const dir = tempDir()
    const bad = join(dir, 'bad.json')
    writeFileSync(
      bad,
      JSON.stringify({
        button: [
          { type: 'click', name: '这是一个非常长的按钮名称', key: 'K' },
          { name: '组', sub_button: [{ type: 'teleport', name: 'x' }] },
        ],
      }),
    )
    const run = await wxmp(['menu', 'push', bad], up.env)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('2 problem(s), nothing was sent')
    expect(run.stderr).toMatch(/button\[0\]\.name: \d+ bytes, at most 16 \(errcode 40018\)/)
    expect(run.stderr).toMatch(
      /button\[1\]\.sub_button\[0\]\.type: unknown button type "teleport" \(errcode 40024\)/,
    )
    expect(run.stdout).toBe('')

    const notJson = join(dir, 'menu.txt')
    writeFileSync(notJson, '{"button": [')
    const broken = await wxmp(['menu', 'push', notJson], up.env)
    expect(broken.code).toBe(2)
    expect(broken.stderr).toContain('not JSON')
    const missing = await wxmp(['menu', 'push', join(dir, 'nope.json')], up.env)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('cannot read it (ENOENT)')
    // Nothing reached WeChat, not even a token request.
    expect(up.emulator.stats().calls).toEqual({})
  })

  it('pushes a menu, shows it (text and JSON), deletes it, then reports 46003 with exit 1', async () => {
    const file = join(tempDir(), 'menu.json')
    writeFileSync(file, JSON.stringify(MENU))
    const pushed = await wxmp(['menu', 'push', file], up.env)
    expect(pushed.stderr).toBe('')
    expect(pushed.code).toBe(0)
    expect(pushed.stdout).toContain('menu pushed: 2 top-level button(s)')
    expect(up.calls('/cgi-bin/menu/create')).toBe(1)

    const text = await wxmp(['menu', 'get'], up.env)
    expect(text.code).toBe(0)
    expect(text.stdout.split('\n')).toEqual([
      '今日歌曲 [click] key=V1001_TODAY_MUSIC',
      '菜单',
      '  搜索 [view] url=https://www.soso.com/',
      '  赞一下 [click] key=V1001_GOOD',
      '',
    ])

    const json = await wxmp(['menu', 'get', '--json'], up.env)
    expect(json.code).toBe(0)
    const answer = stdoutJson<{ menu: { button: { name: string }[] } }>(json)
    expect(answer.menu.button.map((b) => b.name)).toEqual(['今日歌曲', '菜单'])

    // What `menu get --json` printed can be pushed back as it is.
    const again = join(tempDir(), 'fetched.json')
    writeFileSync(again, json.stdout)
    const repushed = await wxmp(['menu', 'push', again], up.env)
    expect(repushed.code).toBe(0)
    expect(up.calls('/cgi-bin/menu/create')).toBe(2)

    const deleted = await wxmp(['menu', 'delete'], up.env)
    expect(deleted.code).toBe(0)
    expect(deleted.stdout).toBe('menu deleted\n')

    const gone = await wxmp(['menu', 'get', '--json'], up.env)
    expect(gone.code).toBe(1)
    expect(gone.stdout).toBe('')
    expect(gone.stderr).toMatch(/menu\.get: errcode 46003 MENU_NOT_FOUND/)
  })
})
