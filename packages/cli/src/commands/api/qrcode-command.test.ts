import { readFileSync } from 'node:fs'
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

describe('wxmp qrcode create', () => {
  it('prints ticket, url and image URL, and -o saves the showqrcode JPEG', async () => {
    const file = join(tempDir(), 'qr.jpg')
    const run = await wxmp(
      ['qrcode', 'create', '--scene', 'invite-42', '--expire', '600', '-o', file],
      up.env,
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const ticket = /^ticket (\S+)$/m.exec(run.stdout)?.[1]
    expect(ticket).toBeDefined()
    expect(run.stdout).toContain('expires in 600 s')
    expect(run.stdout).toMatch(/^url https?:\/\/\S+$/m)
    expect(run.stdout).toContain(
      `image https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket!)}`,
    )
    expect([...readFileSync(file).subarray(0, 2)]).toEqual([0xff, 0xd8])
    expect(up.calls('/cgi-bin/showqrcode')).toBe(1)
    // A string scene, and the life asked for.
    expect(up.emulator.state.qrcodes.get(ticket!)).toMatchObject({
      scene: 'invite-42',
      expireSeconds: 600,
    })
  })

  it('makes a permanent number scene with --json, and refuses --expire with --permanent (exit 2)', async () => {
    const run = await wxmp(['qrcode', 'create', '--scene', '7', '--permanent', '--json'], up.env)
    expect(run.code).toBe(0)
    const code = stdoutJson<{
      ticket: string
      url: string
      imageUrl: string
      expire_seconds?: number
    }>(run)
    expect(code.expire_seconds).toBeUndefined()
    // Digits make a number scene (scene_id).
    expect(up.emulator.state.qrcodes.get(code.ticket)?.scene).toBe(7)
    expect(code.imageUrl).toBe(
      `https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(code.ticket)}`,
    )
    const both = await wxmp(
      ['qrcode', 'create', '--scene', '7', '--permanent', '--expire', '60'],
      up.env,
    )
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('--expire and --permanent exclude each other')
    const tooLong = await wxmp(['qrcode', 'create', '--scene', 'x', '--expire', '99999999'], up.env)
    expect(tooLong.code).toBe(2)
    expect(tooLong.stderr).toContain('qrcode.create: not sent')
    expect(up.calls('/cgi-bin/qrcode/create')).toBe(1)
  })
})
