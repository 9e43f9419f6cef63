import { describe, expect, it } from 'vitest'
import { WxXmlError } from '../errors.js'
import { TYPICAL_TEXT_MESSAGE } from './fuzz-corpus.js'
import { parseXml } from './parse-xml.js'

/** The WxXmlError `parseXml` throws on `xml` (fails the test when it parses). */
function rejection(xml: string, options?: { maxBytes?: number }): WxXmlError {
  try {
    parseXml(xml, options)
  } catch (err) {
    expect(err).toBeInstanceOf(WxXmlError)
    return err as WxXmlError
  }
  throw new Error(`parsed: ${xml}`)
}

describe('parseXml: the shape', () => {
  it('returns the root under its tag name, every leaf a string (64-bit ids intact)', () => {
    expect(parseXml(TYPICAL_TEXT_MESSAGE)).toEqual({
      xml: {
        ToUserName: 'gh_7f083739789a',
        FromUserName: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
        CreateTime: '1700000000',
        MsgType: 'text',
        Content: '你好，请问今天下午的线下活动几点开始？需要提前报名吗？谢谢！',
        MsgId: '6054768590064713728',
      },
    })
  })

  it('benchmarks on a 376-byte body, as the throughput target says', () => {
    expect(Buffer.byteLength(TYPICAL_TEXT_MESSAGE)).toBe(376)
  })

  it('gives an empty element the empty string, however it is written', () => {
    expect(parseXml('<xml><A/><B></B><C /><D><![CDATA[]]></D><E><!-- c --></E></xml>').xml).toEqual(
      {
        A: '',
        B: '',
        C: '',
        D: '',
        E: '',
      },
    )
  })

  it('keeps whitespace in a leaf byte for byte', () => {
    expect(parseXml('<xml><A>  a b \t</A><B> </B></xml>').xml).toEqual({ A: '  a b \t', B: ' ' })
  })

  it('turns repeated sibling tags into an array in document order, even when not adjacent', () => {
    const doc = parseXml('<xml><item>1</item><x/><item><i>2</i></item><item>3</item></xml>')
    expect(doc.xml).toEqual({ item: ['1', { i: '2' }, '3'], x: '' })
  })

  it('keeps a single child as a value, not a one-element array', () => {
    expect(parseXml('<xml><PicList><item>a</item></PicList></xml>').xml).toEqual({
      PicList: { item: 'a' },
    })
  })

  it('keeps mixed-content text under #text and drops indentation between elements', () => {
    expect(parseXml('<a>\n  x<b>1</b>y\n</a>').a).toEqual({ b: '1', '#text': '\n  xy\n' })
    expect(parseXml('<a>\n  <b>1</b>\n</a>').a).toEqual({ b: '1' })
  })
})

describe('parseXml: character data', () => {
  it('joins several CDATA sections, which is how a CDATA string carries "]]>"', () => {
    expect(parseXml('<a><![CDATA[a]]]]><![CDATA[>b]]></a>').a).toBe('a]]>b')
    expect(parseXml('<a>x<![CDATA[<&>]]>y</a>').a).toBe('x<&>y')
  })

  it('decodes the five predefined entities once (no double decoding)', () => {
    expect(parseXml('<a>&lt;&gt;&amp;&quot;&apos;&amp;lt;</a>').a).toBe('<>&"\'&lt;')
  })

  it('decodes decimal and hex character references, astral ones included', () => {
    expect(parseXml('<a>&#65;&#x42;&#x4e2D;&#128512;&#x1F600;&#9;</a>').a).toBe('AB中😀😀\t')
  })

  it.each([
    ['&nbsp;', 'undefined entity'],
    ['&foo;', 'undefined entity'],
    ['&#0;', 'non-XML character'],
    ['&#xD800;', 'non-XML character'],
    ['&#xFFFE;', 'non-XML character'],
    ['&#x110000;', 'non-XML character'],
    ['&#99999999999999999999;', 'non-XML character'],
    ['&#;', 'malformed'],
    ['&#x;', 'malformed'],
    ['&#X41;', 'malformed'],
    ['&#12a;', 'malformed'],
    ['a & b', 'not the start of a reference'],
    ['&amp', 'not the start of a reference'],
  ])('rejects the reference in %j at its offset', (text, message) => {
    const err = rejection(`<a>${text}</a>`)
    expect(err.message).toContain(message)
    expect(err.offset).toBe(3 + text.indexOf('&'))
  })

  it('normalises CRLF and CR to LF in text and CDATA, but keeps a CR written as &#13;', () => {
    expect(parseXml('<a>1\r\n2\r3<![CDATA[4\r\n5]]>&#13;</a>').a).toBe('1\n2\n34\n5\r')
  })

  it('leaves raw characters as they are (no per-character validation on the hot path)', () => {
    expect(parseXml('<a>\u0001\ud800]]></a>').a).toBe('\u0001\ud800]]>')
  })
})

describe('parseXml: prolog, comments, processing instructions, attributes', () => {
  it('accepts a declaration, a BOM, comments and PIs around and inside the root', () => {
    const xml =
      '\ufeff<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><?pi x?>\n<xml><!--a--><A>1<?p q?>2</A></xml>\n<!-- end -->\n'
    expect(parseXml(xml)).toEqual({ xml: { A: '12' } })
  })

  it('ignores well-formed attributes, quotes of either kind, ">" inside a value', () => {
    expect(parseXml(`<xml a="1" b='2' c = "x>y"><A d="&amp;"/></xml>`)).toEqual({ xml: { A: '' } })
  })

  it.each([
    ['<a b></a>', 'attribute without a value'],
    ['<a b=1></a>', 'must be quoted'],
    ['<a b="1></a>', 'unterminated attribute value'],
    ['<a b="1"c="2"></a>', 'separated by whitespace'],
    ['<a b="1" b="2"></a>', "duplicate attribute 'b'"],
    ['<a b="1"/ >', "'/' in a start tag"],
  ])('rejects the malformed attributes of %j', (xml, message) => {
    expect(rejection(xml).message).toContain(message)
  })

  it.each([
    ['<a><!-- x</a>', 'comment is not closed'],
    ['<a><![CDATA[x</a>', 'CDATA section is not closed'],
    ['<a><?pi x</a>', 'processing instruction is not closed'],
    ['<a><?></a>', 'without a target'],
    [' <?xml version="1.0"?><a/>', 'must be at the very start'],
    ['<a><!x></a>', "'<!' is not the start"],
  ])('rejects the malformed markup of %j', (xml, message) => {
    expect(rejection(xml).message).toContain(message)
  })
})

describe('parseXml: names', () => {
  it('accepts XML names beyond ASCII letters: colons, dots, dashes, CJK', () => {
    expect(parseXml('<a:b><_x-y.z>1</_x-y.z><名字>2</名字></a:b>')).toEqual({
      'a:b': { '_x-y.z': '1', 名字: '2' },
    })
  })

  it('refuses U+FEFF and U+1680 in names (whitespace to JavaScript, so ambiguous)', () => {
    expect(rejection('<a\ufeffb/>').offset).toBe(2)
    expect(rejection('<\u1680a/>').offset).toBe(1)
  })
})

describe('parseXml: structure errors', () => {
  it.each([
    ['', 'no root element', 0],
    ['  \n', 'no root element', 3],
    ['hello<a/>', 'text before the root element', 0],
    ['<a/>x', 'text after the root element', 4],
    ['<a/><![CDATA[x]]>', 'text after the root element', 4],
    ['<a></a><b/>', 'exactly one root element', 7],
    ['<a></b>', 'expected </a>', 3],
    ['<a></ab>', 'expected </a>', 3],
    ['<a></a/>', 'expected </a>', 3],
    ['<a><b></a>', 'expected </b>', 6],
    ['<a>', 'element <a> is not closed', 0],
    ['</a>', 'end tag without a matching start tag', 0],
    ['< a/>', 'not followed by a tag name', 1],
    ['<a', 'unexpected end of input', 2],
    ['<😀/>', 'not followed by a tag name', 1],
  ])('rejects %j with an offset', (xml, message, offset) => {
    const err = rejection(xml)
    expect(err.message).toContain(message)
    expect(err.offset).toBe(offset)
    expect(err.code).toBe('WX_ERR_XML')
  })

  it('rejects a non-string input with WxXmlError rather than a TypeError', () => {
    expect(() => parseXml(42 as unknown as string)).toThrow(WxXmlError)
  })
})
