/**
 * @wxmp/sdk: a typed client for every Official Account API, its methods built by a loop over
 * `@wxmp/spec`'s endpoint table; token sources (direct, remote token service, static); retries
 * by error kind; uploads, downloads and 64-bit ids handled; one client per account; helpers for
 * wx.config, OAuth, QR codes, menus and late replies.
 */
export { createClient, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from './client.js'
export type { Client, DownloadId, RawRequest } from './client.js'
export type { StreamedFile } from './internal/decode.js'
export type {
  ClientArgs,
  EndpointMethod,
  EndpointMethods,
  Scope,
  ScopeMethods,
} from './client-types.js'
export type { UploadInput } from './internal/upload.js'
export type {
  ApiBase,
  CallEvent,
  CallOptions,
  ClientOptions,
  FetchLike,
  ProxyOptions,
  RetryOptions,
} from './options.js'
export { staticTokenSource } from './token/token-source.js'
export type { TokenSource } from './token/token-source.js'
export { DEFAULT_REFRESH_AHEAD_MS, directTokenSource } from './token/direct.js'
export type { DirectTokenSourceOptions } from './token/direct.js'
export { remoteTokenSource } from './token/remote.js'
export type { RemoteTokenSourceOptions } from './token/remote.js'
export { DEFAULT_TICKET_REFRESH_AHEAD_MS, jsApiTicketCache, jsSdkConfig } from './helpers/jssdk.js'
export type {
  JsApiTicketCacheOptions,
  JsApiTicketSource,
  JsSdkConfig,
  JsSdkConfigOptions,
} from './helpers/jssdk.js'
export {
  DEFAULT_CODE_CACHE_SIZE,
  OAUTH_AUTHORIZE_URL,
  OAUTH_CODE_TTL_MS,
  authorizeUrl,
  codeExchangeCache,
  exchangeCode,
  userInfo,
} from './helpers/oauth.js'
export type {
  AuthorizeUrlOptions,
  CodeExchangeCache,
  CodeExchangeCacheOptions,
  ExchangeCodeOptions,
  OAuthScope,
  WebAccessToken,
} from './helpers/oauth.js'
export { QR_IMAGE_URL, createQrCode, qrCodeRequest, qrImageUrl } from './helpers/qrcode.js'
export type { CreatedQrCode, QrCodeOptions } from './helpers/qrcode.js'
export { defineMenu, validateMenu } from './helpers/menu.js'
export type { MenuButton, MenuDefinition, MenuProblem } from './helpers/menu.js'
export { customMessageOf, customServiceLateReplies } from './helpers/late-replies.js'
export type {
  CustomMessage,
  CustomServiceLateRepliesOptions,
  CustomServiceLateReplySink,
  LateReplyInput,
  LateReplyResult,
  UndeliverableReason,
  UndeliverableReply,
} from './helpers/late-replies.js'
