/**
 * @wxmp/emulator: a local WeChat platform for tests and offline development. Routes come from
 * `@wxmp/spec`'s endpoint table; tokens, quotas and menus follow the protocol reference (§5–§8).
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
