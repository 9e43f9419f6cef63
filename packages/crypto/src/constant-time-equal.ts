/**
 * Comparison of secrets-derived strings (signatures) that does not leak, through timing,
 * how many leading characters matched. A plain `===` stops at the first difference, which lets
 * an attacker forge a signature one character at a time by measuring response times.
 */
import { timingSafeEqual } from 'node:crypto'

/**
 * True when `a` and `b` are the same string, compared in constant time for equal lengths.
 * Never throws: different lengths, empty strings and non-hex text simply compare as usual.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  // Callers pass query parameters straight through; a missing one must fail, not crash.
  if (typeof a !== 'string' || typeof b !== 'string') return false
  // The length of a signature is public (always 40 hex digits), so leaking it costs nothing.
  if (a.length !== b.length) return false
  // UTF-8 rather than 'hex': Buffer.from(x, 'hex') silently drops everything from the first
  // non-hex character, so two different malformed strings could otherwise compare equal.
  // Small Buffer.from calls are served from Node's preallocated pool, so this stays cheap.
  const left = Buffer.from(a, 'utf8')
  const right = Buffer.from(b, 'utf8')
  // Same UTF-16 length can still differ in UTF-8 bytes (non-ASCII); timingSafeEqual would throw.
  if (left.length !== right.length) return false
  return timingSafeEqual(left, right)
}
