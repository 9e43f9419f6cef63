/// <reference types="node" />
/**
 * Writes `docs/api.md` from `@wxmp/spec`'s endpoint table (`npm run docs:api`). The spec test
 * `api-doc.test.ts` fails until the file matches, so run this after changing the table.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { API_DOC_PATH, renderApiDoc } from '../packages/spec/src/endpoints/api-doc.js'

const file = fileURLToPath(new URL(`../${API_DOC_PATH}`, import.meta.url))
writeFileSync(file, renderApiDoc())
console.log(`wrote ${API_DOC_PATH}`)
