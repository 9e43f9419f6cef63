/**
 * The inspection API's router (documented in the package README). Each concept's routes live in
 * a file of their own and are listed here.
 */
import type { EmulatorRequest, EmulatorResponse } from '../emulator.js'
import { InspectionError } from './route.js'
import type { InspectionContext, InspectionRoute } from './route.js'
import { clockRoutes } from './clock.js'
import { faultRoutes } from './faults.js'
import { ipWhitelistRoutes } from './ip-whitelist.js'
import { fanActionRoutes } from './fan-actions.js'
import { fanRoutes } from './fans.js'
import { pushRoutes } from './push.js'
import { receivedRoutes } from './received.js'
import { statsRoutes } from './stats.js'

export { InspectionError } from './route.js'
export type { InspectionContext, InspectionRequest, InspectionRoute } from './route.js'

/** The prefix every inspection path starts with. */
export const INSPECTION_PREFIX = '/__emulator/'

/** Every inspection route. */
export const INSPECTION_ROUTES: readonly InspectionRoute[] = [
  ...statsRoutes,
  ...faultRoutes,
  ...clockRoutes,
  ...ipWhitelistRoutes,
  ...pushRoutes,
  ...fanRoutes,
  ...fanActionRoutes,
  ...receivedRoutes,
]

const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json; charset=utf-8' })

function json(status: number, body: unknown): EmulatorResponse {
  return { status, headers: JSON_HEADERS, body: JSON.stringify(body) }
}

/** Answers an inspection request (`path` starts with `INSPECTION_PREFIX`). */
export async function handleInspection(
  request: EmulatorRequest,
  path: string,
  ctx: InspectionContext,
): Promise<EmulatorResponse> {
  const matching = INSPECTION_ROUTES.filter((route) => route.path === path)
  if (matching.length === 0) return json(404, { error: `no inspection route ${path}` })
  const route = matching.find((candidate) => candidate.method === request.method.toUpperCase())
  if (!route) {
    const allowed = matching.map((candidate) => candidate.method).join(', ')
    return json(405, { error: `${path} takes ${allowed}` })
  }
  try {
    const text = typeof request.body === 'string' ? request.body : request.body.toString('utf8')
    let body: unknown
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text) as unknown
      } catch {
        throw new InspectionError('the body is not JSON')
      }
    }
    const query = Object.fromEntries(new URLSearchParams(request.query))
    return json(200, await route.run({ raw: request, query, body }, ctx))
  } catch (error) {
    if (error instanceof InspectionError) return json(error.status, { error: error.message })
    const detail = error instanceof Error ? error.message : String(error)
    return json(500, { error: `wxmp emulator bug: ${detail}` })
  }
}
