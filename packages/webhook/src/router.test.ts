import { describe, expect, it } from 'vitest'
import { parseXml, VirtualClock } from '@wxmp/core'
import { reply } from '@wxmp/spec/messages'
import { createWebhook } from './webhook.js'
import { signedPush } from './testing/index.js'
import { eventXml, PLAIN, textXml } from './test-fixtures.js'

function hook() {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1))
  const wh = createWebhook({ accounts: [PLAIN], clock })
  let n = 0
  const send = async (xml: string): Promise<string> => {
    const res = await wh.handle(signedPush({ account: PLAIN, xml, clock, nonce: String(++n) }))
    if (res.body === 'success') return 'success'
    return (parseXml(res.body).xml as Record<string, string>).Content ?? ''
  }
  return { wh, send }
}

let seq = 0
const text = (content: string) => textXml(content, String(1000 + ++seq))
const click = (key: string) => eventXml('CLICK', key, 'oFan', 1000 + ++seq)

describe('Router', () => {
  it('matches text content exactly, by keyword, and by RegExp, first registered first', async () => {
    const { wh, send } = hook()
    wh.text('help', () => 'exact')
      .text({ keyword: ['订票', '抢票'] }, () => 'keyword')
      .text(/^bind (\d+)$/, (m) => `bound ${/\d+/.exec(m.Content)![0]}`)
      .on('text', () => 'any text')
    expect(await send(text('help'))).toBe('exact')
    expect(await send(text('我要抢票'))).toBe('keyword')
    expect(await send(text('bind 2026'))).toBe('bound 2026')
    expect(await send(text('help me'))).toBe('any text')
  })

  it('routes menu clicks by key and events by field matchers', async () => {
    const { wh, send } = hook()
    wh.menu('mpGuide', () => '编写之中')
    wh.on('event.CLICK', { EventKey: /^V1001_/ }, (m) => `music ${m.EventKey}`)
    wh.on(
      'event.CLICK',
      (m) => m.EventKey.length > 3,
      () => 'long key',
    )
    expect(await send(click('mpGuide'))).toBe('编写之中')
    expect(await send(click('V1001_TODAY'))).toBe('music V1001_TODAY')
    expect(await send(click('other'))).toBe('long key')
    expect(await send(click('x'))).toBe('success')
  })

  it('sends unmatched messages to the fallback, including unknown types', async () => {
    const { wh, send } = hook()
    wh.on('text', { Content: 'a' }, () => 'A').fallback((m) => `fallback ${m.kind}`)
    expect(await send(text('b'))).toBe('fallback text')
    expect(await send(text('z').replace('<![CDATA[text]]>', '<![CDATA[hologram]]>'))).toBe(
      'fallback unknown',
    )
  })

  it('runs middleware around the handler in registration order', async () => {
    const { wh, send } = hook()
    const trace: string[] = []
    wh.use(async (ctx, next) => {
      trace.push('a>')
      const out = await next()
      trace.push('<a')
      return typeof out === 'string' ? `[${out}]` : out
    })
    wh.use(async (ctx, next) => {
      trace.push(`b:${ctx.message.kind}`)
      return next()
    })
    wh.on('text', () => reply.text('t'))
    wh.on('event.subscribe', () => 'welcome')
    expect(await send(text('x'))).toBe('t') // a Reply passes through unchanged
    expect(await send(eventXml('subscribe', undefined, 'oNew', 5))).toBe('[welcome]')
    expect(trace).toEqual(['a>', 'b:text', '<a', 'a>', 'b:event.subscribe', '<a'])
  })

  it('lets middleware answer without calling next', async () => {
    const { wh, send } = hook()
    wh.use((ctx, next) => (ctx.message.kind === 'text' ? '维护中' : next()))
    wh.on('text', () => 'never')
    expect(await send(text('x'))).toBe('维护中')
  })

  it('answers success when a handler returns nothing or an empty string', async () => {
    const { wh, send } = hook()
    wh.text('a', () => undefined).text('b', () => '')
    expect(await send(text('a'))).toBe('success')
    expect(await send(text('b'))).toBe('success')
  })

  it('rejects a non-function handler when registering', () => {
    const { wh } = hook()
    expect(() => wh.on('text', 'nope' as never)).toThrow(/handler must be a function/)
  })
})
