/**
 * A deliberately naive markup lexer for the differential oracle, independent of `parseXml`.
 * It answers two questions about an input by XML's rules (a CDATA section, comment or PI ends at
 * its first terminator; a `>` inside a quoted attribute value does not end a tag):
 * - does it hold a DOCTYPE *declaration*? (`<![CDATA[<!DOCTYPE]]>` is text, not a declaration)
 * - what is it without its processing instructions?
 */

/** One construct found by `markupSpans`, `[from, to)` in the input. */
export interface MarkupSpan {
  readonly kind: 'cdata' | 'comment' | 'pi' | 'doctype' | 'tag'
  readonly from: number
  readonly to: number
}

/** End of the construct opened at `from` by `open` and closed by `close` (input end if never). */
function until(input: string, from: number, open: string, close: string): number {
  const end = input.indexOf(close, from + open.length)
  return end === -1 ? input.length : end + close.length
}

/** End of the tag at `lt`: after the first `>` outside quotes (input end if none). */
function tagEnd(input: string, lt: number): number {
  let quote = ''
  for (let i = lt + 1; i < input.length; i++) {
    const ch = input.charAt(i)
    if (quote !== '') {
      if (ch === quote) quote = ''
    } else if (ch === '"' || ch === "'") quote = ch
    else if (ch === '>') return i + 1
  }
  return input.length
}

/** Every markup construct of `input`, in order. */
export function markupSpans(input: string): MarkupSpan[] {
  const spans: MarkupSpan[] = []
  let i = 0
  for (;;) {
    const lt = input.indexOf('<', i)
    if (lt === -1) return spans
    let kind: MarkupSpan['kind']
    let to: number
    if (input.startsWith('<![CDATA[', lt))
      [kind, to] = ['cdata', until(input, lt, '<![CDATA[', ']]>')]
    else if (input.startsWith('<!--', lt)) [kind, to] = ['comment', until(input, lt, '<!--', '-->')]
    else if (input.startsWith('<?', lt)) [kind, to] = ['pi', until(input, lt, '<?', '?>')]
    else if (input.startsWith('<!DOCTYPE', lt)) [kind, to] = ['doctype', lt + 9]
    else [kind, to] = ['tag', tagEnd(input, lt)]
    spans.push({ kind, from: lt, to })
    i = to
  }
}

/** True when `input` holds a DOCTYPE declaration (not merely the text `<!DOCTYPE` in data). */
export function hasDoctype(input: string): boolean {
  return input.includes('<!DOCTYPE') && markupSpans(input).some((s) => s.kind === 'doctype')
}

/** `input` with its processing instructions removed (they carry no content). */
export function withoutProcessingInstructions(input: string): string {
  let out = ''
  let from = 0
  for (const span of markupSpans(input)) {
    if (span.kind !== 'pi') continue
    out += input.slice(from, span.from)
    from = span.to
  }
  return out + input.slice(from)
}

/** The PIs of `input` (each from `<?` through its first `?>`). */
export function processingInstructions(input: string): string[] {
  return markupSpans(input)
    .filter((s) => s.kind === 'pi')
    .map((s) => input.slice(s.from, s.to))
}
