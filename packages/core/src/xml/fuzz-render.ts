/**
 * Renders fuzz message trees to XML text, varying everything a producer may legally vary:
 * CDATA (split at random, `]]>` carried across sections) vs escaped text (named or numeric
 * references), indentation (none, LF, CRLF, tabs), empty-element spellings, an XML declaration,
 * a BOM, comments, processing instructions, attributes, and occasional mixed content.
 * Its output is well-formed; `fuzz-mutate.ts` is what breaks it.
 */
import type { FuzzNode } from './fuzz-nodes.js'
import { userText } from './fuzz-nodes.js'
import type { Rng } from './fuzz-rng.js'

/** One CDATA section holding `text`; a `]]>` inside is split across two sections. */
function cdataSection(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
}

/** A numeric reference to the code point `cp`: decimal, or hex in either case. */
function charRef(rng: Rng, cp: number): string {
  if (rng.chance(0.5)) return `&#${cp};`
  const hex = cp.toString(16)
  return `&#x${rng.chance(0.5) ? hex : hex.toUpperCase()};`
}

/** `text` as escaped character data, each special character spelled one of its legal ways. */
function escaped(rng: Rng, text: string): string {
  let out = ''
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0
    if (ch === '&') out += rng.pick(['&amp;', '&#38;', '&#x26;'])
    else if (ch === '<') out += rng.pick(['&lt;', '&#60;', '&#x3c;'])
    else if (ch === '>') out += rng.pick(['>', '&gt;'])
    else if (ch === '"') out += rng.pick(['"', '&quot;'])
    else if (ch === "'") out += rng.pick(["'", '&apos;'])
    else if (ch === '\r') out += rng.pick(['\r', '&#13;'])
    else if (rng.chance(0.05)) out += charRef(rng, cp)
    else out += ch
  }
  return out
}

/** `text` cut at up to three random places, each piece CDATA or escaped (per `mode`). */
function characterData(rng: Rng, text: string, mode: 'cdata' | 'escaped' | 'mixed'): string {
  const chars = Array.from(text)
  const cuts = Array.from({ length: rng.int(4) }, () => rng.int(chars.length + 1)).sort(
    (a, b) => a - b,
  )
  let out = ''
  let from = 0
  for (const at of [...cuts, chars.length]) {
    const piece = chars.slice(from, at).join('')
    const asCdata = mode === 'cdata' || (mode === 'mixed' && rng.chance(0.5))
    out += asCdata ? cdataSection(piece) : escaped(rng, piece)
    from = at
  }
  return out
}

/** Whitespace and markup style shared by one document. */
interface Style {
  readonly indent: string
  readonly extras: number
}

function gap(rng: Rng, style: Style, depth: number): string {
  let out = style.indent === '' ? '' : style.indent + '  '.repeat(depth)
  if (rng.chance(style.extras))
    out += `<!--${userText(rng).replaceAll('-->', '').replace(/-$/, '')}-->`
  if (rng.chance(style.extras / 2)) {
    // Quotes in a PI trip fast-xml-parser's parser (reference quirk `pi-quotes`): keep them rarer.
    const note = userText(rng).replaceAll('?>', '')
    out += `<?wx-note ${rng.chance(0.8) ? note.replace(/["']/g, '') : note}?>`
  }
  if (rng.chance(style.extras / 2)) out += escaped(rng, 'mixed ' + userText(rng))
  return out
}

function element(rng: Rng, node: FuzzNode, style: Style, depth: number): string {
  const open = `<${node.tag}${rng.chance(style.extras / 2) ? ` note="${rng.int(9)}" lang='zh'` : ''}`
  const close = rng.chance(0.05) ? `</${node.tag} >` : `</${node.tag}>`
  switch (node.kind) {
    case 'number':
      return `${open}>${node.text}${close}`
    case 'empty':
      return rng.pick([`${open}/>`, `${open} />`, `${open}>${close}`])
    case 'text': {
      if (node.text === '' && rng.chance(0.5)) return rng.pick([`${open}/>`, `${open}>${close}`])
      const roll = rng.float()
      const mode = roll < 0.55 ? 'cdata' : roll < 0.85 ? 'escaped' : 'mixed'
      return `${open}>${characterData(rng, node.text, mode)}${close}`
    }
    case 'parent': {
      let out = `${open}>`
      for (const child of node.children)
        out += gap(rng, style, depth + 1) + element(rng, child, style, depth + 1)
      return out + gap(rng, style, depth) + close
    }
  }
}

/** A complete document `<xml>…</xml>` holding `children`, in a random but legal style. */
export function renderBody(rng: Rng, children: readonly FuzzNode[]): string {
  const style: Style = {
    indent: rng.pick(['', '\n', '\r\n', '\n\t']),
    extras: rng.pick([0, 0, 0.05, 0.2]),
  }
  let out = rng.chance(0.02) ? '\ufeff' : ''
  if (rng.chance(0.2)) out += `<?xml version="1.0" encoding="UTF-8"?>${rng.pick(['', '\n'])}`
  if (rng.chance(style.extras)) out += '<!-- pushed by the fuzz corpus -->\n'
  out += element(rng, { tag: 'xml', kind: 'parent', children }, style, 0)
  return out + rng.pick(['', '\n', '\n<!-- end -->\n', '  '])
}
