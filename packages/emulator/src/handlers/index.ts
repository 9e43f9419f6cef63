/** Every handler of this step, and the list of ids they cover. */
import type { EndpointId } from '@wxmp/spec'
import { blacklistHandlers } from './blacklist.js'
import { draftHandlers } from './draft.js'
import { freepublishHandlers } from './freepublish.js'
import { customServiceHandlers } from './custom-service.js'
import { datacubeHandlers } from './datacube.js'
import type { AllHandlers } from './handler.js'
import { kfAccountHandlers } from './kf-account.js'
import { massHandlers } from './mass.js'
import { materialHandlers } from './material.js'
import { mediaHandlers } from './media.js'
import { conditionalMenuHandlers } from './menu-conditional.js'
import { menuHandlers } from './menu.js'
import { opsCheckHandlers } from './ops-check.js'
import { opsQuotaHandlers } from './ops-quota.js'
import { oauthHandlers } from './oauth.js'
import { opsHandlers } from './ops.js'
import { qrcodeHandlers } from './qrcode.js'
import { shortLinkHandlers } from './short-link.js'
import { subscribeHandlers } from './subscribe.js'
import { tagHandlers } from './tags.js'
import { ticketHandlers } from './ticket.js'
import { templateHandlers } from './template.js'
import { tokenHandlers } from './token.js'
import { userHandlers } from './user.js'

export type { AllHandlers, Handler, HandlerContext, Handlers, RawRequest } from './handler.js'

/**
 * The emulator's handlers by endpoint id: one for every entry of the spec table, so adding an
 * endpoint to the table fails the type check here until it is emulated.
 */
export const HANDLERS: AllHandlers = {
  ...tokenHandlers,
  ...opsHandlers,
  ...opsCheckHandlers,
  ...opsQuotaHandlers,
  ...menuHandlers,
  ...conditionalMenuHandlers,
  ...userHandlers,
  ...tagHandlers,
  ...blacklistHandlers,
  ...mediaHandlers,
  ...materialHandlers,
  ...draftHandlers,
  ...freepublishHandlers,
  ...ticketHandlers,
  ...customServiceHandlers,
  ...kfAccountHandlers,
  ...templateHandlers,
  ...massHandlers,
  ...qrcodeHandlers,
  ...oauthHandlers,
  ...shortLinkHandlers,
  ...subscribeHandlers,
  ...datacubeHandlers,
}

/**
 * The endpoint ids the emulator answers; every other id of the table answers "not emulated yet".
 * Sorted, so a test can compare it with an exact list and the gap stays visible.
 */
export const IMPLEMENTED: readonly EndpointId[] = Object.freeze(
  (Object.keys(HANDLERS) as EndpointId[]).sort(),
)
