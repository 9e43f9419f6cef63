/**
 * Mutations of the fuzz corpus: byte-level damage to a well-formed body (delete, duplicate or
 * swap ranges, truncate, random code units) and targeted injections of the constructs the parser
 * must get exactly right: DOCTYPE/ENTITY, stray `<` and `&`, half a CDATA section or comment,
 * bad numeric references (`&#0;`, `&#xD800;`, `&#x110000;`), unclosed and stray tags.
 */
import type { Rng } from './fuzz-rng.js'

/** Fragments injected at random offsets. */
// prettier-ignore
const SNIPPETS: readonly string[] = [
  '<', '>', '&', '/', '"', "'", '=', ' ', '\n', '\r', ';', '#', '!', '?', ']',
  '<!DOCTYPE x [<!ENTITY a "b">]>', '<!DOCTYPE xml>', '<!ENTITY a "b">', '&a;',
  '<![CDATA[', ']]>', '<![CDATA[x]]>', '<!--', '-->', '<!-- c -->', '<?', '?>', '<?pi x?>',
  '<?xml version="1.0"?>', '<Foo>', '</Foo>', '<Foo/>', '</xml>', '<xml>', '<a:b/>',
  '&#0;', '&#xD800;', '&#x110000;', '&#65;', '&#x4e2d;', '&#x1F600;', '&#xFFFE;', '&#1;', '&#;', '&#x;',
  '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&nbsp;', '&copy;', '&#12345678901234567890;',
  '\u0000', '\ufffe', '\ud800', '\udc00', '😀', '\ufeff', ' a="1"', ' a', " b='2'", ' a="1" a="2"',
  '<__proto__>x</__proto__>', '<constructor/>', '<!x>', '</ xml>', '< xml>',
]

/** Random code units, including controls and lone surrogates. */
function randomUnits(rng: Rng): string {
  let out = ''
  for (let n = rng.range(1, 4); n > 0; n--) {
    const roll = rng.float()
    const c = roll < 0.5 ? rng.int(0x80) : roll < 0.8 ? rng.int(0x3000) : rng.int(0x10000)
    out += String.fromCharCode(c)
  }
  return out
}

/** A range [from, to) of `text`, short more often than long. */
function range(rng: Rng, text: string): [number, number] {
  const from = rng.int(text.length + 1)
  const len = rng.chance(0.7) ? rng.int(8) : rng.int(text.length - from + 1)
  return [from, Math.min(text.length, from + len)]
}

/** `text` with one random mutation applied. */
export function mutateOnce(rng: Rng, text: string): string {
  const [from, to] = range(rng, text)
  const at = rng.int(text.length + 1)
  switch (rng.int(8)) {
    case 0:
      return text.slice(0, from) + text.slice(to)
    case 1:
      return text.slice(0, to) + text.slice(from, to) + text.slice(to)
    case 2: {
      // Swap two ranges; when they overlap, copy the first one to the second's start instead.
      const other = range(rng, text)
      const [[a, b], [c, d]] = from <= other[0] ? [[from, to], other] : [other, [from, to]]
      if (b > c) return text.slice(0, c) + text.slice(a, b) + text.slice(c)
      return (
        text.slice(0, a) + text.slice(c, d) + text.slice(b, c) + text.slice(a, b) + text.slice(d)
      )
    }
    case 3:
      return text.slice(0, at)
    case 4:
      return text.slice(0, at) + randomUnits(rng) + text.slice(at)
    case 5:
      return text.slice(0, from) + rng.pick(SNIPPETS) + text.slice(to)
    default:
      return text.slice(0, at) + rng.pick(SNIPPETS) + text.slice(at)
  }
}

/** `text` with 1–3 random mutations. */
export function mutate(rng: Rng, text: string): string {
  let out = mutateOnce(rng, text)
  for (let n = rng.int(3); n > 0; n--) out = mutateOnce(rng, out)
  return out
}
