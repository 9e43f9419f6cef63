/**
 * The API commands added last: conditional menus (`menu conditional add | delete`, `menu match`),
 * `material delete` and `users remark`, each against the emulator.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  APPID,
  JPEG,
  startUpstream,
  stdoutJson,
  tempDir,
  wxmp,
} from '../../api/api.test-support.js'
import type { Upstream } from '../../api/api.test-support.js'

let up: Upstream
beforeEach(async () => {
  up = await startUpstream()
})
afterEach(async () => {
  await up.close()
})

const follower = (up: Upstream): string =>
  up.emulator.fans.list(APPID).find((fan) => fan.subscribed)!.openid

const file = (name: string, json: unknown): string => {
  const path = join(tempDir(), name)
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json))
  return path
}

describe('wxmp menu conditional', () => {
  it('adds a menu for one tag, shows it to a tagged fan only, and deletes it', async () => {
    const fan = follower(up)
    const base = { button: [{ type: 'click', name: '普通', key: 'PLAIN' }] }
    expect((await wxmp(['menu', 'push', file('menu.json', base)], up.env)).code).toBe(0)
    const tag = stdoutJson<{ tag: { id: number } }>(
      await wxmp(['tags', 'create', 'vip', '--json'], up.env),
    ).tag.id
    expect((await wxmp(['tags', 'tag', String(tag), fan], up.env)).code).toBe(0)

    const vip = {
      button: [{ type: 'click', name: '会员', key: 'VIP' }],
      matchrule: { tag_id: String(tag) },
    }
    const added = await wxmp(['menu', 'conditional', 'add', file('vip.json', vip)], up.env)
    expect(added.code).toBe(0)
    const menuid = /menuid (\S+)/.exec(added.stdout)![1]!

    expect((await wxmp(['menu', 'match', fan], up.env)).stdout).toBe('会员 [click] key=VIP\n')
    const other = up.emulator.fans.create(APPID).openid
    expect((await wxmp(['menu', 'match', other], up.env)).stdout).toBe('普通 [click] key=PLAIN\n')
    expect((await wxmp(['menu', 'get'], up.env)).stdout).toContain(`conditional menu ${menuid}`)

    const deleted = await wxmp(['menu', 'conditional', 'delete', menuid], up.env)
    expect(deleted.code).toBe(0)
    expect((await wxmp(['menu', 'match', fan], up.env)).stdout).toBe('普通 [click] key=PLAIN\n')
    const again = await wxmp(['menu', 'conditional', 'delete', menuid], up.env)
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/errcode 65301 CONDITIONAL_MENU_NOT_FOUND/)
  })

  it('refuses a file without a match rule, or with bad buttons, exit 2, before calling WeChat', async () => {
    const noRule = await wxmp(
      [
        'menu',
        'conditional',
        'add',
        file('a.json', { button: [{ type: 'click', name: 'A', key: 'A' }] }),
      ],
      up.env,
    )
    expect(noRule.code).toBe(2)
    expect(noRule.stderr).toContain('"matchrule" must be an object with at least one of')
    const badButton = await wxmp(
      [
        'menu',
        'conditional',
        'add',
        file('b.json', { button: [{ type: 'teleport', name: 'B' }], matchrule: { sex: '1' } }),
      ],
      up.env,
    )
    expect(badButton.code).toBe(2)
    expect(badButton.stderr).toContain('unknown button type "teleport"')
    expect(up.emulator.stats().calls).toEqual({})
  })
})

describe('wxmp material delete', () => {
  it('deletes permanent material, which then is gone from the list and from WeChat', async () => {
    const image = join(tempDir(), 'photo.jpg')
    writeFileSync(image, JPEG)
    const uploaded = stdoutJson<{ media_id: string }>(
      await wxmp(['media', 'upload', image, '--permanent', '--json'], up.env),
    )
    const deleted = await wxmp(['material', 'delete', uploaded.media_id], up.env)
    expect(deleted.code).toBe(0)
    expect(deleted.stdout).toBe(`material ${uploaded.media_id} deleted\n`)
    const listed = stdoutJson<{ items: { media_id: string }[] }>(
      await wxmp(['material', 'list', '--json'], up.env),
    )
    expect(listed.items.map((i) => i.media_id)).not.toContain(uploaded.media_id)
    const twice = await wxmp(['material', 'delete', uploaded.media_id], up.env)
    expect(twice.code).toBe(1)
    expect(twice.stderr).toMatch(/errcode 40007/)
  })
})

describe('wxmp users remark', () => {
  it("sets and clears a fan's remark, and refuses one of 30 bytes or more without calling WeChat", async () => {
    const fan = follower(up)
    const set = await wxmp(['users', 'remark', fan, '老客户'], up.env)
    expect(set.code).toBe(0)
    expect(stdoutJson<{ remark: string }>(await wxmp(['user', fan, '--json'], up.env)).remark).toBe(
      '老客户',
    )
    expect((await wxmp(['users', 'remark', fan, ''], up.env)).stdout).toBe(
      `remark of ${fan} cleared\n`,
    )
    expect(up.emulator.fans.get(APPID, fan)!.remark).toBe('')

    const before = up.calls('/cgi-bin/user/info/updateremark')
    const long = await wxmp(['users', 'remark', fan, '一二三四五六七八九十'], up.env)
    expect(long.code).toBe(2)
    expect(long.stderr).toContain('30 bytes, WeChat takes under 30')
    expect(up.calls('/cgi-bin/user/info/updateremark')).toBe(before)
  })
})
