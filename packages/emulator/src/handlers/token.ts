/** `token.get` and `token.stable` (§5): credentials, then the token store. */
import { checkCredentials } from './credentials.js'
import type { Handlers, RawRequest } from './handler.js'

const bodyFields = (raw: RawRequest): Record<string, unknown> =>
  typeof raw.body === 'object' && raw.body !== null ? (raw.body as Record<string, unknown>) : {}

/** The token endpoints. The daily quota is charged once the credentials are known good. */
export const tokenHandlers = {
  'token.get': {
    precheck: (raw, { state }) => void checkCredentials(state, raw.query),
    run: (request, { state, entry }) => {
      const appid = request.appid.toLowerCase()
      state.quota.charge(appid, entry, state.clock.now())
      return state.tokens.issueClassic(appid)
    },
  },
  'token.stable': {
    precheck: (raw, { state }) => void checkCredentials(state, bodyFields(raw)),
    run: (request, { state, entry }) => {
      const appid = request.appid.toLowerCase()
      state.quota.charge(appid, entry, state.clock.now())
      return state.tokens.issueStable(appid, request.force_refresh === true)
    },
  },
} satisfies Handlers
