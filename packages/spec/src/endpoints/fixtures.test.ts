/**
 * The request and response examples of the protocol reference (§5, §6), kept as JSON files named
 * after their route (`fixtures/cgi-bin/menu/create.request.json`), validated against the table's
 * schemas. Validation must also give back exactly the fixture: zod drops keys a schema does not
 * model, so a field the schema misses (or misspells) shows up as a difference.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { errcodeInfo } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import type { Endpoint } from './define.js'
import { quoteId64 } from './id64.js'
import { isMultipart } from './multipart.js'
import { jsonSchemaOf } from './responses.js'
import { errorBody } from './schemas.js'
import { allEndpoints } from './table.js'

const ROOT = fileURLToPath(new URL('./fixtures/', import.meta.url))

function listJson(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) =>
    item.isDirectory()
      ? listJson(join(dir, item.name))
      : item.name.endsWith('.json')
        ? [relative(ROOT, join(dir, item.name))]
        : [],
  )
}

interface Fixture {
  readonly file: string
  readonly entry: Endpoint
  readonly kind: 'request' | 'response' | 'error'
  readonly text: string
}

/** `cgi-bin/menu/create.request.json` → the entry at `/cgi-bin/menu/create`, kind `request`. */
function fixtureOf(file: string): Fixture {
  const match = /^(.+?)\.(request|response|error)(?:\.[\w-]+)?\.json$/.exec(
    file.replaceAll('\\', '/'),
  )
  if (!match)
    throw new Error(`${file}: name it <route path>.<request|response|error>[.<variant>].json`)
  const path = `/${match[1] ?? ''}`
  const entries = allEndpoints.filter((entry) => entry.path === path)
  if (entries.length !== 1)
    throw new Error(`${file}: ${entries.length} entries have the path ${path}`)
  return {
    file,
    entry: entries[0] as Endpoint,
    kind: match[2] as Fixture['kind'],
    text: readFileSync(join(ROOT, file), 'utf8'),
  }
}

/**
 * Scopes whose shapes come from memory of WeChat's pages, with no example to copy: a fixture
 * written from the same memory as the schema would prove nothing, so their examples live in the
 * emulator's handler tests instead.
 */
const FROM_MEMORY = new Set(['shortLink', 'datacube', 'subscribe'])

const fixtures = listJson(ROOT).sort().map(fixtureOf)
const byKind = (kind: Fixture['kind']) =>
  fixtures.filter((f) => f.kind === kind).map((f) => [f.file, f] as const)

describe('reference examples against the table', () => {
  it.each(byKind('request'))('%s is a valid request body', (_file, { entry, text }) => {
    const body = entry.body
    if (body === undefined || isMultipart(body)) throw new Error(`${entry.id} has no JSON body`)
    const fixture: unknown = JSON.parse(text)
    expect(body.parse(fixture)).toEqual(fixture)
  })

  it.each(byKind('response'))('%s is a valid success response', (_file, { entry, text }) => {
    const schema = jsonSchemaOf(entry.response)
    if (schema === undefined) throw new Error(`${entry.id} has no JSON response`)
    // As the SDK will: 64-bit ids are quoted before parsing, so they arrive exact, as strings.
    const fixture: unknown = JSON.parse(quoteId64(text))
    expect(schema.parse(fixture)).toEqual(fixture)
  })

  it.each(byKind('error'))(
    '%s carries an errcode the entry documents',
    (_file, { entry, text }) => {
      const { errcode } = errorBody.parse(JSON.parse(text))
      expect(errcodeInfo(errcode)).toBeDefined()
      expect(entry.errcodes).toContain(errcode)
    },
  )

  it('has a request example for every JSON body and a response example for every JSON response', () => {
    const missing = allEndpoints.flatMap((entry) => {
      if (FROM_MEMORY.has(entry.scope)) return []
      const has = (kind: Fixture['kind']) =>
        fixtures.some((f) => f.entry === entry && f.kind === kind)
      const file = `fixtures${entry.path}`
      return [
        ...(entry.body && !isMultipart(entry.body) && !has('request')
          ? [`${file}.request.json`]
          : []),
        ...(jsonSchemaOf(entry.response) && !has('response') ? [`${file}.response.json`] : []),
      ]
    })
    expect(missing, 'add these fixtures').toEqual([])
  })
})
