/** The shapes of the SDK acceptance suite: one scenario per endpoint, errcode cases per scope. */
import type { ErrcodeKey, ErrcodeKind } from '@wxmp/core'
import type { EndpointId } from '@wxmp/spec'
import type { Scope } from '../client-types.js'
import type { World } from './world.test-support.js'

/** Calls one endpoint through its typed method (after any arrangement) and asserts the answer. */
export type Scenario = (world: World) => Promise<void>

/** Scenarios of some endpoints; the suite joins them into one complete table. */
export type Scenarios = { readonly [Id in EndpointId]?: Scenario }

/** The endpoint ids of one scope. */
export type IdOf<S extends Scope> = Extract<EndpointId, `${S}.${string}`>

/** A call that must fail with WeChat's errcode `key`, which the client reports as `kind`. */
export interface ErrcodeCase<S extends Scope = Scope> {
  /** The endpoint whose call fails. */
  readonly endpoint: IdOf<S>
  /** The errcode's name in core's table. */
  readonly key: ErrcodeKey
  /** What the client makes of it. */
  readonly kind: ErrcodeKind
  /** What the caller did wrong, for the test's name. */
  readonly why: string
  /** Makes the call (arranging what it needs); it must reject. */
  readonly call: (world: World) => Promise<unknown>
}

/** Errcode cases of some scopes; the suite joins them into one table with every scope. */
export type ErrcodeCases = { readonly [S in Scope]?: readonly ErrcodeCase<S>[] }
