/** `wx.config` against the emulator: signatures that verify, one ticket fetch per ticket life. */
import { jsSdkSignature } from '@wxmp/crypto'
import { describe, expect, it } from 'vitest'
import { APPID, setup } from '../sdk.test.helpers.js'
import { DEFAULT_TICKET_REFRESH_AHEAD_MS, jsApiTicketCache, jsSdkConfig } from './jssdk.js'

const TICKETS = '/cgi-bin/ticket/getticket'
const PAGE = 'https://shop.example/item?id=7&from=share'

describe('jsSdkConfig', () => {
  it('answers a config whose signature verifies with the ticket WeChat issued', async () => {
    const { client, clock, emulator } = setup()
    const config = await jsSdkConfig(client, {
      url: PAGE,
      jsApiList: ['updateAppMessageShareData', 'scanQRCode'],
      openTagList: ['wx-open-launch-weapp'],
      clock,
    })
    const [slot] = emulator.state.tickets.snapshot().slots
    expect(config).toMatchObject({
      debug: false,
      appId: APPID,
      timestamp: Math.floor(clock.now() / 1000),
      jsApiList: ['updateAppMessageShareData', 'scanQRCode'],
      openTagList: ['wx-open-launch-weapp'],
    })
    expect(config.nonceStr).toMatch(/^[A-Za-z0-9]{16}$/)
    const expected = jsSdkSignature({
      jsapiTicket: slot!.ticket,
      nonceStr: config.nonceStr,
      timestamp: config.timestamp,
      url: PAGE,
    })
    expect(config.signature).toBe(expected)
    expect(config.signature).toMatch(/^[0-9a-f]{40}$/)
  })

  it('signs a URL with a #fragment as WeChat does, without it', async () => {
    const { client, clock } = setup()
    const config = await jsSdkConfig(client, { url: `${PAGE}#/cart?x=1`, jsApiList: [], clock })
    const tickets = jsApiTicketCache(client, { clock })
    const ticket = await tickets.jsapiTicket()
    const bare = jsSdkSignature({
      jsapiTicket: ticket,
      nonceStr: config.nonceStr,
      timestamp: config.timestamp,
      url: PAGE,
    })
    expect(config.signature).toBe(bare)
    expect('openTagList' in config).toBe(false)
  })

  it('fetches the ticket once for many configs, also when they ask at the same time', async () => {
    const { client, clock, calls } = setup()
    const configs = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        jsSdkConfig(client, { url: `${PAGE}&n=${i}`, jsApiList: [], clock }),
      ),
    )
    for (let i = 0; i < 5; i++) await jsSdkConfig(client, { url: PAGE, jsApiList: [], clock })
    expect(await calls(TICKETS)).toBe(1)
    expect(new Set(configs.map((c) => c.nonceStr)).size).toBe(5)
  })

  it('renews the ticket shortly before its 7200 s end, not before', async () => {
    const { client, clock, calls, emulator } = setup()
    const tickets = jsApiTicketCache(client, { clock })
    const first = await tickets.jsapiTicket()
    clock.advance(7200_000 - DEFAULT_TICKET_REFRESH_AHEAD_MS - 1)
    expect(await tickets.jsapiTicket()).toBe(first)
    expect(await calls(TICKETS)).toBe(1)
    clock.advance(1)
    await tickets.jsapiTicket()
    expect(await calls(TICKETS)).toBe(2)
    // Past the old ticket's end the emulator has a new one, and that is what is signed with.
    clock.advance(DEFAULT_TICKET_REFRESH_AHEAD_MS)
    const renewed = await tickets.jsapiTicket()
    expect(renewed).toBe(emulator.state.tickets.snapshot().slots[0]!.ticket)
    expect(renewed).not.toBe(first)
  })

  it('keeps answering a still-valid ticket when its renewal fails', async () => {
    const { client, clock, fault } = setup({ retry: { attempts: 1 } })
    const tickets = jsApiTicketCache(client, { clock })
    const first = await tickets.jsapiTicket()
    clock.advance(7200_000 - 60_000)
    await fault({ endpoint: 'ticket.get', errcode: -1 })
    expect(await tickets.jsapiTicket()).toBe(first)
    clock.advance(60_000)
    await fault({ endpoint: 'ticket.get', errcode: -1 })
    await expect(tickets.jsapiTicket()).rejects.toMatchObject({ errcode: -1 })
  })

  it('keeps separate caches for separate accounts', async () => {
    const { clientWith, clock, calls } = setup()
    const a = clientWith()
    const b = clientWith({
      appid: 'wx00112233445566bb',
      secret: 'SecondAccountSecretSecondAcct222',
    })
    const ca = await jsSdkConfig(a, { url: PAGE, jsApiList: [], clock })
    const cb = await jsSdkConfig(b, { url: PAGE, jsApiList: [], clock })
    expect([ca.appId, cb.appId]).toEqual([APPID, 'wx00112233445566bb'])
    expect(await calls(TICKETS)).toBe(2)
  })

  it('refuses a URL that is not an absolute http(s) URL, before any call', async () => {
    const { client, clock, calls } = setup()
    for (const url of ['/item?id=7', 'javascript:alert(1)', ''])
      await expect(jsSdkConfig(client, { url, jsApiList: [], clock })).rejects.toMatchObject({
        code: 'WX_ERR_REQUEST',
        field: 'url',
      })
    expect(await calls(TICKETS)).toBe(0)
  })
})
