// Type-level tests: compiled by `tsc -b` (part of `npm test`); a broken narrowing fails the build.
import { createWebhook } from './webhook.js'
import { reply } from '@wxmp/spec/messages'

const wh = createWebhook({ accounts: [{ appid: 'wx0123456789abcdef', token: 'abc' }] })

wh.on('event.CLICK', (m) => {
  const key: string = m.EventKey
  return reply.text(key)
})
wh.on('text', (m) => m.Content.toUpperCase())
wh.on('image', (m) => reply.image(m.MediaId))
wh.on('event.CLICK', { EventKey: 'k' }, () => undefined)

// @ts-expect-error an image message has no Content
wh.on('image', (m) => String(m.Content))
// @ts-expect-error there is no such message key
wh.on('event.NOPE', () => undefined)
// @ts-expect-error matchers only name fields the message has
wh.on('text', { EventKey: 'x' }, () => undefined)
// @ts-expect-error a handler cannot return a number
wh.on('text', () => 42)
