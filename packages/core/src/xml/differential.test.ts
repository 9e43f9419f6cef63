/**
 * Differential test: parseXml against fast-xml-parser 5.12 on a fixed-seed fuzz corpus
 * (`fuzz-corpus.ts`; `bench/xml-fuzz.ts` runs the same oracle over 100k inputs).
 *
 * Valid = no DOCTYPE declaration and `XMLValidator.validate(x) === true`. On valid input our value
 * must deep-equal fast-xml-parser's; on invalid input we must throw WxXmlError; nothing but
 * WxXmlError may ever be thrown. The comparison settled on by experiment (`fuzz-compare.ts`):
 * - `new XMLParser({ parseTagValue: false, trimValues: false, ignoreAttributes: true,
 *   processEntities: true, htmlEntities: true, ignoreDeclaration: true, ignorePiTags: true,
 *   transformTagName: prefix with '$' })`. v5 decodes numeric references only with
 *   `htmlEntities`; the prefix keeps its reserved-name guard (it throws on `__proto__`, renames
 *   `toString`) out of the way, and is stripped before comparing;
 * - CDATA: both join all sections and text pieces of an element into one string;
 * - empty elements: `''` on both sides; arrays: repeated tags in order on both sides;
 * - whitespace-only text between elements: fast-xml-parser reports it under `#text` (trimValues
 *   off); ours drops it, so a blank `#text` is removed before comparing. Non-blank mixed content
 *   is `#text` on both sides, compared as is;
 * - deep equality of everything else: keys, leaves (strings only), array lengths, plus our own
 *   invariants (null prototypes, no one-element arrays).
 * Valid inputs we reject must fall under a named exception (`fuzz-exceptions.ts`), each tested
 * below; where fast-xml-parser's parser itself is wrong, a reference quirk is named and justified
 * by re-running it without the construct (also tested below).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { WxXmlError } from '../errors.js'
import { NAMED_EXCEPTIONS } from './fuzz-exceptions.js'
import { fuzzCorpus } from './fuzz-corpus.js'
import { hasDoctype, withoutProcessingInstructions } from './fuzz-markup.js'
import { difference, normalizeReference, REFERENCE_OPTIONS } from './fuzz-compare.js'
import { createOracle } from './fuzz-oracle.js'
import type { Verdict } from './fuzz-oracle.js'
import { parseXml } from './parse-xml.js'

const oracle = createOracle({ XMLParser, XMLValidator })
const reference = new XMLParser({ ...REFERENCE_OPTIONS })

describe('differential fuzz against fast-xml-parser', () => {
  it('agrees on 5,000 fixed-seed inputs, valid and invalid alike', () => {
    const tally: Record<string, number> = {}
    const disagreements: string[] = []
    for (const input of fuzzCorpus(20_251_121, 5000)) {
      const verdict = oracle(input)
      const key =
        verdict.kind === 'exception' || verdict.kind === 'reference-quirk'
          ? `${verdict.kind}:${verdict.name}`
          : verdict.kind
      tally[key] = (tally[key] ?? 0) + 1
      if (verdict.kind === 'disagree')
        disagreements.push(`${verdict.reason}: ${verdict.detail} in ${JSON.stringify(input)}`)
    }
    expect(disagreements.slice(0, 3)).toEqual([])
    // The corpus must exercise both sides, or agreement means little.
    expect(tally['agree-valid']).toBeGreaterThan(2000)
    expect(tally['agree-invalid']).toBeGreaterThan(1500)
  })
})

describe('the comparison', () => {
  it('drops whitespace-only #text (indentation) but keeps mixed content', () => {
    const raw = reference.parse('<a>\n <b>1</b>\n</a>')
    expect(raw).toEqual({ $a: { $b: '1', '#text': '\n \n' } })
    expect(normalizeReference(raw)).toEqual({ a: { b: '1' } })
    expect(normalizeReference(reference.parse('<a>x<b>1</b></a>'))).toEqual({
      a: { b: '1', '#text': 'x' },
    })
  })

  it('keeps fast-xml-parser away from its reserved-name guard by prefixing every tag', () => {
    const value = normalizeReference(
      reference.parse('<__proto__><constructor/><toString>1</toString></__proto__>'),
    )
    expect(
      difference(parseXml('<__proto__><constructor/><toString>1</toString></__proto__>'), value),
    ).toBeUndefined()
  })

  it('notices a wrong leaf, a missing key, a one-element array and a prototype', () => {
    const ours = parseXml('<a><b>1</b><c>2</c></a>')
    expect(difference(ours, { a: { b: '1', c: '3' } })).toContain('.a.c')
    expect(difference(ours, { a: { b: '1' } })).toContain('keys')
    const nullObject = (value: object): object =>
      Object.assign(Object.create(null) as object, value)
    expect(difference(nullObject({ a: ['1'] }), { a: ['1'] })).toContain('array of 1')
    expect(difference({ a: '1' }, { a: '1' })).toContain('prototype')
  })

  it('tells a DOCTYPE declaration from the same characters in CDATA, a comment or an attribute', () => {
    expect(hasDoctype('<!DOCTYPE x><a/>')).toBe(true)
    expect(hasDoctype('<a><![CDATA[<!DOCTYPE x>]]><!--<!DOCTYPE--><b c="<!DOCTYPE"/></a>')).toBe(
      false,
    )
  })

  it('classes an input the validator rejects and we reject as agreement', () => {
    const broken = '<a>&#X41;</a>' // uppercase X: fast-xml-parser's parser would still decode it
    expect(XMLValidator.validate(broken)).not.toBe(true)
    expect(oracle(broken)).toEqual<Verdict>({ valid: false, kind: 'agree-invalid' })
  })
})

/** One example per named exception: the validator accepts it, we reject it on purpose. */
const EXCEPTION_EXAMPLES: Record<string, string> = {
  'undefined-entity': '<a>&nbsp;</a>',
  'invalid-char-ref': '<a>&#xD800;</a>',
  'too-deep': `${'<d>'.repeat(33)}x${'</d>'.repeat(33)}`,
  'content-outside-root': '<a/><b/>',
  'unclosed-markup-after-root': '<a></a><?pi never closed',
  'js-whitespace-in-name': '<\ufeffa></a>',
  'slash-in-end-tag': '<x><y/></y /></x>',
  'pi-without-target': '<??><a/>',
  'stray-equals': '<a =>x</a>',
  'truncated-self-closing-tag': '<a/',
  'bang-markup': '<a><!ENTITY x "y"></a>',
}

describe('named exceptions (valid per the validator, rejected by design)', () => {
  it('has an example for each exception and no example without one', () => {
    expect(Object.keys(EXCEPTION_EXAMPLES).sort()).toEqual(
      NAMED_EXCEPTIONS.map((e) => e.name).sort(),
    )
  })

  it.each(NAMED_EXCEPTIONS.map((e) => [e.name, e.why] as const))('%s: %s', (name) => {
    const input = EXCEPTION_EXAMPLES[name]!
    expect(XMLValidator.validate(input)).toBe(true)
    expect(() => parseXml(input)).toThrow(WxXmlError)
    expect(oracle(input)).toEqual<Verdict>({ valid: true, kind: 'exception', name })
  })

  it('does not excuse a rejection the input does not justify', () => {
    // Valid, and parseXml accepts it; a rejection at any offset here would have no exception.
    const input = '<a b="1"><c>&amp;</c><!-- x --></a>'
    for (let offset = 0; offset < input.length; offset++) {
      const ctx = { isValidXml: () => false, depthOf: () => 1 }
      expect(
        NAMED_EXCEPTIONS.filter((e) => e.applies(input, offset, ctx)).map((e) => e.name),
      ).toEqual([])
    }
  })
})

describe('reference quirks (fast-xml-parser is wrong, we are right)', () => {
  it('pi-quotes: its parser reads quoted strings inside a PI, swallowing what follows', () => {
    const input = `<a><?pi "?><b>1</b><c>"?></c></a>`
    expect(XMLValidator.validate(input)).toBe(true)
    expect(parseXml(input)).toEqual({ a: { b: '1', c: '"?>' } })
    expect(difference(parseXml(input), normalizeReference(reference.parse(input)))).toBeDefined()
    expect(
      difference(
        parseXml(input),
        normalizeReference(reference.parse(withoutProcessingInstructions(input))),
      ),
    ).toBeUndefined()
    expect(oracle(input)).toEqual<Verdict>({
      valid: true,
      kind: 'reference-quirk',
      name: 'pi-quotes',
    })
  })
})
