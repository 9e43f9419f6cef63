import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { APPID, startUpstream, stdoutJson, wxmp } from '../../api/api.test-support.js'
import type { Upstream } from '../../api/api.test-support.js'

let up: Upstream
beforeEach(async () => {
  up = await startUpstream()
})
afterEach(async () => {
  await up.close()
})

const followers = (up: Upstream): string[] =>
  up.emulator.fans
    .list(APPID)
    .filter((fan) => fan.subscribed)
    .map((fan) => fan.openid)

describe('wxmp users list', () => {
  it('pages through user/get past 10,000 followers, and fetches profiles 100 at a time with --details', async () => {
    for (let i = 0; i < 10_020; i++) up.emulator.fans.create(APPID)
    const expected = followers(up)
    expect(expected.length).toBeGreaterThan(10_000)

    const listed = await wxmp(['users', 'list', '--json'], up.env)
    expect(listed.code).toBe(0)
    const answer = stdoutJson<{ total: number; openids: string[] }>(listed)
    expect(answer.total).toBe(expected.length)
    expect(answer.openids).toEqual(expected)
    // Two pages; stopping at `total` saves WeChat's empty closing page.
    expect(up.calls('/cgi-bin/user/get')).toBe(2)

    const detailed = await wxmp(['users', 'list', '--details', '--json'], up.env)
    expect(detailed.code).toBe(0)
    const users = stdoutJson<{ total: number; users: { openid: string; subscribe: number }[] }>(
      detailed,
    )
    expect(users.users.map((u) => u.openid)).toEqual(expected)
    expect(users.users.every((u) => u.subscribe === 1)).toBe(true)
    expect(up.calls('/cgi-bin/user/info/batchget')).toBe(Math.ceil(expected.length / 100))
  })

  it('prints one OpenID a line, and a profile table with --details', async () => {
    const expected = followers(up)
    const text = await wxmp(['users', 'list'], up.env)
    expect(text.stdout).toBe(expected.join('\n') + '\n')
    const table = await wxmp(['users', 'list', '--details'], up.env)
    const lines = table.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^openid\s+followed\s+remark\s+tags$/)
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(expected)
  })
})

describe('wxmp user and wxmp tags', () => {
  it('creates, lists, applies, removes and deletes a tag, as user OPENID shows', async () => {
    const [first, second] = followers(up)
    const created = await wxmp(['tags', 'create', '会员', '--json'], up.env)
    expect(created.code).toBe(0)
    const tag = stdoutJson<{ tag: { id: number; name: string } }>(created).tag
    expect(tag.name).toBe('会员')

    const tagged = await wxmp(['tags', 'tag', String(tag.id), first!, second!], up.env)
    expect(tagged.code).toBe(0)
    expect(tagged.stdout).toBe(`tagged 2 follower(s) with tag ${tag.id}\n`)
    const listed = stdoutJson<{ tags: { id: number; name: string; count: number }[] }>(
      await wxmp(['tags', 'list', '--json'], up.env),
    )
    expect(listed.tags).toContainEqual({ id: tag.id, name: '会员', count: 2 })

    const profile = await wxmp(['user', first!, '--json'], up.env)
    expect(profile.code).toBe(0)
    expect(stdoutJson(profile)).toMatchObject({ openid: first, subscribe: 1, tagid_list: [tag.id] })
    const text = await wxmp(['user', first!], up.env)
    expect(text.stdout).toMatch(new RegExp(`^subscribe\\s+1\\nopenid\\s+${first}\\n`))
    expect(text.stdout).toMatch(new RegExp(`\\ntags\\s+${tag.id}\\n`))

    expect((await wxmp(['tags', 'untag', String(tag.id), first!], up.env)).code).toBe(0)
    expect(up.emulator.fans.get(APPID, first!)?.tags).toEqual([])
    expect(up.emulator.fans.get(APPID, second!)?.tags).toEqual([tag.id])
    const table = await wxmp(['tags', 'list'], up.env)
    expect(table.stdout).toMatch(new RegExp(`\\n${tag.id}\\s+会员\\s+1\\n`))

    expect((await wxmp(['tags', 'delete', String(tag.id)], up.env)).code).toBe(0)
    const after = stdoutJson<{ tags: { id: number }[] }>(
      await wxmp(['tags', 'list', '--json'], up.env),
    )
    expect(after.tags.map((t) => t.id)).toEqual([2])
  })

  it('exits 1 with the errcode for an unknown OpenID or tag, and 2 for a tag id that is no number', async () => {
    const unknown = await wxmp(['user', 'oNoSuchFan', '--json'], up.env)
    expect(unknown.code).toBe(1)
    expect(unknown.stdout).toBe('')
    expect(unknown.stderr).toContain('user.info: errcode 40003 INVALID_OPENID')
    const reserved = await wxmp(['tags', 'delete', '2'], up.env)
    expect(reserved.code).toBe(1)
    expect(reserved.stderr).toContain('errcode 45058')
    const notNumber = await wxmp(['tags', 'tag', 'vip', 'oX'], up.env)
    expect(notNumber.code).toBe(2)
    expect(notNumber.stderr).toContain('tag id "vip" is not a whole number')
    const noOpenid = await wxmp(['tags', 'tag', '100'], up.env)
    expect(noOpenid.code).toBe(2)
    expect(noOpenid.stderr).toContain("missing required argument 'openid'")
  })
})
