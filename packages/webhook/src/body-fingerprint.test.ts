import { describe, expect, it } from 'vitest'
import { bodyFingerprint } from './body-fingerprint.js'
import { textXml } from './test-fixtures.js'

describe('bodyFingerprint', () => {
  it('is equal for identical bodies and differs for a one-character change anywhere in a typical push', () => {
    const body = textXml('你好，我要订一张周五的票', '24000000000000000001')
    expect(bodyFingerprint(body)).toBe(bodyFingerprint(String(body)))
    let differing = 0
    for (let i = 0; i < body.length; i++) {
      const edited = body.slice(0, i) + (body[i] === 'x' ? 'y' : 'x') + body.slice(i + 1)
      if (bodyFingerprint(edited) !== bodyFingerprint(body)) differing++
    }
    // Sampling skips some positions of long bodies; most single edits must still show.
    expect(differing / body.length).toBeGreaterThan(0.2)
  })

  it('tells apart messages that differ only in content or id', () => {
    expect(bodyFingerprint(textXml('one', '1'))).not.toBe(bodyFingerprint(textXml('two', '1')))
    expect(bodyFingerprint(textXml('one', '1'))).not.toBe(bodyFingerprint(textXml('one', '2')))
  })
})
