import { describe, expect, it } from 'vitest'
import { WxXmlError } from '../errors.js'
import { buildXml } from './build-xml.js'
import type { XmlBuildObject } from './build-xml.js'
import { cdata, escapeXmlText } from './escape.js'
import { fuzzCorpus } from './fuzz-corpus.js'
import { userText } from './fuzz-nodes.js'
import { Rng } from './fuzz-rng.js'
import { parseXml } from './parse-xml.js'

describe('cdata', () => {
  it('wraps text without "]]>" or CR in one section, unchanged', () => {
    expect(cdata('hello <&> 你好')).toBe('<![CDATA[hello <&> 你好]]>')
    expect(cdata('')).toBe('<![CDATA[]]>')
  })

  it('splits every "]]>" across two sections', () => {
    expect(cdata('a]]>b]]>')).toBe('<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>')
  })

  it('writes CR as &#13; between sections so it is not normalised away', () => {
    expect(cdata('a\r\nb')).toBe('<![CDATA[a]]>&#13;<![CDATA[\nb]]>')
  })

  it.each(['a]]>b', ']]>', ']]]]>', ']]>]]>', 'x]]', '>y', 'a\r\nb\rc', '\r]]>\r'])(
    'round-trips %j through parseXml',
    (text) => {
      expect(parseXml(`<a>${cdata(text)}</a>`).a).toBe(text)
    },
  )

  it('round-trips random hostile strings through parseXml', () => {
    const rng = new Rng(7)
    for (let i = 0; i < 2000; i++) {
      const text = userText(rng)
      expect(parseXml(`<a>${cdata(text)}</a>`).a).toBe(text)
    }
  })
})

describe('escapeXmlText', () => {
  it('returns text without & < > or CR as it is', () => {
    const text = 'plain 文本 "quoted"'
    expect(escapeXmlText(text)).toBe(text)
  })

  it('escapes & < > and CR', () => {
    expect(escapeXmlText('a&b<c>d]]>\r')).toBe('a&amp;b&lt;c&gt;d]]&gt;&#13;')
  })

  it('round-trips random hostile strings through parseXml', () => {
    const rng = new Rng(8)
    for (let i = 0; i < 2000; i++) {
      const text = userText(rng)
      expect(parseXml(`<a>${escapeXmlText(text)}</a>`).a).toBe(text)
    }
  })
})

describe('buildXml', () => {
  it('renders strings as CDATA, numbers and bigints bare, arrays as repeated tags', () => {
    const xml = buildXml('xml', {
      ToUserName: 'gh_1',
      CreateTime: 1700000000,
      MsgId: 6054768590064713728n,
      PicList: { item: [{ PicMd5Sum: 'a' }, { PicMd5Sum: 'b' }] },
      Skipped: undefined,
    })
    expect(xml).toBe(
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1700000000</CreateTime>' +
        '<MsgId>6054768590064713728</MsgId><PicList><item><PicMd5Sum><![CDATA[a]]></PicMd5Sum></item>' +
        '<item><PicMd5Sum><![CDATA[b]]></PicMd5Sum></item></PicList></xml>',
    )
  })

  it('writes #text as the text of a mixed-content element', () => {
    expect(buildXml('a', { '#text': 'hi', b: '1' })).toBe(
      '<a><![CDATA[hi]]><b><![CDATA[1]]></b></a>',
    )
  })

  it('renders __proto__ keys of a null-prototype object like any other', () => {
    const value = parseXml('<xml><__proto__>x</__proto__></xml>').xml as XmlBuildObject
    expect(buildXml('xml', value)).toBe('<xml><__proto__><![CDATA[x]]></__proto__></xml>')
  })

  it('produces XML that parses back to the value parseXml gave, across the fuzz corpus', () => {
    let checked = 0
    for (const input of fuzzCorpus(11, 3000)) {
      let doc
      try {
        doc = parseXml(input)
      } catch {
        continue
      }
      const [root, value] = Object.entries(doc)[0]!
      const rebuilt =
        typeof value === 'string'
          ? buildXml(root, { '#text': value })
          : buildXml(root, value as XmlBuildObject)
      expect(parseXml(rebuilt)).toEqual(doc)
      checked++
    }
    expect(checked).toBeGreaterThan(1000)
  })

  it.each([
    ['a tag that is not an XML name', () => buildXml('xml', { 'a b': 'x' })],
    ['an empty root tag', () => buildXml('', {})],
    ['NaN', () => buildXml('xml', { a: Number.NaN })],
    ['an array inside an array', () => buildXml('xml', { a: [['x']] })],
    ['null', () => buildXml('xml', { a: null as unknown as string })],
    ['a non-string #text', () => buildXml('xml', { '#text': 1 })],
  ])('rejects %s with WxXmlError', (_what, build) => {
    expect(build).toThrow(WxXmlError)
  })

  it('rejects nesting parseXml would refuse, which also stops a cyclic object', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => buildXml('xml', cyclic as XmlBuildObject)).toThrow(/nested deeper/)
  })
})
