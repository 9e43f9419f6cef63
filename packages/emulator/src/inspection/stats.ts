/** `GET /__emulator/stats`: calls received, by WeChat API path. */
import type { InspectionRoute } from './route.js'

/** The stats route. */
export const statsRoutes: readonly InspectionRoute[] = [
  { method: 'GET', path: '/__emulator/stats', run: (_request, ctx) => ctx.emulator.stats() },
]
