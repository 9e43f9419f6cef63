/**
 * The inspection API's building blocks: routes under `/__emulator/`, beside WeChat's paths under a
 * prefix WeChat never uses. Its answers are plain JSON (HTTP 200, or 4xx `{error}` for a bad
 * request), not WeChat's envelope: it is our API, for tests and tools, not WeChat's.
 */
import type { Emulator, EmulatorRequest } from '../emulator.js'

/** What an inspection route can reach. */
export interface InspectionContext {
  readonly emulator: Emulator
}

/** One inspection route. `path` is exact, e.g. `/__emulator/stats`. */
export interface InspectionRoute {
  readonly method: 'GET' | 'POST' | 'DELETE'
  readonly path: string
  readonly run: (request: InspectionRequest, ctx: InspectionContext) => unknown
}

/** A request to the inspection API, its query parsed and its JSON body read. */
export interface InspectionRequest {
  readonly raw: EmulatorRequest
  readonly query: Readonly<Record<string, string>>
  /** The parsed JSON body; `undefined` when the body is empty. */
  readonly body: unknown
}

/** Thrown by a route for a bad request: answered `{error: message}` with `status`. */
export class InspectionError extends Error {
  readonly status: number

  constructor(message: string, status = 400) {
    super(message)
    this.name = 'InspectionError'
    this.status = status
  }
}
