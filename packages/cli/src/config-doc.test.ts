/** `docs/configuration.md` lists every variable of `ENV_VARS`, as the generator writes it. */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { ENV_VARS } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { CONFIG_DOC_PATH, renderEnvTable, withCurrentEnvTable } from './config-doc.js'

const FILE = fileURLToPath(new URL(`../../../${CONFIG_DOC_PATH}`, import.meta.url))

describe('docs/configuration.md', () => {
  it('has the current variables table (regenerate with `npm run docs:config`)', () => {
    const doc = readFileSync(FILE, 'utf8')
    expect(doc, 'run `npm run docs:config`').toBe(withCurrentEnvTable(doc))
  })

  it('gives every variable one row, secrets marked', () => {
    const table = renderEnvTable()
    for (const v of ENV_VARS) {
      const rows = table.split('\n').filter((line) => line.startsWith(`| \`${v.name}\` |`))
      expect(rows, v.name).toHaveLength(1)
      expect(rows[0]!.includes('| yes |'), v.name).toBe(v.secret)
    }
  })

  it('refuses a guide without the markers instead of appending', () => {
    expect(() => withCurrentEnvTable('# no markers')).toThrow(/markers/)
  })
})
