import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createClient } from '@wxmp/sdk'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  APPID,
  JPEG,
  SECRET,
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

describe('wxmp media', () => {
  it('uploads a file and downloads the same bytes with -o; permanent too', async () => {
    const dir = tempDir()
    const photo = join(dir, 'photo.jpg')
    writeFileSync(photo, JPEG)

    const uploaded = await wxmp(['media', 'upload', photo, '--json'], up.env)
    expect(uploaded.code).toBe(0)
    const answer = stdoutJson<{ type: string; media_id: string; permanent: boolean }>(uploaded)
    expect(answer).toMatchObject({ type: 'image', permanent: false })
    expect(answer.media_id.length).toBeGreaterThan(10)

    const out = join(dir, 'back.jpg')
    const got = await wxmp(['media', 'get', answer.media_id, '-o', out], up.env)
    expect(got.code).toBe(0)
    expect(got.stdout).toBe(`wrote 14 B (image/jpeg) to ${out}\n`)
    expect(readFileSync(out)).toEqual(JPEG)

    const permanent = await wxmp(['media', 'upload', photo, '--permanent'], up.env)
    expect(permanent.code).toBe(0)
    expect(permanent.stdout).toMatch(
      /^uploaded image photo\.jpg \(permanent\)\nmedia_id \S+\nurl http/,
    )
    const permanentId = /media_id (\S+)/.exec(permanent.stdout)![1]!
    const out2 = join(dir, 'back2.jpg')
    const got2 = await wxmp(['media', 'get', permanentId, '-o', out2, '--permanent'], up.env)
    expect(got2.code).toBe(0)
    expect(readFileSync(out2)).toEqual(JPEG)
    expect(up.calls('/cgi-bin/media/upload')).toBe(1)
    expect(up.calls('/cgi-bin/material/add_material')).toBe(1)
  })

  it('refuses what it cannot send before calling (exit 2), and an unknown media_id is exit 1', async () => {
    const dir = tempDir()
    const notes = join(dir, 'notes.txt')
    writeFileSync(notes, 'hello')
    const unknownType = await wxmp(['media', 'upload', notes], up.env)
    expect(unknownType.code).toBe(2)
    expect(unknownType.stderr).toContain('cannot tell the media type from ".txt"')
    // A thumb must be a .jpg of at most 64 KB: the SDK's table check names the limit.
    const big = join(dir, 'big.jpg')
    writeFileSync(big, Buffer.alloc(70 * 1024, 1))
    const tooBig = await wxmp(['media', 'upload', big, '--type', 'thumb'], up.env)
    expect(tooBig.code).toBe(2)
    expect(tooBig.stderr).toContain('media.upload: not sent')
    expect(tooBig.stderr).toContain("over WeChat's limit of 65536")
    expect(up.calls('/cgi-bin/media/upload')).toBe(0)

    const unknown = await wxmp(['media', 'get', 'no-such-media', '-o', join(dir, 'x')], up.env)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/media\.get: errcode 40007 INVALID_MEDIA_ID/)
    expect(unknown.stdout).toBe('')
  })

  it('takes a media_id that begins with "-" (base64url ids do, one in 64) but refuses a stray option', async () => {
    const out = join(tempDir(), 'dashed.jpg')
    // The id reaches WeChat (here: the emulator, which does not know it) instead of being
    // refused as an unknown option, wherever it stands among the flags.
    for (const args of [
      ['-pkiugQRCsEGDNO4cwjGdhqcX_vHClJPYdPB6Iq', '-o', out],
      ['-o', out, '-pkiugQRCsEGDNO4cwjGdhqcX_vHClJPYdPB6Iq'],
    ]) {
      const dashed = await wxmp(['media', 'get', ...args], up.env)
      expect(dashed.code, dashed.stderr).toBe(1)
      expect(dashed.stderr).toMatch(/media\.get: errcode 40007 INVALID_MEDIA_ID/)
    }
    const typo = await wxmp(['media', 'get', 'some-media', '-o', out, '--permanant'], up.env)
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain("unknown option '--permanant'")
    const alone = await wxmp(['media', 'get', '-x', '-o', out], up.env)
    expect(alone.code).toBe(2)
    expect(alone.stderr).toContain("unknown option '-x'")
  })
})

describe('wxmp material list', () => {
  it('pages through batchget_material (20 a call) to list all 25 images', async () => {
    const client = createClient({ appid: APPID, secret: SECRET, apiBase: up.served.url })
    const ids: string[] = []
    for (let i = 0; i < 25; i++) {
      const added = await client.material.add({
        type: 'image',
        media: { data: JPEG, filename: `image-${i}.jpg` },
      })
      ids.push(added.media_id)
    }
    const listed = await wxmp(['material', 'list', '--type', 'image', '--json'], up.env)
    expect(listed.code).toBe(0)
    const answer = stdoutJson<{ type: string; total_count: number; items: { media_id: string }[] }>(
      listed,
    )
    expect(answer.type).toBe('image')
    expect(answer.total_count).toBe(25)
    expect(answer.items.map((item) => item.media_id).sort()).toEqual([...ids].sort())
    expect(up.calls('/cgi-bin/material/batchget_material')).toBe(2)

    const text = await wxmp(['material', 'list'], up.env)
    const lines = text.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^media_id\s+updated\s+name$/)
    expect(lines).toHaveLength(26)
    expect(
      lines.slice(1).every((line) => /\S+\s+\d{4}-\d\d-\d\dT\S+Z\s+image-\d+\.jpg$/.test(line)),
    ).toBe(true)

    const wrongType = await wxmp(['material', 'list', '--type', 'thumb'], up.env)
    expect(wrongType.code).toBe(2)
  })
})
