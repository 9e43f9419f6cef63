/**
 * The named exceptions of the differential test: inputs that fast-xml-parser's validator calls
 * valid but `parseXml` rejects on purpose. Each is justified from the input itself, at the
 * offset of our error, never from our error message, so a wrong rejection cannot hide behind
 * one. Two groups:
 * - required by our own rules (the validator is laxer than them): undefined entities, bad
 *   character references, nesting over 32, anything outside the root element;
 * - validator leniencies that XML 1.0 calls not well-formed, where we side with XML.
 * Each one has its own test in `differential.test.ts`.
 */
import { isXmlChar } from './char-refs.js'
import { MAX_XML_DEPTH } from './cursor.js'
import { isNameStartCode } from './names.js'

/** What a justification may consult besides the input: the reference validator and depth. */
export interface ExceptionContext {
  /** The reference validator's verdict on `xml` (true when it calls it valid). */
  isValidXml(xml: string): boolean
  /** Element nesting depth of `xml` according to the reference parser; undefined if it fails. */
  depthOf(xml: string): number | undefined
}

/** A deliberate rejection of a validator-valid input. */
export interface NamedException {
  readonly name: string
  /** Why we reject what the validator accepts. */
  readonly why: string
  /** True when the input at `offset` (where we reported the error) is this construct. */
  applies(input: string, offset: number, ctx: ExceptionContext): boolean
}

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos'])
const isSpace = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r'

/** True when `input` at `offset` matches `re` (which must be sticky). */
function at(input: string, offset: number, re: RegExp): RegExpExecArray | null {
  re.lastIndex = offset
  return re.exec(input)
}

/** A tag's name as the validator reads it: after `<` or `</`, up to XML whitespace or `>`. */
function rawTagName(input: string, lt: number): string {
  const m = at(input, lt, /<\/?([^ \t\n\r>]*)/y)
  const name = m?.[1] ?? ''
  return name.endsWith('/') ? name.slice(0, -1) : name
}

/** True when `input[0, offset)` is a complete document, i.e. `offset` lies after the root. */
const afterRoot = (input: string, offset: number, ctx: ExceptionContext): boolean =>
  offset > 0 && ctx.isValidXml(input.slice(0, offset))

/** The exceptions, most specific first. */
export const NAMED_EXCEPTIONS: readonly NamedException[] = [
  {
    name: 'undefined-entity',
    why: 'the validator accepts any &\\w+; but without a DTD only the five predefined entities exist',
    applies: (input, offset) => {
      const m = at(input, offset, /&([A-Za-z0-9_]{1,20});/y)
      return m !== null && !PREDEFINED.has(m[1] ?? '')
    },
  },
  {
    name: 'invalid-char-ref',
    why: 'the validator accepts &#; &#x; and references to non-characters (&#0; &#xD800; &#x110000;)',
    applies: (input, offset) => {
      const m = at(input, offset, /&#(?:x([0-9a-fA-F]*)|([0-9]*));/y)
      if (m === null) return false
      const digits = m[1] ?? m[2] ?? ''
      if (digits === '') return true
      const cp = BigInt(m[1] !== undefined ? `0x${digits}` : digits)
      return cp > 0x10ffffn || !isXmlChar(Number(cp))
    },
  },
  {
    name: 'too-deep',
    why: `nesting is bounded at ${MAX_XML_DEPTH} levels; the validator has no bound`,
    applies: (input, offset, ctx) =>
      input[offset] === '<' && (ctx.depthOf(input) ?? 0) > MAX_XML_DEPTH,
  },
  {
    name: 'content-outside-root',
    why: 'the validator lets text, CDATA or a second element follow a self-closing root, and CDATA precede the root',
    applies: (input, offset, ctx) => {
      if (input.startsWith('<![CDATA[', offset) && !/<[^!?]/.test(input.slice(0, offset)))
        return true
      const rest = input.slice(offset)
      if (isSpace(rest[0]) || rest.startsWith('<!--') || rest.startsWith('<?')) return false
      return afterRoot(input, offset, ctx)
    },
  },
  {
    name: 'unclosed-markup-after-root',
    why: 'after the root, the validator accepts a comment, PI or CDATA that never ends',
    applies: (input, offset, ctx) => {
      const unclosed =
        (input.startsWith('<!--', offset) && input.indexOf('-->', offset + 4) === -1) ||
        (input.startsWith('<![CDATA[', offset) && input.indexOf(']]>', offset + 9) === -1) ||
        (input.startsWith('<?', offset) && input.indexOf('?>', offset + 2) === -1)
      return unclosed && afterRoot(input, offset, ctx)
    },
  },
  {
    name: 'bang-markup',
    why: "inside an element the validator skips any '<!' that is not a comment or CDATA (<!ENTITY, <![cdata[) as text",
    applies: (input, offset) =>
      input.startsWith('<!', offset) &&
      !input.startsWith('<!--', offset) &&
      !input.startsWith('<![CDATA[', offset),
  },
  {
    name: 'pi-without-target',
    why: 'a processing instruction starts with a target name; the validator accepts <??>, <? x?> and <?> (which, inside an element, it even ends at once)',
    applies: (input, offset) =>
      input.startsWith('<?', offset) && !isNameStartCode(input.charCodeAt(offset + 2)),
  },
  {
    name: 'stray-equals',
    why: 'the validator skips an \'=\' where an attribute name should start (<a =>, <a b="1"=>)',
    applies: (input, offset) => {
      const before = input[offset - 1]
      return input[offset] === '=' && (isSpace(before) || before === '"' || before === "'")
    },
  },
  {
    name: 'truncated-self-closing-tag',
    why: 'the validator takes `<name/` cut off at the end of the input for a complete `<name/>`',
    applies: (input, offset) => {
      const lt = input.lastIndexOf('<', offset)
      return lt !== -1 && input.endsWith('/') && input.indexOf('>', lt) === -1
    },
  },
  {
    name: 'js-whitespace-in-name',
    why: 'the validator trims tag names with String#trim (U+00A0, U+3000, U+FEFF… around a name vanish, so <{U+FEFF}a> closes with </a>); U+FEFF and U+1680, name characters to XML, are whitespace to JavaScript, and we do not accept them in names',
    applies: (input, offset) => {
      const lt = input[offset] === '<' ? offset : input.lastIndexOf('<', offset)
      if (lt === -1) return false
      const gt = input.indexOf('>', lt)
      if (/[\u1680\ufeff]/.test(input.slice(lt, gt === -1 ? undefined : gt))) return true
      const name = rawTagName(input, lt)
      if (name !== name.trim()) return true
      if (!input.startsWith('</', lt)) return false
      // An end tag that matches its start tag only once both are trimmed.
      const starts = input.matchAll(/<([^ \t\n\r/>!?][^ \t\n\r>]*)/g)
      return [...starts].some(([, raw = '']) => raw !== raw.trim() && raw.trim() === name)
    },
  },
  {
    name: 'slash-in-end-tag',
    why: 'the validator reads an end tag ending in `/>` (</a/>, </a />, </a b="1"/>) as a self-closing tag',
    applies: (input, offset) => at(input, offset, /<\/[^>]*\/>/y) !== null,
  },
]
