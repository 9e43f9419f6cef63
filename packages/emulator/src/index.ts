/**
 * @wxmp/emulator: a local WeChat platform for tests and offline development. Routes come from
 * `@wxmp/spec`'s endpoint table; tokens, quotas, menus, followers and tags follow the protocol reference (§5–§8, §6.9).
 */
export { createEmulator } from './emulator.js'
export type {
  Emulator,
  EmulatorOptions,
  EmulatorRequest,
  EmulatorResponse,
  EmulatorStats,
} from './emulator.js'
export { serveEmulator } from './serve.js'
export type { ServeOptions, ServedEmulator } from './serve.js'
export { HANDLERS, IMPLEMENTED } from './handlers/index.js'
export type { Handler, HandlerContext, Handlers, RawRequest } from './handlers/index.js'
export { WechatError, errmsgFor } from './wechat-error.js'
export type { EmulatorState, MenuButtons } from './state.js'
export {
  FORCE_REFRESH_PER_DAY,
  FORCE_REFRESH_SPACING_MS,
  OVERLAP_MS,
  TOKEN_TTL_MS,
} from './tokens.js'
export type { Issued, TokenKind } from './tokens.js'
export { CLEAR_QUOTA_PER_MONTH } from './quota.js'
export { DEMO_FANS, SUBSCRIBE_SCENES } from './fans.js'
export type { Fan, FanHelpers, FanInit, SubscribeScene } from './fans.js'
export { PAGE_SIZE } from './openid-page.js'
export { FIRST_TAG_ID, MAX_TAGS, RESERVED_TAG_IDS, STARRED_TAG } from './tag-store.js'
export type { Tag } from './tag-store.js'
export { MAX_BATCH_USERS, REMARK_BYTES_LIMIT } from './handlers/user.js'
export {
  MAX_DELETABLE_TAG_FANS,
  MAX_TAGGING_OPENIDS,
  MAX_TAGS_PER_FAN,
  MAX_TAG_NAME_BYTES,
} from './handlers/tags.js'
export { MAX_BLACKLIST_OPENIDS } from './handlers/blacklist.js'
export { MediaStore, TEMPORARY_TTL_SECONDS } from './media-store.js'
export type { Material, MediaFile, MediaType, TemporaryMedia } from './media-store.js'
export { MAX_BATCHGET_MATERIALS } from './handlers/material.js'
