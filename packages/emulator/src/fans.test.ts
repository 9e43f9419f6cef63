import { VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { ACCOUNT, APPID, harness } from './emulator.test.helpers.js'
import { createEmulator } from './emulator.js'
import { DEMO_FANS } from './fans.js'

const OPENID = /^o[A-Za-z0-9_-]{27}$/

describe('demo fans', () => {
  it('seeds each account with the same demo fans for the same seed', () => {
    const make = () => createEmulator({ accounts: [ACCOUNT], clock: new VirtualClock(), seed: 7 })
    const first = make().fans.list(APPID)
    expect(first).toHaveLength(DEMO_FANS)
    expect(make().fans.list(APPID)).toEqual(first)
    const other = createEmulator({ accounts: [ACCOUNT], clock: new VirtualClock(), seed: 8 })
    expect(other.fans.list(APPID)).not.toEqual(first)
  })

  it('gives demo fans WeChat-shaped OpenIDs, past follow times and one former follower', () => {
    const { clock, emulator } = harness()
    const fans = emulator.fans.list(APPID)
    for (const fan of fans) {
      expect(fan.openid).toMatch(OPENID)
      if (fan.unionid !== undefined) expect(fan.unionid).toMatch(OPENID)
      expect(fan.subscribeTime).toBeLessThanOrEqual(clock.now() / 1000)
    }
    expect(fans.filter((fan) => !fan.subscribed)).toHaveLength(1)
  })

  it('does not shift the seeded tokens when fans are created', async () => {
    const a = harness()
    const b = harness()
    b.emulator.fans.create(APPID)
    expect(await b.token()).toBe(await a.token())
  })
})

describe('fan helpers', () => {
  it('creates a following fan now, with defaults a test can override', () => {
    const { clock, emulator } = harness()
    const fan = emulator.fans.create(APPID.toUpperCase(), { remark: 'vip', tags: [2] })
    expect(fan).toMatchObject({
      subscribed: true,
      subscribeTime: Math.floor(clock.now() / 1000),
      remark: 'vip',
      tags: [2],
      language: 'zh_CN',
    })
    expect(emulator.fans.get(APPID, fan.openid)).toBe(fan)
  })

  it('refuses a second fan with the same OpenID', () => {
    const { emulator } = harness()
    const fan = emulator.fans.create(APPID)
    expect(() => emulator.fans.create(APPID, { openid: fan.openid })).toThrow(/already exists/)
  })

  it('unsubscribes and resubscribes, the follow time moving to the resubscription', () => {
    const { clock, emulator } = harness()
    const fan = emulator.fans.create(APPID)
    emulator.fans.unsubscribe(APPID, fan.openid)
    expect(fan.subscribed).toBe(false)
    clock.advance(60_000)
    emulator.fans.subscribe(APPID, fan.openid, 'ADD_SCENE_QR_CODE')
    expect(fan).toMatchObject({
      subscribed: true,
      subscribeTime: Math.floor(clock.now() / 1000),
      subscribeScene: 'ADD_SCENE_QR_CODE',
    })
  })

  it('throws when asked to (un)subscribe a fan that does not exist', () => {
    const { emulator } = harness()
    expect(() => emulator.fans.subscribe(APPID, 'onobody')).toThrow(/no fan/)
    expect(() => emulator.fans.unsubscribe(APPID, 'onobody')).toThrow(/no fan/)
  })
})
