/**
 * Acceptance (issue 4): every endpoint of the table, called through its typed SDK method against
 * the emulator in-process (no port), with the answer asserted; and per scope at least one call
 * that WeChat refuses, surfacing as a `WxApiError` with the right errcode, key, kind and endpoint.
 *
 * Both tables are complete records over the table's types: a new endpoint or scope fails the type
 * check until it has a scenario here (and a runtime test says the same, for plain JS readers).
 */
import { ERRCODE, WxApiError } from '@wxmp/core'
import { allEndpoints } from '@wxmp/spec'
import type { EndpointId } from '@wxmp/spec'
import { describe, expect, it } from 'vitest'
import type { Scope } from '../client-types.js'
import type { ErrcodeCase, Scenario } from './scenario.test-support.js'
import { accessErrcodes, accessScenarios } from './scenarios-access.test-support.js'
import { articleErrcodes, articleScenarios } from './scenarios-articles.test-support.js'
import { coreErrcodes, coreScenarios } from './scenarios-core.test-support.js'
import { messageErrcodes, messageScenarios } from './scenarios-messages.test-support.js'
import { peopleErrcodes, peopleScenarios } from './scenarios-people.test-support.js'
import { createWorld } from './world.test-support.js'

const SCENARIOS: { readonly [Id in EndpointId]: Scenario } = {
  ...coreScenarios,
  ...articleScenarios,
  ...peopleScenarios,
  ...messageScenarios,
  ...accessScenarios,
}

const ERRCODE_CASES: { readonly [S in Scope]: readonly ErrcodeCase<S>[] } = {
  ...coreErrcodes,
  ...articleErrcodes,
  ...peopleErrcodes,
  ...messageErrcodes,
  ...accessErrcodes,
}

const scopes = [...new Set(allEndpoints.map((entry) => entry.scope))]
const errcodeCases: readonly ErrcodeCase[] =
  Object.values<readonly ErrcodeCase[]>(ERRCODE_CASES).flat()

describe('the SDK acceptance tables', () => {
  it('have a scenario for exactly the endpoints of the table', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(allEndpoints.map((entry) => entry.id).sort())
    expect(allEndpoints).toHaveLength(108)
  })

  it('have an errcode case for every scope, each naming an endpoint of its own scope', () => {
    expect(Object.keys(ERRCODE_CASES).sort()).toEqual([...scopes].sort())
    expect(scopes).toHaveLength(20)
    for (const [scope, cases] of Object.entries<readonly ErrcodeCase[]>(ERRCODE_CASES)) {
      expect(cases.length, scope).toBeGreaterThan(0)
      for (const { endpoint } of cases)
        expect(endpoint.startsWith(`${scope}.`), endpoint).toBe(true)
    }
  })
})

describe('every endpoint through its typed method', () => {
  const byId: Readonly<Record<string, Scenario | undefined>> = SCENARIOS
  it.each(allEndpoints.map((entry) => entry.id))('%s', async (id) => {
    const scenario = byId[id]
    if (!scenario) throw new Error(`${id} has no SDK scenario`)
    await scenario(createWorld())
  })
})

describe('WeChat errcodes through the typed methods', () => {
  it.each(errcodeCases.map((item) => [item.endpoint, item.key, item.why, item] as const))(
    '%s answers %s for %s',
    async (endpoint, key, _why, item) => {
      const error: unknown = await item.call(createWorld()).then(
        () => undefined,
        (failure: unknown) => failure,
      )
      expect(error).toBeInstanceOf(WxApiError)
      expect(error).toMatchObject({ errcode: ERRCODE[key], key, kind: item.kind, endpoint })
      // The emulator, like WeChat, ends errmsg with a request id; the client lifts it out.
      expect((error as WxApiError).rid).toMatch(/^[0-9a-f-]+$/)
    },
  )
})
