/**
 * `renderInbound`: writes a message back as the XML WeChat would push (strings in CDATA, numbers
 * and ids bare). The emulator's push engine and the round-trip tests use it.
 */
import { cdata, type XmlObject, type XmlValue } from '@wxmp/core'
import { inboundByKey } from './compiled.js'
import type { InboundMessage } from './registry.js'

/**
 * Renders a message as WeChat's `<xml>` push body. Derived fields (`sceneId`) are not written.
 * An `unknown` or `invalid` message is written from its `raw` object.
 * @example
 * const body = renderInbound(sampleInbound('event.CLICK', { EventKey: 'V1001' }))
 */
export function renderInbound(message: InboundMessage): string {
  if (message.kind === 'unknown' || message.kind === 'invalid')
    return `<xml>${renderRaw(message.raw)}</xml>`
  const compiled = inboundByKey.get(message.kind)
  if (compiled === undefined) throw new TypeError(`unknown message kind: ${String(message.kind)}`)
  return `<xml>${compiled.write(message)}</xml>`
}

// A raw object has no spec, so each leaf is written the way WeChat writes its kind of value:
// numbers bare, everything else in CDATA.
const NUMBER = /^-?\d+(?:\.\d+)?$/

function renderRaw(obj: XmlObject): string {
  let xml = ''
  for (const tag of Object.keys(obj)) xml += renderElement(tag, obj[tag]!)
  return xml
}

function renderElement(tag: string, value: XmlValue): string {
  if (Array.isArray(value)) return value.map((v) => renderElement(tag, v)).join('')
  if (typeof value === 'string')
    return `<${tag}>${NUMBER.test(value) ? value : cdata(value)}</${tag}>`
  return `<${tag}>${renderRaw(value)}</${tag}>`
}
