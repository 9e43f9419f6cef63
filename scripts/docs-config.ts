/// <reference types="node" />
/**
 * Rewrites the variables table of `docs/configuration.md` from core's `ENV_VARS`
 * (`npm run docs:config`). The cli test `config-doc.test.ts` fails until the file matches.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { CONFIG_DOC_PATH, withCurrentEnvTable } from '../packages/cli/src/config-doc.js'

const file = fileURLToPath(new URL(`../${CONFIG_DOC_PATH}`, import.meta.url))
writeFileSync(file, withCurrentEnvTable(readFileSync(file, 'utf8')))
console.log(`wrote the variables table of ${CONFIG_DOC_PATH}`)
