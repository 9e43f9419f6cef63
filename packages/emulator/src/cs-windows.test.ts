import { ERRCODE, VirtualClock } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { CsWindows, WINDOW_RULES } from './cs-windows.js'
import { WechatError } from './wechat-error.js'

const APP = 'wx0123456789abcdef'
const FAN = 'oFan000000000000000000000001'
const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** The errcode `fn` throws, or `undefined` when it returns. */
function errcodeOf(fn: () => unknown): number | undefined {
  try {
    fn()
    return undefined
  } catch (error) {
    if (error instanceof WechatError) return error.errcode
    throw error
  }
}

function setup() {
  const clock = new VirtualClock()
  const windows = new CsWindows()
  const open = (trigger: Parameters<CsWindows['open']>[2], openid = FAN) =>
    windows.open(APP, openid, trigger, clock.now())
  const charge = (openid = FAN, since?: number) => windows.charge(APP, openid, clock.now(), since)
  const send = (openid = FAN, since?: number) => errcodeOf(() => charge(openid, since))
  return { clock, windows, open, charge, send }
}

describe('WINDOW_RULES (§6.8)', () => {
  it('gives 5 per 48 h after a message, 3 per minute after a click, follow or scan, unlimited 48 h after a payment', () => {
    expect(WINDOW_RULES).toEqual({
      message: { durationMs: 48 * HOUR, quota: 5 },
      click: { durationMs: MINUTE, quota: 3 },
      subscribe: { durationMs: MINUTE, quota: 3 },
      scan: { durationMs: MINUTE, quota: 3 },
      payment: { durationMs: 48 * HOUR, quota: Infinity },
    })
  })

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(WINDOW_RULES)).toBe(true)
    expect(Object.isFrozen(WINDOW_RULES.message)).toBe(true)
  })
})

describe('CsWindows', () => {
  it('refuses with 45015 when the fan never interacted', () => {
    const { send } = setup()
    expect(send()).toBe(ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it('allows the 5th message after a fan message and refuses the 6th with 45047', () => {
    const { open, send } = setup()
    open('message')
    for (let i = 0; i < 5; i++) expect(send()).toBeUndefined()
    expect(send()).toBe(ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
  })

  it('keeps the message window open until just before 48 h and closed at 48 h exactly', () => {
    const { clock, open, send } = setup()
    open('message')
    clock.advance(48 * HOUR - 1)
    expect(send()).toBeUndefined()
    clock.advance(1)
    expect(send()).toBe(ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it('answers 45015, not 45047, once a spent window has closed', () => {
    const { clock, open, send } = setup()
    open('click')
    for (let i = 0; i < 3; i++) expect(send()).toBeUndefined()
    expect(send()).toBe(ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
    clock.advance(MINUTE)
    expect(send()).toBe(ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it.each(['click', 'subscribe', 'scan'] as const)(
    'gives 3 messages within 1 minute after a %s',
    (trigger) => {
      const { clock, open, send } = setup()
      open(trigger)
      clock.advance(MINUTE - 1)
      for (let i = 0; i < 3; i++) expect(send()).toBeUndefined()
      expect(send()).toBe(ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
    },
  )

  it('lets a payment window send without limit for 48 h', () => {
    const { clock, open, send } = setup()
    open('payment')
    for (let i = 0; i < 200; i++) expect(send()).toBeUndefined()
    clock.advance(48 * HOUR)
    expect(send()).toBe(ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it('spends a click window alongside a message window first, then the message quota', () => {
    const { clock, windows, open, charge, send } = setup()
    open('message')
    open('click')
    for (let i = 0; i < 3; i++) expect(charge().trigger).toBe('click')
    expect(charge().trigger).toBe('message')
    // The click window closes after a minute; the message window keeps its 4 remaining.
    clock.advance(MINUTE)
    expect(windows.openWindows(APP, FAN, clock.now()).map((w) => w.trigger)).toEqual(['message'])
    for (let i = 0; i < 4; i++) expect(charge().trigger).toBe('message')
    expect(send()).toBe(ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
  })

  it('does not refill the message quota on a click', () => {
    const { open, charge, send } = setup()
    open('message')
    for (let i = 0; i < 5; i++) charge()
    open('click')
    for (let i = 0; i < 3; i++) expect(charge().trigger).toBe('click')
    expect(send()).toBe(ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
  })

  it('restarts the 48 h window with a fresh quota on a new message', () => {
    const { clock, open, send } = setup()
    open('message')
    for (let i = 0; i < 5; i++) send()
    expect(send()).toBe(ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
    clock.advance(47 * HOUR)
    const restarted = open('message')
    expect(restarted.closesAt).toBe(clock.now() + 48 * HOUR)
    for (let i = 0; i < 5; i++) expect(send()).toBeUndefined()
    expect(send()).toBe(ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
    // Still open past the first window's 48 h, closed 48 h after the second message.
    clock.advance(2 * HOUR)
    expect(send()).toBe(ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED)
    clock.advance(46 * HOUR)
    expect(send()).toBe(ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it('closes every window of a fan who unfollows', () => {
    const { open, windows, send, clock } = setup()
    open('message')
    open('payment')
    windows.close(APP, FAN)
    expect(windows.openWindows(APP, FAN, clock.now())).toEqual([])
    expect(send()).toBe(ERRCODE.REPLY_WINDOW_CLOSED)
  })

  it('ignores windows opened before `since` (an earlier follow)', () => {
    const { clock, open, send } = setup()
    open('message')
    clock.advance(10 * MINUTE)
    const refollowed = clock.now()
    expect(send(FAN, refollowed)).toBe(ERRCODE.REPLY_WINDOW_CLOSED)
    open('subscribe')
    expect(send(FAN, refollowed)).toBeUndefined()
  })

  it('checks without spending through usable()', () => {
    const { clock, windows, open, send } = setup()
    open('click')
    for (let i = 0; i < 10; i++) expect(windows.usable(APP, FAN, clock.now()).used).toBe(0)
    for (let i = 0; i < 3; i++) expect(send()).toBeUndefined()
    expect(errcodeOf(() => windows.usable(APP, FAN, clock.now()))).toBe(
      ERRCODE.CUSTOMER_SERVICE_QUOTA_EXCEEDED,
    )
  })

  it('keeps fans and accounts apart, AppIDs case-insensitively', () => {
    const { clock, windows, open, send } = setup()
    open('message')
    expect(send('oOther')).toBe(ERRCODE.REPLY_WINDOW_CLOSED)
    expect(errcodeOf(() => windows.charge(APP.toUpperCase(), FAN, clock.now()))).toBeUndefined()
    expect(errcodeOf(() => windows.charge('wxffffffffffffffff', FAN, clock.now()))).toBe(
      ERRCODE.REPLY_WINDOW_CLOSED,
    )
  })
})
