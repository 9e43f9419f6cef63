/**
 * The limits a client checks before sending must be the reference's (§6.1, §6.10) and must name
 * the same button types the request schema accepts, or a local check would pass what WeChat
 * refuses (or the reverse).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  MENU_ARTICLE_TYPES,
  MENU_KEY_TYPES,
  MENU_LIMITS,
  MENU_MEDIA_TYPES,
  MENU_URL_TYPES,
  QR_LIMITS,
} from './limits.js'
import { leafButton } from './menu-schemas.js'
import { REFERENCE_PATH } from './reference-index.test.helpers.js'

const reference = readFileSync(REFERENCE_PATH, 'utf8')
const section = (heading: string): string => {
  const start = reference.indexOf(heading)
  return reference.slice(start, reference.indexOf('\n### ', start + 1))
}

describe('MENU_LIMITS', () => {
  const menu = section('### 6.1 Menu')

  it('copies the numbers of §6.1', () => {
    expect(menu).toContain(`1–${MENU_LIMITS.maxButtons} top-level buttons`)
    expect(menu).toContain(`1–${MENU_LIMITS.maxSubButtons} per top-level button`)
    expect(menu).toContain(`≤ ${MENU_LIMITS.maxButtonNameBytes} bytes (top level)`)
    expect(menu).toContain(`≤ ${MENU_LIMITS.maxSubButtonNameBytes} bytes (sub menu)`)
    expect(menu).toContain(`\`key\` | ≤ ${MENU_LIMITS.maxKeyBytes} bytes`)
    expect(menu).toContain(`\`url\` | ≤ ${MENU_LIMITS.maxUrlBytes} bytes`)
  })

  it('covers exactly the button types the request schema accepts', () => {
    const grouped = [
      ...MENU_KEY_TYPES,
      ...MENU_URL_TYPES,
      ...MENU_MEDIA_TYPES,
      ...MENU_ARTICLE_TYPES,
    ]
    const schemaTypes = leafButton.options.flatMap((option) => {
      const type = option.shape.type
      return 'options' in type ? [...type.options] : [...type.values]
    })
    expect([...grouped].sort()).toEqual([...new Set(schemaTypes)].sort())
    for (const type of MENU_KEY_TYPES) expect(menu).toContain(`\`${type}\``)
  })
})

describe('QR_LIMITS', () => {
  const qr = section('### 6.10 Parametric QR codes')

  it('copies the numbers of §6.10', () => {
    expect(qr).toContain(`max ${QR_LIMITS.maxExpireSeconds.toLocaleString('en')}`)
    expect(qr).toContain(`default ${QR_LIMITS.defaultExpireSeconds} s`)
    expect(qr).toContain(`permanent: 1–${QR_LIMITS.maxPermanentSceneId.toLocaleString('en')}`)
    expect(qr).toContain(`1–${QR_LIMITS.maxSceneStrLength} characters`)
    expect(qr).toContain('32-bit non-zero integer')
  })
})
