import { describe, expect, it } from 'vitest'
import { readChildValue } from './xml-scan.js'

describe('readChildValue', () => {
  it('reads CDATA and plain values of the root’s children', () => {
    const xml = '<xml><Encrypt><![CDATA[abc+/=]]></Encrypt><TimeStamp>1700000000</TimeStamp></xml>'
    expect(readChildValue(xml, 'Encrypt')).toBe('abc+/=')
    expect(readChildValue(xml, 'TimeStamp')).toBe('1700000000')
  })

  it('is not fooled by tags inside user text (CDATA) that come before the real field', () => {
    const xml =
      '<xml><Content><![CDATA[<Encrypt>fake</Encrypt>]]></Content><Encrypt><![CDATA[real]]></Encrypt></xml>'
    expect(readChildValue(xml, 'Encrypt')).toBe('real')
  })

  it('ignores same-named elements nested deeper than the root’s children', () => {
    const xml = '<xml><Info><Nonce>inner</Nonce></Info><Nonce><![CDATA[outer]]></Nonce></xml>'
    expect(readChildValue(xml, 'Nonce')).toBe('outer')
  })

  it('does not match a longer element name that shares the prefix', () => {
    expect(readChildValue('<xml><EncryptType>x</EncryptType></xml>', 'Encrypt')).toBeUndefined()
  })

  it('tolerates a declaration, comments, indentation and self-closing elements', () => {
    const xml =
      '<?xml version="1.0"?>\n<xml>\n  <!-- <Nonce>no</Nonce> -->\n  <Empty/>\n  <Nonce>\n    <![CDATA[42]]>\n  </Nonce>\n</xml>'
    expect(readChildValue(xml, 'Nonce')).toBe('42')
    expect(readChildValue(xml, 'Empty')).toBe('')
  })

  it('decodes predefined entities in plain text, joins split CDATA sections', () => {
    expect(readChildValue('<xml><A>1&lt;2 &amp;amp;</A></xml>', 'A')).toBe('1<2 &amp;')
    expect(readChildValue('<xml><A><![CDATA[x]]]]><![CDATA[>y]]></A></xml>', 'A')).toBe('x]]>y')
  })

  it('returns undefined for a missing field or cut-off XML instead of throwing', () => {
    expect(readChildValue('<xml><A>1</A></xml>', 'B')).toBeUndefined()
    expect(readChildValue('<xml><A><![CDATA[1', 'A')).toBeUndefined()
    expect(readChildValue('<xml><A>1', 'A')).toBeUndefined()
    expect(readChildValue('', 'A')).toBeUndefined()
    expect(readChildValue('not xml at all', 'A')).toBeUndefined()
  })
})
