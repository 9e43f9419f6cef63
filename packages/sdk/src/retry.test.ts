/**
 * Behaviour by error kind, with faults planned in the emulator and calls counted by it: token
 * errors refresh once and retry once; transient failures back off, for idempotent calls only;
 * quota, permission and config errors stop at once.
 */
import { isWxApiError } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { SECRET, setup } from './sdk.test.helpers.js'
import { directTokenSource } from './token/direct.js'

const TOKEN = '/cgi-bin/stable_token'
const MENU_GET = '/cgi-bin/menu/get'
const SEND = '/cgi-bin/message/template/send'

async function withMenu(s: ReturnType<typeof setup>): Promise<void> {
  await s.client.menu.create({ button: [{ type: 'click', name: '菜单', key: 'K1' }] })
}

async function templateRequest(s: ReturnType<typeof setup>) {
  const [template] = s.emulator.state.templates.list(s.client.appid)
  return {
    touser: s.follower(),
    template_id: template!.template_id,
    data: {
      character_string1: { value: 'DD20260101000123' },
      thing2: { value: '巧克力礼盒' },
      amount3: { value: '39.80元' },
      time4: { value: '2026年1月1日 12:30' },
    },
  }
}

// One refresh of a rejected stable token is two calls (the token service's policy, shared by
// `directTokenSource`): normal mode first, which answers the same token while it is valid, then
// force_refresh because WeChat handed back the token it had just rejected.
const FIRST_TOKEN_AND_ONE_REFRESH = 3

describe('token errors', () => {
  it.each([40001, 40014, 42001])('%i: one refresh, one retry, then success', async (errcode) => {
    const s = setup()
    await withMenu(s)
    const before = await s.client.menu.get()
    await s.fault({ endpoint: 'menu.get', errcode })
    await expect(s.client.menu.get()).resolves.toEqual(before)
    expect(await s.calls(TOKEN)).toBe(FIRST_TOKEN_AND_ONE_REFRESH)
    expect(await s.calls(MENU_GET)).toBe(3)
  })

  it('with the classic grant, one refresh is one token call', async () => {
    const s = setup()
    const client = s.clientWith({
      tokenSource: directTokenSource({
        accounts: { [s.client.appid]: SECRET },
        grant: 'classic',
        fetch: (r) => s.emulator.fetch(r),
        clock: s.clock,
      }),
    })
    await client.tags.get()
    await s.fault({ endpoint: 'tags.get', errcode: 40001 })
    await expect(client.tags.get()).resolves.toHaveProperty('tags')
    expect(await s.calls('/cgi-bin/token')).toBe(2)
    expect(await s.calls('/cgi-bin/tags/get')).toBe(3)
  })

  it('retries only once: a second token error is thrown', async () => {
    const s = setup()
    await s.fault({ endpoint: 'menu.get', errcode: 40001, count: 2 })
    const error: unknown = await s.client.menu.get().catch((e: unknown) => e)
    expect(isWxApiError(error, 'INVALID_CREDENTIAL')).toBe(true)
    expect(error).toMatchObject({ kind: 'token', endpoint: 'menu.get' })
    expect(await s.calls(TOKEN)).toBe(FIRST_TOKEN_AND_ONE_REFRESH)
    expect(await s.calls(MENU_GET)).toBe(2)
  })

  it('retries a non-idempotent send after a token error (WeChat refused it unprocessed)', async () => {
    const s = setup()
    await s.fault({ endpoint: 'template.send', errcode: 42001 })
    const sent = await s.client.template.send(await templateRequest(s))
    expect(sent.msgid).toMatch(/^\d+$/)
    expect(await s.calls(SEND)).toBe(2)
  })

  it('a wrong secret is a config error after exactly one token call', async () => {
    const s = setup({ secret: 'WrongSecretWrongSecretWrongSecr1' })
    const error: unknown = await s.client.menu.get().catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'WX_ERR_API', errcode: 40001, kind: 'config' })
    expect((error as Error).message).toMatch(/AppSecret/)
    expect((error as Error).message).not.toContain('WrongSecret')
    expect(JSON.stringify((error as { request?: unknown }).request)).not.toContain('WrongSecret')
    expect(await s.calls(TOKEN)).toBe(1)
    expect(await s.calls(MENU_GET)).toBe(0)
  })
})

describe('transient failures', () => {
  it('retries -1 on an idempotent call', async () => {
    const s = setup()
    await withMenu(s)
    await s.fault({ endpoint: 'menu.get', errcode: -1, count: 2 })
    await expect(s.client.menu.get()).resolves.toHaveProperty('menu')
    expect(await s.calls(MENU_GET)).toBe(3)
  })

  it('gives up after the configured number of attempts', async () => {
    const s = setup()
    await s.fault({ endpoint: 'menu.get', errcode: -1, count: 5 })
    await expect(s.client.menu.get()).rejects.toMatchObject({ errcode: -1, kind: 'transient' })
    expect(await s.calls(MENU_GET)).toBe(3)
  })

  it('does not repeat a non-idempotent send answered -1', async () => {
    const s = setup()
    await s.fault({ endpoint: 'template.send', errcode: -1 })
    await expect(s.client.template.send(await templateRequest(s))).rejects.toMatchObject({
      errcode: -1,
    })
    expect(await s.calls(SEND)).toBe(1)
  })

  it('does not repeat a non-idempotent send that timed out', async () => {
    const s = setup({ timeoutMs: 5000 })
    await s.fault({ endpoint: 'template.send', delayMs: 6000 })
    const sending = s.client.template.send(await templateRequest(s)).catch((e: unknown) => e)
    await s.clock.advanceAsync(5000)
    const error = await sending
    expect(error).toMatchObject({ code: 'WX_ERR_TRANSPORT', endpoint: 'template.send' })
    expect((error as Error).message).toMatch(/5000 ms/)
    await s.clock.advanceAsync(2000) // let the emulator finish the late call
    expect(await s.calls(SEND)).toBe(1)
  })

  it('retries an idempotent call that timed out', async () => {
    const s = setup({ timeoutMs: 5000 })
    await withMenu(s)
    await s.fault({ endpoint: 'menu.get', delayMs: 6000 })
    const reading = s.client.menu.get()
    await s.clock.advanceAsync(5000)
    await expect(reading).resolves.toHaveProperty('menu')
    expect(await s.calls(MENU_GET)).toBe(2)
    await s.clock.advanceAsync(2000)
  })

  it('retries a dropped connection after an exponential backoff on the clock', async () => {
    const s = setup({ retry: { baseDelayMs: 100, maxDelayMs: 150 } })
    await withMenu(s)
    await s.fault({ endpoint: 'menu.get', drop: true, count: 2 })
    let settled = false
    const reading = s.client.menu.get().finally(() => (settled = true))
    await s.clock.advanceAsync(99)
    expect(await s.calls(MENU_GET)).toBe(1)
    await s.clock.advanceAsync(1) // first retry at 100 ms
    expect(await s.calls(MENU_GET)).toBe(2)
    await s.clock.advanceAsync(149)
    expect(settled).toBe(false)
    await s.clock.advanceAsync(1) // second at +150 ms (200 capped)
    await expect(reading).resolves.toHaveProperty('menu')
    expect(await s.calls(MENU_GET)).toBe(3)
  })
})

describe('errors thrown at once', () => {
  it.each([
    [45009, 'quota', /quota/],
    [48001, 'permission', /接口权限|verified/],
    [40164, 'config', /IP/],
    [89503, 'config', /administrator|confirm/],
  ])('%i is %s, not retried, with the table’s hint', async (errcode, kind, hint) => {
    const s = setup()
    await s.fault({ endpoint: 'menu.get', errcode })
    const error: unknown = await s.client.menu.get().catch((e: unknown) => e)
    expect(error).toMatchObject({ errcode, kind })
    expect((error as { hint?: string }).hint).toMatch(hint)
    expect(await s.calls(MENU_GET)).toBe(1)
  })

  it('keeps the rid and a redacted request on the error', async () => {
    const s = setup()
    await s.fault({ endpoint: 'menu.get', errcode: 45009 })
    const error = (await s.client.menu.get().catch((e: unknown) => e)) as {
      rid?: string
      request?: { url: string }
    }
    expect(error.rid).toMatch(/^[0-9a-f]{8}-/)
    expect(error.request?.url).toContain('access_token=[redacted]')
  })
})
