/**
 * Building blocks of the fuzz corpus's message trees: the node type, its constructors, the
 * common push header, and hostile user text (CJK, emoji, `&<>"'`, `]]>`, CR/LF, markup look-alikes).
 */
import type { Rng } from './fuzz-rng.js'

/** One element of a generated body: a string leaf, a bare-number leaf, an empty one, or a parent. */
export type FuzzNode =
  | { readonly tag: string; readonly kind: 'text' | 'number'; readonly text: string }
  | { readonly tag: string; readonly kind: 'empty' }
  | { readonly tag: string; readonly kind: 'parent'; readonly children: readonly FuzzNode[] }

/** A string leaf (rendered as CDATA or escaped text). */
export const str = (tag: string, text: string): FuzzNode => ({ tag, kind: 'text', text })
/** A bare-number leaf (`<CreateTime>1700000000</CreateTime>`). */
export const num = (tag: string, text: string): FuzzNode => ({ tag, kind: 'number', text })
/** An element with children. */
export const parent = (tag: string, children: readonly FuzzNode[]): FuzzNode => ({
  tag,
  kind: 'parent',
  children,
})

/** `n` results of `make(i)`. */
export const times = <T>(n: number, make: (i: number) => T): T[] =>
  Array.from({ length: n }, (_, i) => make(i))

/** Hex digits (`gh_` ids, MD5 sums). */
export const HEX = '0123456789abcdef'
/** Decimal digits (MsgId, timestamps). */
export const DIGITS = '0123456789'
/** OpenID / media-id characters. */
export const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'
/** Base64 characters (`Encrypt`, tickets). */
export const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Pieces user text is assembled from; the nasty ones are what the codec must carry intact. */
// prettier-ignore
const PIECES: readonly string[] = [
  'hello', 'WeChat ', '你好', '公众号', '请问今天几点开始？', '谢谢！', '😀', '🎉👍', '𠮷',
  '&', '<', '>', '"', "'", ']]>', ']]', ']>', '<![CDATA[', '&amp;', '&#65;', '<b>x</b>',
  ' ', '  ', '\n', '\t', '\r\n', '\r', '-->', '<!--', '?>', '\u00a0', '\u3000', 'a=1&b=2',
]

/** Random user-visible text: 0–8 pieces from `PIECES` and random CJK. */
export function userText(rng: Rng): string {
  let out = ''
  for (let n = rng.int(9); n > 0; n--) {
    out += rng.chance(0.15) ? String.fromCharCode(0x4e00 + rng.int(0x5000)) : rng.pick(PIECES)
  }
  return out
}

/** A decimal like the reference's coordinates (`23.134521`). */
export const decimal = (rng: Rng): string => `${rng.int(180)}.${rng.chars(DIGITS, 6)}`

/** The four fields every push starts with (§2.2). */
export function header(rng: Rng, msgType: string): FuzzNode[] {
  return [
    str('ToUserName', `gh_${rng.chars(HEX, 12)}`),
    str('FromUserName', `o${rng.chars(ID_CHARS, 27)}`),
    num('CreateTime', String(1_600_000_000 + rng.int(200_000_000))),
    str('MsgType', msgType),
  ]
}
