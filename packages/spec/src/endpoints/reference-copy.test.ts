/**
 * The vendored reference (reference/wechat-mp-protocol.md) is there, and is the same as the team's
 * shared original whenever that is beside the checkout: the table tests read the copy, so a stale
 * copy would check the table against yesterday's facts.
 */
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { REFERENCE_PATH, SHARED_REFERENCE_PATH } from './reference-index.test.helpers.js'

describe('the vendored protocol reference', () => {
  it('is in the repository', () => {
    expect(existsSync(REFERENCE_PATH), REFERENCE_PATH).toBe(true)
  })

  const shared = existsSync(SHARED_REFERENCE_PATH)
  if (shared)
    it('matches the shared original beside the checkout (else copy it again)', () => {
      expect(
        readFileSync(REFERENCE_PATH, 'utf8') === readFileSync(SHARED_REFERENCE_PATH, 'utf8'),
      ).toBe(true)
    })
})
