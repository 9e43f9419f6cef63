import { describe, expect, it } from 'vitest'
import { WxXmlError } from '../errors.js'
import { DEFAULT_MAX_XML_BYTES } from './byte-limit.js'
import { MAX_XML_DEPTH } from './cursor.js'
import { deepDocument } from './fuzz-corpus.js'
import { parseXml } from './parse-xml.js'
import type { XmlObject } from './types.js'

function rejection(xml: string, options?: { maxBytes?: number }): WxXmlError {
  try {
    parseXml(xml, options)
  } catch (err) {
    expect(err).toBeInstanceOf(WxXmlError)
    return err as WxXmlError
  }
  throw new Error(`parsed: ${xml.slice(0, 80)}`)
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<xml><Content>&lol9;</Content></xml>`

describe('parseXml: DOCTYPE and entities', () => {
  it('rejects a billion-laughs document at its DOCTYPE, before any expansion', () => {
    const started = performance.now()
    const err = rejection(BILLION_LAUGHS)
    expect(performance.now() - started).toBeLessThan(50)
    expect(err.message).toContain('DOCTYPE is not allowed')
    expect(err.offset).toBe(BILLION_LAUGHS.indexOf('<!DOCTYPE'))
  })

  it('rejects an XXE attempt (external entity) the same way', () => {
    const xxe = '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><A>&xxe;</A></xml>'
    expect(rejection(xxe).message).toContain('DOCTYPE is not allowed')
  })

  it('rejects a DOCTYPE or an ENTITY declaration inside the root as well', () => {
    expect(rejection('<xml><!DOCTYPE x></xml>').message).toContain('DOCTYPE is not allowed')
    expect(rejection('<xml><!ENTITY a "b"></xml>').message).toContain(
      'ENTITY declarations are not allowed',
    )
  })

  it('treats the text "<!DOCTYPE" inside CDATA as text', () => {
    expect(parseXml('<xml><A><![CDATA[<!DOCTYPE x>]]></A></xml>').xml).toEqual({
      A: '<!DOCTYPE x>',
    })
  })
})

describe('parseXml: prototype safety', () => {
  it('makes a __proto__ tag an ordinary key and every object null-prototype', () => {
    const doc = parseXml(
      '<xml><__proto__><polluted>yes</polluted></__proto__><constructor>c</constructor><toString>t</toString></xml>',
    )
    const root = doc.xml as XmlObject
    expect(Object.getPrototypeOf(doc)).toBeNull()
    expect(Object.getPrototypeOf(root)).toBeNull()
    expect(Object.keys(root)).toEqual(['__proto__', 'constructor', 'toString'])
    expect(Object.getPrototypeOf(root.__proto__)).toBeNull()
    expect((root.__proto__ as XmlObject).polluted).toBe('yes')
    expect(root.constructor).toBe('c')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('collects a repeated __proto__ tag into an array like any other', () => {
    const root = parseXml('<xml><__proto__>1</__proto__><__proto__>2</__proto__></xml>')
      .xml as XmlObject
    expect(root.__proto__).toEqual(['1', '2'])
  })
})

describe('parseXml: size and depth limits', () => {
  it('rejects input over maxBytes before parsing it (the size error wins over the syntax error)', () => {
    const err = rejection('<<<<<<<<<<<', { maxBytes: 10 })
    expect(err.message).toContain('10-byte limit')
  })

  it('counts UTF-8 bytes, not UTF-16 units', () => {
    const xml = '<a>中文</a>' // 9 units, 13 bytes
    expect(parseXml(xml, { maxBytes: 13 }).a).toBe('中文')
    expect(rejection(xml, { maxBytes: 12 }).message).toContain('12-byte limit')
    const emoji = '<a>😀</a>' // a surrogate pair is 4 bytes, not 6
    expect(parseXml(emoji, { maxBytes: 11 }).a).toBe('😀')
  })

  it('defaults to a 1 MiB limit', () => {
    expect(DEFAULT_MAX_XML_BYTES).toBe(1024 * 1024)
    const big = `<a>${'x'.repeat(DEFAULT_MAX_XML_BYTES - 7)}</a>`
    expect(parseXml(big).a).toHaveLength(DEFAULT_MAX_XML_BYTES - 7)
    expect(rejection(big + ' ').message).toContain('limit')
  })

  it('throws a RangeError for a nonsensical maxBytes (a bug in the caller, not bad input)', () => {
    expect(() => parseXml('<a/>', { maxBytes: -1 })).toThrow(RangeError)
    expect(() => parseXml('<a/>', { maxBytes: Number.NaN })).toThrow(RangeError)
  })

  it(`accepts ${MAX_XML_DEPTH} levels of nesting and rejects one more, at the offending tag`, () => {
    expect(MAX_XML_DEPTH).toBe(32)
    expect(() => parseXml(deepDocument(MAX_XML_DEPTH))).not.toThrow()
    const err = rejection(deepDocument(MAX_XML_DEPTH + 1))
    expect(err.message).toContain('nested deeper than 32')
    expect(err.offset).toBe(3 * MAX_XML_DEPTH)
  })

  it('rejects a self-closing element below the depth bound too', () => {
    expect(
      rejection(`${'<d>'.repeat(MAX_XML_DEPTH)}<e/>${'</d>'.repeat(MAX_XML_DEPTH)}`).message,
    ).toContain('nested deeper')
  })

  it('survives a very deep document without a stack overflow', () => {
    expect(rejection('<d>'.repeat(200_000)).message).toContain('nested deeper')
  })
})
