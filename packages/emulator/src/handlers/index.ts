/** Every handler of this step, and the list of ids they cover. */
import type { EndpointId } from '@wxmp/spec'
import { blacklistHandlers } from './blacklist.js'
import type { Handlers } from './handler.js'
import { materialHandlers } from './material.js'
import { mediaHandlers } from './media.js'
import { menuHandlers } from './menu.js'
import { opsHandlers } from './ops.js'
import { tagHandlers } from './tags.js'
import { tokenHandlers } from './token.js'
import { userHandlers } from './user.js'

export type { Handler, HandlerContext, Handlers, RawRequest } from './handler.js'

/** The emulator's handlers by endpoint id. */
export const HANDLERS: Handlers = {
  ...tokenHandlers,
  ...opsHandlers,
  ...menuHandlers,
  ...userHandlers,
  ...tagHandlers,
  ...blacklistHandlers,
  ...mediaHandlers,
  ...materialHandlers,
}

/**
 * The endpoint ids the emulator answers; every other id of the table answers "not emulated yet".
 * Sorted, so a test can compare it with an exact list and the gap stays visible.
 */
export const IMPLEMENTED: readonly EndpointId[] = Object.freeze(
  (Object.keys(HANDLERS) as EndpointId[]).sort(),
)
