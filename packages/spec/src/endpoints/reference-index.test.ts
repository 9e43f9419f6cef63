/**
 * The table against the protocol reference's §6.0 endpoint index: every route there is here with
 * the same verb, host and path, and the fields the index names are in the schemas. A path or
 * field that an SDK and the emulator both got wrong (so their own tests agree) is caught here.
 */
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import type { Endpoint } from './define.js'
import { matchEndpoint } from './lookup.js'
import { isMultipart } from './multipart.js'
import { jsonSchemaOf, responseKind } from './responses.js'
import {
  hasSection,
  indexRows,
  referenceText,
  topLevelKeys,
} from './reference-index.test.helpers.js'
import { schemaKeys } from './schema-keys.test.helpers.js'
import { allEndpoints } from './table.js'

const rows = indexRows(referenceText)
const routeRows = rows.flatMap((row) => row.routes.map((route) => ({ row, route })))

function entryOf(method: string, route: { host: Endpoint['host']; path: string }): Endpoint {
  const entry = matchEndpoint(method, route.path, route.host)
  if (!entry) throw new Error(`no entry for ${method} ${route.host}:${route.path}`)
  return entry
}

/** Checks that every key the index names (or one of its alternatives) is in `keys`. */
function expectKeys(cell: string, keys: Set<string>, what: string): void {
  for (const alternatives of topLevelKeys(cell) ?? []) {
    expect(
      alternatives.some((key) => keys.has(key)),
      `${what}: none of ${alternatives.join(' | ')} is in the schema (${[...keys].join(', ')})`,
    ).toBe(true)
  }
}

describe('the table against the reference §6.0 endpoint index', () => {
  it('reads the whole index', () => {
    expect(rows.length).toBeGreaterThanOrEqual(70)
    expect(routeRows.length).toBe(rows.length + 2) // the blacklist row names three paths
  })

  it.each(
    routeRows.map(({ row, route }) => [`${row.methods[0]} ${route.path}`, row, route] as const),
  )('has %s with the documented verb, host and query parameters', (_name, row, route) => {
    const entry = entryOf(row.methods[0] ?? '', route)
    expect(entry.method).toBe(row.methods[0])
    expect(entry.host).toBe(route.host)
    expect(entry.path).toBe(route.path)
    expect(entry.unverified).toBeUndefined()
    // Rows such as mass/speed/get name more than one verb; the lookup accepts each of them.
    for (const method of row.methods)
      expect(matchEndpoint(method, route.path, route.host)).toBe(entry)

    const shape: Record<string, z.ZodType> = entry.query?.shape ?? {}
    for (const [key, example] of route.query) {
      expect(Object.keys(shape), `${entry.id} query`).toContain(key)
      // Lower-case examples are real values (`client_credential`, `image|voice|…`, `zh_CN`);
      // upper-case ones are placeholders (`URLENCODED_TICKET`).
      if (example === '' || /^[A-Z0-9_]+$/.test(example)) continue
      for (const value of example.split('|')) {
        expect(shape[key]?.safeParse(value).success, `${entry.id} ${key}=${value}`).toBe(true)
      }
    }
  })

  it.each(
    routeRows
      .filter(({ row }) => row.routes.length === 1)
      .map(({ row, route }) => [route.path, row, route] as const),
  )('models the body and response fields the index names for %s', (_name, row, route) => {
    const entry = entryOf(row.methods[0] ?? '', route)
    if (row.body.includes('part `media`')) {
      expect(isMultipart(entry.body)).toBe(true)
      if (isMultipart(entry.body)) {
        expect(Object.keys(entry.body.files)).toEqual(['media'])
        if (row.body.includes('`description`'))
          expect(Object.keys(entry.body.fields?.shape ?? {})).toContain('description')
      }
    } else if (topLevelKeys(row.body)) {
      expect(
        isMultipart(entry.body) || entry.body === undefined,
        `${entry.id} has a JSON body`,
      ).toBe(false)
      if (entry.body && !isMultipart(entry.body))
        expectKeys(row.body, schemaKeys(entry.body), `${entry.id} body`)
    } else if (row.body === '—') {
      expect(entry.body).toBeUndefined()
    }

    if (row.response.startsWith('binary') || row.response.startsWith('image/')) {
      const kind = responseKind(entry.response)
      expect(kind).toBe(
        row.response.includes('JSON') || row.response.includes('{') ? 'binaryOrJson' : 'binary',
      )
    }
    const json = jsonSchemaOf(entry.response)
    if (row.response === 'ok' || row.response.startsWith('ok;')) {
      expect(json && schemaKeys(json)).toEqual(new Set(['errcode', 'errmsg']))
    }
    if (json) expectKeys(row.response, schemaKeys(json), `${entry.id} response`)
  })

  it('marks every entry outside the index with where its facts came from', () => {
    const indexed = new Set(
      routeRows.map(({ row, route }) => entryOf(row.methods[0] ?? '', route).id),
    )
    const outside = allEndpoints.filter((entry) => !indexed.has(entry.id))
    expect(outside.map((entry) => entry.id).sort()).toMatchInlineSnapshot(`
      [
        "datacube.getArticleSummary",
        "datacube.getArticleTotal",
        "datacube.getInterfaceSummary",
        "datacube.getInterfaceSummaryHour",
        "datacube.getUpstreamMsg",
        "datacube.getUpstreamMsgDist",
        "datacube.getUpstreamMsgDistMonth",
        "datacube.getUpstreamMsgDistWeek",
        "datacube.getUpstreamMsgHour",
        "datacube.getUpstreamMsgMonth",
        "datacube.getUpstreamMsgWeek",
        "datacube.getUserCumulate",
        "datacube.getUserRead",
        "datacube.getUserReadHour",
        "datacube.getUserShare",
        "datacube.getUserShareHour",
        "datacube.getUserSummary",
        "kfAccount.add",
        "kfAccount.delete",
        "kfAccount.inviteWorker",
        "kfAccount.list",
        "kfAccount.listOnline",
        "kfAccount.update",
        "kfAccount.uploadHeadImg",
        "oauth.authorize",
        "ops.getQuota",
        "shortLink.fetch",
        "shortLink.generate",
        "subscribe.addTemplate",
        "subscribe.deleteTemplate",
        "subscribe.getCategory",
        "subscribe.getPubTemplateKeywords",
        "subscribe.getPubTemplateTitles",
        "subscribe.listTemplates",
        "subscribe.send",
      ]
    `)
    for (const entry of outside) {
      expect(entry.ref !== undefined || entry.unverified !== undefined, entry.id).toBe(true)
    }
  })

  it('cites only sections the reference has', () => {
    for (const entry of allEndpoints) {
      if (entry.ref !== undefined)
        expect(hasSection(referenceText, entry.ref), `${entry.id} ${entry.ref}`).toBe(true)
    }
  })
})
