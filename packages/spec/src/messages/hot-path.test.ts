import { expect, test } from 'vitest'
import { parseInbound } from './parse-inbound.js'
import { renderInbound } from './render-inbound.js'
import { renderReply } from './render-reply.js'
import { reply } from './reply-builders.js'
import { sampleInbound } from './samples.js'
import { xmlDoc } from './xml-doc.test.fixtures.js'

// Guards against an accidental slow path (a schema library, a per-call compile) on the webhook's
// hot path. Measured figures are about 3M ops/s for both; the floors sit far below so a busy CI
// machine never fails them.
function opsPerSecond(fn: () => unknown): number {
  for (let i = 0; i < 20_000; i++) fn()
  const n = 200_000
  const start = performance.now()
  for (let i = 0; i < n; i++) fn()
  return n / ((performance.now() - start) / 1000)
}

test('parseInbound handles a text message at well over 40k pushes per second', () => {
  const doc = xmlDoc(renderInbound(sampleInbound('text')))
  expect(opsPerSecond(() => parseInbound(doc))).toBeGreaterThan(250_000)
})

test('renderReply writes a text reply at well over 40k replies per second', () => {
  const r = reply.text('你好，欢迎关注！')
  const envelope = {
    toUser: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
    fromUser: 'gh_7f083739789a',
    createTime: 1714112445,
  }
  expect(opsPerSecond(() => renderReply(r, envelope))).toBeGreaterThan(250_000)
})
