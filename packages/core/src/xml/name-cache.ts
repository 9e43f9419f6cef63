/**
 * Tag-name interning. Using a freshly sliced string as an object key makes V8 internalise it
 * (hash it and look it up in its string table), which measured ~0.5 µs per key, more than
 * everything else a field costs. WeChat sends the same few dozen tag names on every request, so
 * a small direct-mapped table returns the string sliced last time, already internalised; a
 * candidate is verified with `startsWith`, so a collision only costs a fresh slice.
 * The table is bounded (SIZE entries of at most MAX_CACHED_LENGTH units), so hostile inputs can
 * neither grow it nor pin large strings: what it keeps is V8's internalised copy, never a slice
 * (a slice of 13+ units points into the whole request body and would keep it alive).
 */

const SIZE = 512
const MAX_CACHED_LENGTH = 64
const table: (string | undefined)[] = new Array<string | undefined>(SIZE).fill(undefined)

/** `s.slice(from, to)`, the same string object as last time when the name was seen before. */
export function internName(s: string, from: number, to: number): string {
  const len = to - from
  if (len > MAX_CACHED_LENGTH) return s.slice(from, to)
  const slot = (len * 61 + s.charCodeAt(from) * 31 + s.charCodeAt(to - 1) * 7) & (SIZE - 1)
  const hit = table[slot]
  if (hit !== undefined && hit.length === len && s.startsWith(hit, from)) return hit
  const name = internalised(s.slice(from, to))
  table[slot] = name
  return name
}

/** The engine's canonical copy of `key`: an object key is stored internalised and unsliced. */
function internalised(key: string): string {
  return Object.keys({ [key]: 0 })[0] ?? key
}
