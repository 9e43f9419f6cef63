/** The shape of an acceptance scenario: one endpoint's valid call and, optionally, an invalid one. */
import type { EndpointId } from '@wxmp/spec'
import type { Answer, World } from './world.test-support.js'

/** One endpoint's scenario. */
export interface Scenario {
  /** Makes whatever the call needs, then the call; it must succeed. */
  readonly valid: (world: World) => Promise<Answer>
  /** A call the reference documents an errcode for, and that errcode. */
  readonly invalid?: { readonly errcode: number; readonly call: (world: World) => Promise<Answer> }
}

/** Scenarios by endpoint id. */
export type Scenarios = { readonly [Id in EndpointId]?: Scenario }
