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

const follower = (up: Upstream): string => {
  const fan = up.emulator.fans.list(APPID).find((f) => f.subscribed)
  if (fan === undefined) throw new Error('no demo follower')
  return fan.openid
}

describe('wxmp send', () => {
  it('prints errcode, key and the window rule when no customer-service window is open (exit 1)', async () => {
    const openid = follower(up)
    const run = await wxmp(['send', 'text', openid, '你好'], up.env)
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('customService.send: errcode 45015 REPLY_WINDOW_CLOSED')
    expect(run.stderr).toMatch(/hint: The customer-service window is closed: send only within 48 h/)
    expect(up.emulator.state.received.forFan(APPID, openid)).toEqual([])
  })

  it('sends text, an image file (uploaded first) and a link card inside an open window', async () => {
    const openid = follower(up)
    up.emulator.state.windows.open(APPID, openid, 'message', up.emulator.state.clock.now())
    const photo = join(tempDir(), 'cat.jpg')
    writeFileSync(photo, JPEG)

    const text = await wxmp(['send', 'text', openid, '你好'], up.env)
    expect(text.code).toBe(0)
    expect(text.stdout).toBe(`sent text to ${openid}\n`)
    const image = await wxmp(['send', 'image', openid, photo], up.env)
    expect(image.code).toBe(0)
    expect(image.stdout).toMatch(new RegExp(`^sent image \\S+ to ${openid}\\n$`))
    const news = await wxmp(
      [
        'send',
        'news',
        openid,
        '--title',
        '新品',
        '--url',
        'https://shop.example/new',
        '--description',
        '看看',
      ],
      up.env,
    )
    expect(news.code).toBe(0)

    const received = up.emulator.state.received.forFan(APPID, openid)
    expect(received.map((m) => m.msgtype)).toEqual(['text', 'image', 'news'])
    expect(received[0]?.payload).toEqual({ content: '你好' })
    expect(up.calls('/cgi-bin/media/upload')).toBe(1)
    expect(received[2]?.payload).toEqual({
      articles: [{ title: '新品', url: 'https://shop.example/new', description: '看看' }],
    })

    const missing = await wxmp(['send', 'news', openid, '--title', 'x'], up.env)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain("required option '--url <url>' not specified")
  })

  it('sends a template message with --data fields and prints its msgid as JSON', async () => {
    const openid = follower(up)
    const template = up.emulator.state.templates.list(APPID)[0]
    if (template === undefined) throw new Error('no demo template')
    const keys = [...template.content.matchAll(/\{\{(\w+)\.DATA\}\}/g)].map((m) => m[1]!)
    expect(keys.length).toBeGreaterThan(0)
    const data = keys.flatMap((key) => ['--data', `${key}=${sampleValue(key)}`])
    const run = await wxmp(
      [
        'send',
        'template',
        openid,
        template.template_id,
        ...data,
        '--data',
        `${keys[0]}.color=#173177`,
        '--url',
        'https://shop.example/o/1',
        '--json',
      ],
      up.env,
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const answer = stdoutJson<{ errcode: number; msgid: string | number }>(run)
    expect(answer.errcode).toBe(0)
    expect(String(answer.msgid)).toMatch(/^\d+$/)
    const [sent] = up.emulator.state.received.forFan(APPID, openid)
    expect(sent?.msgtype).toBe('template')
    expect(JSON.stringify(sent?.payload)).toContain(
      `"${keys[0]}":{"value":"${sampleValue(keys[0]!)}","color":"#173177"}`,
    )

    // A value WeChat refuses is its errcode (exit 1); a malformed --data never leaves (exit 2).
    const refused = await wxmp(['send', 'template', openid, template.template_id], up.env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('errcode 47003 ARGUMENT_INVALID')
    const bad = await wxmp(
      ['send', 'template', openid, template.template_id, '--data', 'oops'],
      up.env,
    )
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--data: "oops" is not key=value')
    expect(up.calls('/cgi-bin/message/template/send')).toBe(2)
  })
})

/** A value the emulator accepts for a placeholder, by its keyword type (the key's prefix). */
function sampleValue(key: string): string {
  const type = /^[a-z_]+?(?=\d*$)/.exec(key)?.[0] ?? ''
  const samples: Record<string, string> = {
    character_string: 'DD20260101',
    phone_number: '13800000000',
    car_number: '粤A12345',
    thing: '测试商品',
    number: '42',
    amount: '12.50元',
    phrase: '已发货',
    time: '2026-01-01 10:00',
    date: '2026-01-01',
  }
  return samples[type] ?? '测试'
}
