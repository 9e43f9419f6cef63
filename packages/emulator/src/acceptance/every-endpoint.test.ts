/**
 * Acceptance: every endpoint of the spec table, called against the emulator through the real
 * pipeline with a valid request (its answer must match the table's response spec) and, where
 * the reference documents an errcode for it, an invalid one (that errcode, in WeChat's envelope).
 * Table-driven checks cover what every endpoint shares: a missing access_token and the wrong verb.
 */
import { ERRCODE } from '@wxmp/core'
import { allEndpoints, isMultipart, jsonSchemaOf, responseKind } from '@wxmp/spec'
import type { Endpoint, EndpointId } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import { IMPLEMENTED } from '../handlers/index.js'
import type { Scenario, Scenarios } from './scenario.test-support.js'
import { articleScenarios } from './scenarios-articles.test-support.js'
import { coreScenarios } from './scenarios-core.test-support.js'
import { customServiceScenarios } from './scenarios-customer-service.test-support.js'
import { menuOpsScenarios } from './scenarios-menus-ops.test-support.js'
import { messageScenarios } from './scenarios-messages.test-support.js'
import { noticeAnalyticsScenarios } from './scenarios-notices-analytics.test-support.js'
import { qrOauthScenarios } from './scenarios-qr-oauth.test-support.js'
import { createWorld } from './world.test-support.js'
import type { Answer } from './world.test-support.js'

const SCENARIOS: Scenarios = {
  ...coreScenarios,
  ...articleScenarios,
  ...menuOpsScenarios,
  ...customServiceScenarios,
  ...messageScenarios,
  ...qrOauthScenarios,
  ...noticeAnalyticsScenarios,
}

const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/

/** Asserts `answer` is a success of `entry` by the kind of response the table declares. */
function expectSuccess(entry: Endpoint, answer: Answer): void {
  const kind = responseKind(entry.response)
  if (kind === 'redirect') {
    expect(answer.status).toBe(302)
    expect(answer.headers.location, `${entry.id} redirects`).toMatch(/^https?:\/\//)
    return
  }
  expect(answer.status, `${entry.id} answers HTTP 200`).toBe(200)
  if (answer.json === undefined) {
    expect(['binary', 'binaryOrJson'], `${entry.id} answered a file`).toContain(kind)
    expect(answer.raw.length).toBeGreaterThan(0)
    return
  }
  expect(answer.json.errcode ?? 0, JSON.stringify(answer.json)).toBe(0)
  const schema = jsonSchemaOf(entry.response)
  expect(schema, `${entry.id} answered JSON`).toBeDefined()
  const parsed = schema?.safeParse(answer.json)
  expect(parsed?.success, `${entry.id}: ${JSON.stringify(parsed?.error?.issues)}`).toBe(true)
}

const implemented = new Set<string>(IMPLEMENTED)
const cases = allEndpoints
  .filter((entry) => implemented.has(entry.id))
  .map((entry) => [entry.id, entry, SCENARIOS[entry.id as EndpointId]] as const)

// Endpoints whose documented errcodes are not answered as JSON: the consent page shows them in
// HTML (covered by handlers/oauth.test.ts).
const NO_JSON_ERRCODES = new Set<string>(['oauth.authorize'])

describe('every emulated endpoint', () => {
  it('has a scenario, with an invalid call wherever the table documents an errcode', () => {
    const missing = cases.filter(([, , scenario]) => scenario === undefined).map(([id]) => id)
    expect(missing).toEqual([])
    const noInvalid = cases
      .filter(([, entry, scenario]) => (entry.errcodes ?? []).length > 0 && !scenario?.invalid)
      .map(([id]) => id)
      .filter((id) => !NO_JSON_ERRCODES.has(id))
    expect(noInvalid).toEqual([])
  })

  describe.each(cases)('%s', (_id, entry, scenario?: Scenario) => {
    it('answers a valid request with the table’s response', async () => {
      if (!scenario) throw new Error(`${entry.id} has no scenario`)
      expectSuccess(entry, await scenario.valid(createWorld()))
    })

    const invalid = scenario?.invalid
    if (invalid)
      it('answers the documented errcode for an invalid request', async () => {
        expect(entry.errcodes ?? [], 'the errcode is one the table documents').toContain(
          invalid.errcode,
        )
        const answer = await invalid.call(createWorld())
        expect(answer.status).toBe(200)
        expect(answer.json?.errcode).toBe(invalid.errcode)
        expect(answer.json?.errmsg).toMatch(RID)
      })

    if (entry.auth === 'accessToken')
      it('refuses a call without access_token: 41001', async () => {
        const answer = await createWorld().call(entry.id as EndpointId, { anonymous: true })
        expect(answer.json?.errcode).toBe(ERRCODE.ACCESS_TOKEN_MISSING)
      })
  })
})

describe('every endpoint of the table', () => {
  // An entry that accepts both verbs (mass/speed/get, as WeChat does) has no wrong one.
  const oneVerb = allEndpoints.filter((entry) => (entry.alsoAccepts ?? []).length === 0)
  it.each(oneVerb.map((entry) => [entry.id, entry] as const))(
    '%s refuses the other HTTP verb with 43001/43002',
    async (_id, entry) => {
      const world = createWorld()
      const method = entry.method === 'GET' ? 'POST' : 'GET'
      const answer = await world.emulator.handle({
        method,
        host: entry.host,
        path: entry.path,
        query: '',
        body: method === 'POST' ? '{}' : '',
      })
      const body = JSON.parse(String(answer.body)) as { errcode: number }
      expect(body.errcode).toBe(
        entry.method === 'GET' ? ERRCODE.REQUIRE_GET_METHOD : ERRCODE.REQUIRE_POST_METHOD,
      )
    },
  )
})

describe('every endpoint with a JSON body', () => {
  const jsonBodies = allEndpoints.filter(
    (entry) => entry.body !== undefined && !isMultipart(entry.body) && entry.method === 'POST',
  )
  it.each(jsonBodies.map((entry) => [entry.id, entry] as const))(
    '%s answers 44002 for an empty body and 47001 for one that is not JSON',
    async (id) => {
      const world = createWorld()
      const empty = await world.call(id as EndpointId, { body: '' })
      expect(empty.json?.errcode).toBe(ERRCODE.EMPTY_POST_DATA)
      const broken = await world.call(id as EndpointId, { body: '{"truncated": ' })
      expect(broken.json?.errcode).toBe(ERRCODE.DATA_FORMAT_ERROR)
      expect(broken.json?.errmsg).toMatch(RID)
    },
  )
})
