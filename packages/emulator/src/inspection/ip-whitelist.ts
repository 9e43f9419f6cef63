/**
 * `/__emulator/ip-whitelist`: read (GET `?appid=`) or set (POST `{appid?, ips}`) an account's API
 * IP whitelist; `ips: null` switches it off. As in the console, it applies to fetching tokens.
 */
import { z } from 'zod'
import { isWhitelistEntry } from '../ip-whitelist.js'
import { accountOf, parseInput } from './inputs.js'
import type { InspectionRoute } from './route.js'

const SET = z
  .object({
    appid: z.string().optional(),
    ips: z
      .array(z.string().refine(isWhitelistEntry, 'must be an IP address or an IPv4 CIDR range'))
      .max(1000)
      .nullable(),
  })
  .strict()

/** The whitelist routes. */
export const ipWhitelistRoutes: readonly InspectionRoute[] = [
  {
    method: 'GET',
    path: '/__emulator/ip-whitelist',
    run: ({ query }, { emulator }) => {
      const { appid } = accountOf(emulator.state, query.appid)
      return { appid, ips: emulator.state.ipWhitelists.get(appid) ?? null }
    },
  },
  {
    method: 'POST',
    path: '/__emulator/ip-whitelist',
    run: ({ body }, { emulator }) => {
      const input = parseInput(SET, body)
      const { appid } = accountOf(emulator.state, input.appid)
      emulator.state.ipWhitelists.set(appid, input.ips ?? undefined)
      return { appid, ips: input.ips }
    },
  },
]
