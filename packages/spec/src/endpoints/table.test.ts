/** Invariants of the endpoint table that every consumer (SDK, emulator, proxy, docs) relies on. */
import { errcodeInfo } from '@wxmp/core'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { isMultipart } from './multipart.js'
import { responseKind } from './responses.js'
import { allEndpoints, endpoints, scopes } from './table.js'

// Verbs whose repetition has a second effect (a second message, a second menu, a spent reset).
const NOT_IDEMPOTENT = /^(send|create|add|submit|upload|preview|clear|invite)/
// Verbs that only read.
const READS = /^(get|list|batchGet|tryMatch|userInfo|auth$)/

describe('the endpoint table', () => {
  it('has one entry per id, named scope.method in camelCase', () => {
    const declared = scopes.reduce((sum, scope) => sum + Object.keys(scope).length, 0)
    expect(Object.keys(endpoints)).toHaveLength(declared)
    expect(allEndpoints).toHaveLength(declared)
    for (const entry of allEndpoints) {
      expect(entry.id).toBe(`${entry.scope}.${entry.name}`)
      expect(entry.id).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/)
    }
  })

  it('has the ids other packages name literally', () => {
    // core's errcode logic treats 40001 from these two as a wrong AppSecret.
    expect(endpoints['token.get'].route).toBe('GET /cgi-bin/token')
    expect(endpoints['token.stable'].route).toBe('POST /cgi-bin/stable_token')
  })

  it('has one entry per host, verb and path', () => {
    const routes = allEndpoints.flatMap((entry) =>
      [entry.method, ...(entry.alsoAccepts ?? [])].map(
        (method) => `${entry.host} ${method} ${entry.path}`,
      ),
    )
    expect(new Set(routes).size).toBe(routes.length)
  })

  it('gives every entry a route, a Chinese title and a doc page', () => {
    for (const entry of allEndpoints) {
      expect(entry.route, entry.id).toBe(`${entry.method} ${entry.path}`)
      expect(entry.path, entry.id).toMatch(/^(\/[a-z0-9_-]+)+$/)
      expect(entry.title, entry.id).toMatch(/\p{Script=Han}/u)
      expect(entry.doc, entry.id).toMatch(/^(\/doc\/|[A-Z][A-Za-z_]+\/|openApi\/)\S+$/)
    }
  })

  it('says for every entry where its facts come from', () => {
    for (const entry of allEndpoints) {
      if (entry.unverified) {
        expect(entry.ref, entry.id).toBeUndefined()
        expect(entry.unverified.source.length, entry.id).toBeGreaterThan(20)
      } else {
        expect(entry.ref, entry.id).toMatch(/^§\d+\.\d+$/)
      }
    }
  })

  it('marks reads idempotent and creates, sends, submits and uploads not', () => {
    for (const entry of allEndpoints) {
      if (NOT_IDEMPOTENT.test(entry.name)) expect(entry.idempotent, entry.id).toBe(false)
      if (READS.test(entry.name)) expect(entry.idempotent, entry.id).toBe(true)
    }
  })

  it('never marks a send as retryable', () => {
    const sends = allEndpoints.filter((entry) => /send|preview/i.test(entry.path))
    expect(sends.map((entry) => entry.id)).toEqual(
      expect.arrayContaining([
        'template.send',
        'customService.send',
        'mass.sendAll',
        'mass.send',
        'mass.preview',
      ]),
    )
    for (const entry of sends) expect(entry.idempotent, entry.id).toBe(false)
  })

  it('lists only errcodes core knows, consent-page codes only on the consent page', () => {
    for (const entry of allEndpoints) {
      for (const code of entry.errcodes) {
        const info = errcodeInfo(code)
        expect(info, `${entry.id} ${code}`).toBeDefined()
        expect(info?.origin === 'oauth-page', `${entry.id} ${code}`).toBe(entry.host === 'open')
      }
      expect(new Set(entry.errcodes).size, entry.id).toBe(entry.errcodes.length)
    }
  })

  it('puts each credential where the auth kind says, and never a secret elsewhere', () => {
    for (const entry of allEndpoints) {
      const query = Object.keys(entry.query?.shape ?? {})
      const body =
        entry.body && !isMultipart(entry.body) ? Object.keys(schemaShape(entry.body)) : []
      if (entry.auth === 'webToken') expect(query, entry.id).toContain('access_token')
      else expect(query, entry.id).not.toContain('access_token')
      if (entry.auth === 'appSecret') expect([...query, ...body], entry.id).toContain('secret')
      else expect([...query, ...body], entry.id).not.toContain('secret')
      if (entry.host !== 'api') expect(entry.auth, entry.id).toBe('none')
    }
  })

  it('declares query parameters as strings, as they are on the wire', () => {
    for (const entry of allEndpoints.filter((e) => e.query)) {
      const json = z.toJSONSchema(entry.query as z.ZodObject, { io: 'input' })
      for (const [key, property] of Object.entries(json.properties ?? {})) {
        const types = typeof property === 'object' ? [property.type, typeof property.const] : []
        expect(types.includes('string'), `${entry.id} ${key}`).toBe(true)
      }
    }
  })

  it.each(allEndpoints.filter((entry) => isMultipart(entry.body)).map((e) => [e.id, e] as const))(
    '%s uploads a part named media with limits for every accepted type',
    (_id, entry) => {
      if (!isMultipart(entry.body)) throw new Error('not multipart')
      expect(Object.keys(entry.body.files)).toEqual(['media'])
      const part = entry.body.files.media
      expect(part).toBeDefined()
      if (part?.selector === undefined) {
        expect(Object.keys(part?.limits ?? {})).toEqual(['*'])
        return
      }
      // The selector is a query parameter whose every value has limits.
      const selector = entry.query?.shape[part.selector]
      expect(selector).toBeInstanceOf(z.ZodEnum)
      expect(Object.keys(part.limits).sort()).toEqual([...(selector as z.ZodEnum).options].sort())
    },
  )

  it('describes downloads and the consent page as non-JSON responses', () => {
    const kinds = Object.fromEntries(
      allEndpoints
        .filter((e) => responseKind(e.response) !== 'json')
        .map((e) => [e.id, responseKind(e.response)]),
    )
    expect(kinds).toEqual({
      'media.get': 'binaryOrJson',
      'media.getJssdk': 'binary',
      'material.get': 'binaryOrJson',
      'qrcode.show': 'binary',
      'oauth.authorize': 'redirect',
    })
  })
})

function schemaShape(schema: z.ZodType): Record<string, unknown> {
  if (schema instanceof z.ZodObject) return schema.shape
  if (schema instanceof z.ZodUnion) {
    return Object.assign({}, ...(schema.options as z.ZodType[]).map(schemaShape)) as Record<
      string,
      unknown
    >
  }
  return {}
}
