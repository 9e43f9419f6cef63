import { ERRCODE, VirtualClock } from '@wxmp/core'
import { afterEach, describe, expect, it } from 'vitest'
import { createEmulator } from './emulator.js'
import { ACCOUNT, APPID, SECRET, expectError } from './emulator.test.helpers.js'
import type { Json } from './emulator.test.helpers.js'
import { IpWhitelists, callerAddress, isWhitelistEntry } from './ip-whitelist.js'
import { serveEmulator } from './serve.js'
import type { ServedEmulator } from './serve.js'

let served: ServedEmulator | undefined
afterEach(async () => {
  await served?.close()
  served = undefined
})

const TOKEN_QUERY = `grant_type=client_credential&appid=${APPID}&secret=${SECRET}`

describe('IpWhitelists', () => {
  it('admits everyone without a list, then only listed addresses and CIDR ranges', () => {
    const lists = new IpWhitelists()
    expect(lists.admits(APPID, '198.51.100.7')).toBe(true)
    lists.set(APPID.toUpperCase(), ['203.0.113.0/24', '198.51.100.7', '::1'])
    expect(lists.admits(APPID, '203.0.113.250')).toBe(true)
    expect(lists.admits(APPID, '203.0.114.1')).toBe(false)
    expect(lists.admits(APPID, '198.51.100.7')).toBe(true)
    expect(lists.admits(APPID, '198.51.100.8')).toBe(false)
    expect(lists.admits(APPID, '::1')).toBe(true)
    lists.set(APPID, undefined)
    expect(lists.admits(APPID, '203.0.114.1')).toBe(true)
  })

  it('reports IPv4-mapped IPv6 callers by their IPv4 address', () => {
    expect(callerAddress('::ffff:127.0.0.1')).toBe('127.0.0.1')
    expect(callerAddress('::1')).toBe('::1')
    expect(callerAddress(undefined)).toBe('127.0.0.1')
  })

  it('accepts addresses and IPv4 CIDR ranges only', () => {
    for (const ok of ['1.2.3.4', '10.0.0.0/8', '0.0.0.0/0', '::1'])
      expect(isWhitelistEntry(ok)).toBe(true)
    for (const bad of ['1.2.3', '10.0.0.0/33', '10.0.0.0/x', 'example.com', '1.2.3.4/8/1'])
      expect(isWhitelistEntry(bad), bad).toBe(false)
  })
})

describe('the IP whitelist on token calls (§5.1)', () => {
  it('refuses a caller outside the list with 40164 naming its address, and admits a listed one', async () => {
    const emulator = createEmulator({
      accounts: [ACCOUNT],
      clock: new VirtualClock(),
      seed: 3,
      ipWhitelist: { [APPID]: ['203.0.113.9'] },
    })
    served = await serveEmulator(emulator)
    const refused = (await (
      await fetch(`${served.url}/cgi-bin/token?${TOKEN_QUERY}`)
    ).json()) as Json
    expectError(refused, ERRCODE.IP_NOT_WHITELISTED)
    expect(refused.errmsg).toMatch(
      /^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: /,
    )
    const stable = (await (
      await fetch(`${served.url}/cgi-bin/stable_token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid: APPID, secret: SECRET }),
      })
    ).json()) as Json
    expectError(stable, ERRCODE.IP_NOT_WHITELISTED)
    // A wrong secret still reads as a wrong secret, whoever asks.
    const wrong = (await (
      await fetch(
        `${served.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${'0'.repeat(32)}`,
      )
    ).json()) as Json
    expectError(wrong, ERRCODE.INVALID_CREDENTIAL)

    emulator.state.ipWhitelists.set(APPID, ['127.0.0.0/8'])
    const admitted = (await (
      await fetch(`${served.url}/cgi-bin/token?${TOKEN_QUERY}`)
    ).json()) as Json
    expect(admitted.expires_in).toBe(7200)
  })

  it('is set and cleared through /__emulator/ip-whitelist, with 400 for a bad entry', async () => {
    const emulator = createEmulator({ accounts: [ACCOUNT], clock: new VirtualClock(), seed: 3 })
    const inspect = async (method: string, body?: unknown) => {
      const answer = await emulator.handle({
        method,
        path: '/__emulator/ip-whitelist',
        query: '',
        body: body === undefined ? '' : JSON.stringify(body),
      })
      return { status: answer.status, json: JSON.parse(String(answer.body)) as Json }
    }
    expect((await inspect('GET')).json).toEqual({ appid: APPID, ips: null })
    expect((await inspect('POST', { ips: ['198.51.100.1'] })).status).toBe(200)
    const token = await emulator.handle({
      method: 'GET',
      path: '/cgi-bin/token',
      query: TOKEN_QUERY,
      body: '',
    })
    expectError(JSON.parse(String(token.body)) as Json, ERRCODE.IP_NOT_WHITELISTED)
    expect((await inspect('POST', { ips: null })).json).toEqual({ appid: APPID, ips: null })
    const again = await emulator.handle({
      method: 'GET',
      path: '/cgi-bin/token',
      query: TOKEN_QUERY,
      body: '',
    })
    expect((JSON.parse(String(again.body)) as Json).expires_in).toBe(7200)
    const bad = await inspect('POST', { ips: ['not-an-ip'] })
    expect(bad.status).toBe(400)
    expect(String(bad.json.error)).toMatch(/ips\.0: must be an IP address/)
  })
})
