/**
 * Type test (compiled by `tsc -b`): the emulator's handler map must cover the whole table, so
 * an endpoint added to the spec without an emulator handler fails the build.
 */
import type { EndpointId } from '@wxmp/spec'
import type { AllHandlers } from './handler.js'
import { HANDLERS } from './index.js'

const { 'menu.get': _dropped, ...allButOne } = HANDLERS

// @ts-expect-error -- a map without `menu.get` is not a complete handler map.
export const incomplete: AllHandlers = allButOne

/** Every id of the table is a key of the map. */
export const complete: Record<EndpointId, unknown> = HANDLERS
