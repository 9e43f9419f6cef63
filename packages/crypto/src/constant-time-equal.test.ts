import { describe, expect, it } from 'vitest'
import { constantTimeEqual } from './constant-time-equal.js'

const SIG = 'f464b24fc39322e44b38aa78f5edd27bd1441696'

describe('constantTimeEqual', () => {
  it('accepts an identical signature', () => {
    expect(constantTimeEqual(SIG, `${SIG}`)).toBe(true)
  })

  it('rejects a signature differing in the first or the last character', () => {
    expect(constantTimeEqual(SIG, `0${SIG.slice(1)}`)).toBe(false)
    expect(constantTimeEqual(SIG, `${SIG.slice(0, -1)}7`)).toBe(false)
  })

  it('rejects strings of different lengths without throwing', () => {
    expect(constantTimeEqual(SIG, SIG.slice(0, 39))).toBe(false)
    expect(constantTimeEqual(SIG, `${SIG}0`)).toBe(false)
  })

  it('treats two empty strings as equal and an empty string as different from a signature', () => {
    expect(constantTimeEqual('', '')).toBe(true)
    expect(constantTimeEqual('', SIG)).toBe(false)
    expect(constantTimeEqual(SIG, '')).toBe(false)
  })

  it('does not treat different non-hex strings as equal (hex decoding would drop them both)', () => {
    expect(constantTimeEqual('zzzz', 'yyyy')).toBe(false)
    expect(constantTimeEqual(`${SIG.slice(0, 39)}g`, `${SIG.slice(0, 39)}h`)).toBe(false)
  })

  it('rejects an odd-length or non-ASCII lookalike of the same string length without throwing', () => {
    expect(constantTimeEqual('abc', 'abd')).toBe(false)
    // Same UTF-16 length, different UTF-8 byte length.
    expect(constantTimeEqual('é', 'e')).toBe(false)
  })

  it('returns false instead of throwing when a query parameter is missing', () => {
    expect(constantTimeEqual(SIG, undefined as unknown as string)).toBe(false)
    expect(constantTimeEqual(null as unknown as string, SIG)).toBe(false)
  })
})
