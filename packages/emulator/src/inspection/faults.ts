/**
 * `/__emulator/faults`: plan failures for the next calls of an API path (POST), list them (GET),
 * forget them (DELETE).
 */
import { endpointById, allEndpoints } from '@wxmp/spec'
import type { EndpointId } from '@wxmp/spec'
import { z } from 'zod'
import { InspectionError } from './route.js'
import type { InspectionRoute } from './route.js'

const FAULT_REQUEST = z
  .object({
    /** The API path, e.g. `/cgi-bin/menu/create`. */
    path: z.string().startsWith('/').optional(),
    /** Or the endpoint id, e.g. `menu.create`. */
    endpoint: z.string().optional(),
    count: z.number().int().min(1).max(10_000).default(1),
    errcode: z.number().int().optional(),
    errmsg: z.string().max(200).optional(),
    delayMs: z.number().int().min(0).max(600_000).optional(),
    drop: z.boolean().optional(),
  })
  .strict()

const IDS = new Set<string>(allEndpoints.map((entry) => entry.id))

/** The fault routes. */
export const faultRoutes: readonly InspectionRoute[] = [
  {
    method: 'POST',
    path: '/__emulator/faults',
    run: ({ body }, ctx) => {
      const parsed = FAULT_REQUEST.safeParse(body)
      if (!parsed.success) throw new InspectionError(`bad fault: ${z.prettifyError(parsed.error)}`)
      const { path, endpoint, count, ...action } = parsed.data
      if ((path === undefined) === (endpoint === undefined))
        throw new InspectionError('name exactly one of "path" or "endpoint"')
      if (endpoint !== undefined && !IDS.has(endpoint))
        throw new InspectionError(`unknown endpoint id "${endpoint}"`)
      if (action.errcode === undefined && action.delayMs === undefined && action.drop !== true)
        throw new InspectionError('a fault needs "errcode", "delayMs" or "drop": true')
      const target = path ?? endpointById(endpoint as EndpointId).path
      return { fault: ctx.emulator.state.faults.add(target, count, action) }
    },
  },
  {
    method: 'GET',
    path: '/__emulator/faults',
    run: (_request, ctx) => ({ faults: ctx.emulator.state.faults.list() }),
  },
  {
    method: 'DELETE',
    path: '/__emulator/faults',
    run: (_request, ctx) => ({ cleared: ctx.emulator.state.faults.clear() }),
  },
]
