/**
 * `/__emulator/clock`: read the emulator's time (GET) and move it forward (POST
 * `{"advanceSeconds": n}` or `{"advanceMs": n}`), to expire tokens, media and windows without
 * waiting. Works on a VirtualClock (tests) and on the AdjustableClock `wxmp emulator` runs on.
 */
import { VirtualClock } from '@wxmp/core'
import type { Clock } from '@wxmp/core'
import { z } from 'zod'
import { AdjustableClock } from '../adjustable-clock.js'
import { InspectionError } from './route.js'
import type { InspectionRoute } from './route.js'

const ADVANCE = z
  .object({
    advanceSeconds: z
      .number()
      .min(0)
      .max(10 * 365 * 86_400)
      .optional(),
    advanceMs: z.number().int().min(0).optional(),
  })
  .strict()

function reading(clock: Clock) {
  const now = clock.now()
  return { now, unix: Math.floor(now / 1000), iso: new Date(now).toISOString() }
}

/** The clock routes. */
export const clockRoutes: readonly InspectionRoute[] = [
  { method: 'GET', path: '/__emulator/clock', run: (_r, ctx) => reading(ctx.emulator.state.clock) },
  {
    method: 'POST',
    path: '/__emulator/clock',
    run: async ({ body }, ctx) => {
      const parsed = ADVANCE.safeParse(body ?? {})
      if (!parsed.success)
        throw new InspectionError(`bad clock change: ${z.prettifyError(parsed.error)}`)
      const { advanceSeconds, advanceMs } = parsed.data
      if ((advanceSeconds === undefined) === (advanceMs === undefined))
        throw new InspectionError('name exactly one of "advanceSeconds" or "advanceMs"')
      const ms = advanceMs ?? Math.round((advanceSeconds ?? 0) * 1000)
      const clock = ctx.emulator.state.clock
      if (clock instanceof VirtualClock) await clock.advanceAsync(ms)
      else if (clock instanceof AdjustableClock) clock.advance(ms)
      else throw new InspectionError('this emulator runs on a clock that cannot be moved', 409)
      return reading(clock)
    },
  },
]
