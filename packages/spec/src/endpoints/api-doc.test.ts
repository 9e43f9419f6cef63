/** `docs/api.md` is what the generator makes from the current table. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { API_DOC_PATH, renderApiDoc } from './api-doc.js'
import { allEndpoints } from './table.js'

const FILE = fileURLToPath(new URL(`../../../../${API_DOC_PATH}`, import.meta.url))

describe('docs/api.md', () => {
  it('is current (regenerate with `npm run docs:api`)', () => {
    expect(readFileSync(FILE, 'utf8'), 'run `npm run docs:api`').toBe(renderApiDoc())
  })

  it('lists every endpoint once, with its doc link', () => {
    const text = renderApiDoc()
    for (const entry of allEndpoints) {
      const rows = text.split('\n').filter((line) => line.startsWith(`| \`${entry.id}\` |`))
      expect(rows, entry.id).toHaveLength(1)
      expect(rows[0]).toContain('https://developers.weixin.qq.com/')
      expect(rows[0]).toContain(`\`${entry.path}\``)
    }
  })
})
