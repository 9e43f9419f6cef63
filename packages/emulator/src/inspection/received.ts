/**
 * `GET /__emulator/received?appid=&openid=`: what fans received from the account (template,
 * customer-service and mass messages, previews, passive replies), oldest first. With `openid`,
 * that fan's list; without, every fan's, each record with its `openid`.
 */
import { accountOf } from './inputs.js'
import { InspectionError } from './route.js'
import type { InspectionRoute } from './route.js'

/** The received route. */
export const receivedRoutes: readonly InspectionRoute[] = [
  {
    method: 'GET',
    path: '/__emulator/received',
    run: (request, { emulator }) => {
      const { state } = emulator
      const { appid } = accountOf(state, request.query.appid)
      const { openid } = request.query
      if (openid === undefined || openid === '')
        return { appid, received: state.received.forAccount(appid) }
      if (!state.fans.get(appid, openid))
        throw new InspectionError(`${appid} has no fan ${openid}`, 404)
      return { appid, openid, received: state.received.forFan(appid, openid) }
    },
  },
]
