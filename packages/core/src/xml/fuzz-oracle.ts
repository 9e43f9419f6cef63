/**
 * The differential oracle: `parseXml` against fast-xml-parser on one input.
 * fast-xml-parser is passed in (`ReferenceXml`), so this module ships without depending on it;
 * `differential.test.ts` and `bench/xml-fuzz.ts` hand it the real package.
 *
 * Rules. An input is valid when it holds no DOCTYPE declaration (`fuzz-markup.ts`: the text
 * `<!DOCTYPE` inside CDATA is not one) and `XMLValidator.validate` returns true.
 * - Valid, we parse: our value must deep-equal the normalised reference value, unless
 *   the reference parser is provably wrong (REFERENCE_QUIRKS, justified by a re-run).
 * - Valid, we throw: the rejection must be a named exception (`fuzz-exceptions.ts`).
 * - Invalid: we must throw WxXmlError.
 * - Always: nothing but WxXmlError escapes, its offset is within the input, every object we
 *   return has a null prototype, every leaf is a string, arrays hold two or more values.
 * The comparison itself is `fuzz-compare.ts`.
 */
import { WxXmlError } from '../errors.js'
import type { ExceptionContext } from './fuzz-exceptions.js'
import { NAMED_EXCEPTIONS } from './fuzz-exceptions.js'
import { difference, normalizeReference, REFERENCE_OPTIONS } from './fuzz-compare.js'
import { hasDoctype, processingInstructions, withoutProcessingInstructions } from './fuzz-markup.js'
import { parseXml } from './parse-xml.js'

/** The parts of fast-xml-parser the oracle uses. */
export interface ReferenceXml {
  readonly XMLParser: new (options: Record<string, unknown>) => { parse(xml: string): unknown }
  readonly XMLValidator: { validate(xml: string): unknown }
}

/** The outcome for one input; `valid` is the input's class by the rules above. */
export type Verdict = { readonly valid: boolean } & (
  | { readonly kind: 'agree-valid' | 'agree-invalid' }
  | { readonly kind: 'exception' | 'reference-quirk'; readonly name: string }
  | { readonly kind: 'disagree'; readonly reason: string; readonly detail: string }
)

/**
 * Where fast-xml-parser's *parser* is wrong on input its validator accepts, and we are right.
 * Justified by re-running the reference on the input with the construct removed.
 */
const REFERENCE_QUIRKS: readonly {
  readonly name: string
  readonly why: string
  applies(input: string, ours: unknown, reference: (xml: string) => unknown): boolean
}[] = [
  {
    name: 'pi-quotes',
    why: 'its parser skips quoted strings inside a PI (and `<?>` ends at once), so `<?x "?>…` swallows what follows; XML and its validator end a PI at the first `?>`',
    applies: (input, ours, reference) => {
      if (!processingInstructions(input).some((pi) => /["']/.test(pi) || pi.startsWith('<?>')))
        return false
      try {
        return difference(ours, reference(withoutProcessingInstructions(input))) === undefined
      } catch {
        return false
      }
    },
  },
]

/** Element depth of a preserveOrder tree (`[{ tag: [children] }, { '#text': … }]`). */
function orderedDepth(nodes: unknown): number {
  if (!Array.isArray(nodes)) return 0
  let max = 0
  for (const node of nodes as Record<string, unknown>[]) {
    for (const [key, children] of Object.entries(node)) {
      if (key !== '#text' && key !== ':@') max = Math.max(max, 1 + orderedDepth(children))
    }
  }
  return max
}

/** An oracle over `ref`: call it on each input. */
export function createOracle(ref: ReferenceXml): (input: string) => Verdict {
  const parser = new ref.XMLParser({ ...REFERENCE_OPTIONS })
  const ordered = new ref.XMLParser({
    ...REFERENCE_OPTIONS,
    preserveOrder: true,
    maxNestedTags: 10_000,
  })
  const ctx: ExceptionContext = {
    isValidXml: (xml) => {
      try {
        return ref.XMLValidator.validate(xml) === true
      } catch {
        return false
      }
    },
    depthOf: (xml) => {
      try {
        return orderedDepth(ordered.parse(xml))
      } catch {
        return undefined
      }
    },
  }
  const reference = (xml: string): unknown => normalizeReference(parser.parse(xml))
  return (input) => {
    const valid = !hasDoctype(input) && ctx.isValidXml(input)
    const disagree = (reason: string, detail: string): Verdict => ({
      valid,
      kind: 'disagree',
      reason,
      detail,
    })
    let ours: unknown
    try {
      ours = parseXml(input)
    } catch (error) {
      if (!(error instanceof WxXmlError))
        return disagree('threw something else than WxXmlError', String(error))
      const offset = error.offset
      if (offset === undefined || offset < 0 || offset > input.length)
        return disagree('error offset out of range', error.message)
      if (!valid) return { valid, kind: 'agree-invalid' }
      const exception = NAMED_EXCEPTIONS.find((e) => e.applies(input, offset, ctx))
      if (exception === undefined) return disagree('rejected a valid input', error.message)
      return { valid, kind: 'exception', name: exception.name }
    }
    if (!valid) return disagree('accepted an invalid input', '')
    let d: string | undefined
    try {
      d = difference(ours, reference(input))
    } catch (err) {
      d = `the reference failed: ${String(err)}`
    }
    if (d === undefined) return { valid, kind: 'agree-valid' }
    const quirk = REFERENCE_QUIRKS.find((q) => q.applies(input, ours, reference))
    return quirk !== undefined
      ? { valid, kind: 'reference-quirk', name: quirk.name }
      : disagree('different values', d)
  }
}
