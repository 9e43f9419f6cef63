import { describe, expect, it } from 'vitest'
import { reachableHost } from './role.js'

describe('reachableHost', () => {
  it('dials the loopback for a wildcard address, so the emulator can push to a public webhook', () => {
    expect(reachableHost('0.0.0.0')).toBe('127.0.0.1')
    expect(reachableHost('::')).toBe('[::1]')
  })

  it('keeps a concrete address, bracketing IPv6 for a URL', () => {
    expect(reachableHost('127.0.0.1')).toBe('127.0.0.1')
    expect(reachableHost('localhost')).toBe('localhost')
    expect(reachableHost('::1')).toBe('[::1]')
    expect(reachableHost('[::1]')).toBe('[::1]')
  })
})
