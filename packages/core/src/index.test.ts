import { describe, expect, it } from 'vitest'
import { PACKAGE } from './index.js'

describe('core', () => {
  it('loads', () => expect(PACKAGE).toBe('@wxmp/core'))
})
