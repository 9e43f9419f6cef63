/**
 * `GET /__emulator/fans?appid=`: every fan the account knows, followers or not, in the order they
 * were added. `POST /__emulator/fans`: adds a fan (`{appid?, openid?, unionid?, subscribed?, …}`);
 * arranging state only, nothing is pushed (use `/__emulator/fans/subscribe` for a follow event).
 */
import { z } from 'zod'
import { SUBSCRIBE_SCENES } from '../fans.js'
import { MAX_TAGS_PER_FAN } from '../handlers/tags.js'
import { accountOf, parseInput } from './inputs.js'
import { InspectionError } from './route.js'
import type { InspectionRoute } from './route.js'

// OpenIDs are 28 characters of this alphabet in practice; a test may pick shorter readable ones.
const OPENID = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, _ or -')

/** The `openid` field of the fan routes. */
export const openidField = OPENID.optional()

const CreateFanBody = z.strictObject(
  {
    appid: z.string().optional(),
    openid: OPENID.optional(),
    unionid: OPENID.optional(),
    subscribed: z.boolean().optional(),
    subscribeTime: z.number().int().nonnegative().optional(),
    subscribeScene: z.enum(SUBSCRIBE_SCENES).optional(),
    language: z.string().min(1).max(16).optional(),
    remark: z.string().max(30).optional(),
    tags: z.array(z.number().int()).max(MAX_TAGS_PER_FAN).optional(),
  },
  { error: 'must be an object of fan fields' },
)

/** The fan routes (list and create). */
export const fanRoutes: readonly InspectionRoute[] = [
  {
    method: 'GET',
    path: '/__emulator/fans',
    run: (request, { emulator }) => {
      const account = accountOf(emulator.state, request.query.appid)
      const fans = emulator.fans.list(account.appid)
      return { appid: account.appid, total: fans.length, fans }
    },
  },
  {
    method: 'POST',
    path: '/__emulator/fans',
    run: (request, { emulator }) => {
      const { appid, ...init } = parseInput(CreateFanBody, request.body)
      const account = accountOf(emulator.state, appid)
      if (init.openid !== undefined && emulator.fans.get(account.appid, init.openid))
        throw new InspectionError(`${account.appid} already has a fan ${init.openid}`, 409)
      const unknownTag = init.tags?.find((id) => !emulator.state.tags.get(account.appid, id))
      if (unknownTag !== undefined)
        throw new InspectionError(`tags: ${account.appid} has no tag ${unknownTag}`)
      return emulator.fans.create(account.appid, init)
    },
  },
]
