import { createHash } from 'node:crypto'
import { ERRCODE } from '@wxmp/core'
import { jsSdkSignature } from '@wxmp/crypto'
import { describe, expect, it } from 'vitest'
import { APPID, expectError, expectValidResponse, harness } from '../emulator.test.helpers.js'
import { TICKET_TTL_SECONDS } from '../ticket-store.js'

async function setup() {
  const h = harness()
  // A fresh access_token per call: the tests outlive a token's 7200 s on the clock.
  const ticket = async (type?: string) =>
    h.call('GET', '/cgi-bin/ticket/getticket', {
      access_token: await h.token(),
      ...(type === undefined ? {} : { type }),
    })
  return { h, ticket }
}

describe('ticket/getticket (§6.12)', () => {
  it('issues an 86-character jsapi ticket for 7200 s, with errcode 0', async () => {
    const { ticket } = await setup()
    const answer = await ticket('jsapi')
    expectValidResponse('ticket.get', answer)
    expect(answer).toEqual({
      errcode: 0,
      errmsg: 'ok',
      ticket: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/) as string,
      expires_in: TICKET_TTL_SECONDS,
    })
  })

  it('answers the same ticket and its remaining life until it expires, then a new one', async () => {
    const { h, ticket } = await setup()
    const first = await ticket('jsapi')
    h.clock.advance(1000 * 1000)
    const again = await ticket('jsapi')
    expect(again).toEqual({ ...first, expires_in: TICKET_TTL_SECONDS - 1000 })

    h.clock.advance((TICKET_TTL_SECONDS - 1000) * 1000 - 1)
    expect((await ticket('jsapi')).ticket).toBe(first.ticket)
    expect(h.emulator.state.tickets.current(APPID, 'jsapi')).toBe(first.ticket)
    h.clock.advance(1)
    expect(h.emulator.state.tickets.current(APPID, 'jsapi')).toBeUndefined()
    const renewed = await ticket('jsapi')
    expectValidResponse('ticket.get', renewed)
    expect(renewed.ticket).not.toBe(first.ticket)
    expect(renewed.expires_in).toBe(TICKET_TTL_SECONDS)
  })

  it('keeps the wx_card api_ticket apart from the jsapi ticket', async () => {
    const { ticket } = await setup()
    const jsapi = await ticket('jsapi')
    const card = await ticket('wx_card')
    expectValidResponse('ticket.get', card)
    expect(card.ticket).not.toBe(jsapi.ticket)
    expect((await ticket('wx_card')).ticket).toBe(card.ticket)
    expect((await ticket('jsapi')).ticket).toBe(jsapi.ticket)
  })

  it('survives a new access_token: the ticket belongs to the account, not the token', async () => {
    const { h, ticket } = await setup()
    const first = await ticket('jsapi')
    const other = await h.token()
    const again = await h.call('GET', '/cgi-bin/ticket/getticket', {
      access_token: other,
      type: 'jsapi',
    })
    expect(again.ticket).toBe(first.ticket)
  })

  it('answers 40097 for a missing or unknown type, 41001 without a token, 43001 for POST', async () => {
    const { h, ticket } = await setup()
    for (const type of [undefined, '', 'JSAPI', 'card', 'jsapi '])
      expectError(await ticket(type), ERRCODE.INVALID_ARGS)
    expectError(
      await h.call('GET', '/cgi-bin/ticket/getticket', { type: 'jsapi' }),
      ERRCODE.ACCESS_TOKEN_MISSING,
    )
    expectError(
      await h.call('POST', '/cgi-bin/ticket/getticket', { type: 'jsapi' }, '{}'),
      ERRCODE.REQUIRE_GET_METHOD,
    )
  })

  it('signs wx.config with @wxmp/crypto exactly as the documented string1 recipe', async () => {
    const { ticket } = await setup()
    const jsapiTicket = String((await ticket('jsapi')).ticket)
    const input = {
      jsapiTicket,
      nonceStr: 'Wm3WZYTPz0wzccnW',
      timestamp: 1414587457,
      url: 'http://mp.weixin.qq.com?params=value#section',
    }
    // The ticket's alphabet needs no escaping: string1 carries it raw.
    const string1 = `jsapi_ticket=${jsapiTicket}&noncestr=Wm3WZYTPz0wzccnW&timestamp=1414587457&url=http://mp.weixin.qq.com?params=value`
    expect(jsSdkSignature(input)).toBe(createHash('sha1').update(string1).digest('hex'))
    expect(jsSdkSignature(input)).toMatch(/^[0-9a-f]{40}$/)
  })
})
