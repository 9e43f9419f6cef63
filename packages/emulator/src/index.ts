/**
 * @wxmp/emulator: a local WeChat platform for tests and offline development. Routes come from
 * `@wxmp/spec`'s endpoint table; tokens, quotas, menus, followers, tags, media and the article
 * pipeline follow the protocol reference (§5–§8).
 * `@wxmp/spec`'s endpoint table; tokens, quotas, menus, followers and tags follow the protocol
 * reference (§5–§8, §6.9), and the push engine delivers fans' messages and events to webhooks
 * (§2–§4).
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
export {
  SNAPSHOT_SAVE_DELAY_MS,
  SNAPSHOT_VERSION,
  SnapshotError,
  loadSnapshot,
  saveSnapshot,
} from './snapshot/index.js'
export type {
  EmulatorSnapshot,
  RestoreReport,
  SnapshotPersistence,
  StateSnapshot,
  StreamName,
} from './snapshot/index.js'
export { seededRandom } from './random.js'
export type { Random, SeededRandom } from './random.js'
export type { ServeOptions, ServedEmulator } from './serve.js'
export { HANDLERS, IMPLEMENTED } from './handlers/index.js'
export type { Handler, HandlerContext, Handlers, RawRequest } from './handlers/index.js'
export { WechatError, errmsgFor } from './wechat-error.js'
export type { AccountChanges, EmulatorState, MenuButtons } from './state.js'
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
export { NewsBox, articleUrl } from './news-box.js'
export type { Article, ArticleInput, NewsItem } from './news-box.js'
export {
  FIRST_PUBLISH_ID,
  PUBLISH_DELAY_MS,
  PUBLISH_STATUS,
  PublishStore,
} from './publish-store.js'
export type { Publication } from './publish-store.js'
export {
  DEFAULT_DIGEST_CHARS,
  MAX_ARTICLES,
  MAX_AUTHOR_CHARS,
  MAX_CONTENT_BYTES,
  MAX_CONTENT_CHARS,
  MAX_DIGEST_CHARS,
  MAX_NEWSPIC_IMAGES,
  MAX_TITLE_CHARS,
} from './handlers/article-rules.js'
export { MAX_PAGE_ITEMS } from './handlers/news-pages.js'
export { publisherOpenId } from './handlers/freepublish.js'
export { JSSDK_VOICE_CONTENT_TYPE } from './handlers/media.js'
export { FIRST_MENU_ID, MenuStore } from './menu-store.js'
export type { ConditionalMenu, MatchRule } from './menu-store.js'
export { MAX_CONDITIONAL_MENUS, MAX_MENU_URL_DOMAINS } from './handlers/menu-match.js'
export { TICKET_TTL_SECONDS, TICKET_TYPES, TicketStore } from './ticket-store.js'
export type { IssuedTicket, TicketType } from './ticket-store.js'
export { HttpAnswer } from './http-answer.js'
export { PushOutbox } from './outbox.js'
export { CLIENT_MSG_ID_TTL_MS, TEMPLATE_ID_LENGTH, TemplateStore } from './template-store.js'
export type { PrivateTemplate } from './template-store.js'
export {
  DEFAULT_INDUSTRY_IDS,
  DEMO_TEMPLATE_SHORT_IDS,
  INDUSTRIES,
  TEMPLATE_LIBRARY,
} from './template-library.js'
export type { Industry, LibraryTemplate, TemplateKeyword } from './template-library.js'
export { MAX_UNTYPED_VALUE_CHARS } from './handlers/template-data.js'
export { TEMPLATE_JOB_DELAY_MS } from './handlers/template.js'
export {
  DEFAULT_MASS_SPEED,
  FIRST_MASS_MSG_ID,
  FIRST_MSG_DATA_ID,
  MASS_REALSPEEDS,
  MassStore,
} from './mass-store.js'
export type { MassJob, MassStatus, NewsArticle, UploadedNews, UploadedVideo } from './mass-store.js'
export {
  CLIENTMSGID_RETRY_MS,
  MASS_SENDER,
  MAX_CLIENTMSGID_BYTES,
  MAX_MASS_OPENIDS,
  MAX_MASS_PER_MONTH,
  MAX_NEWS_ARTICLES,
  MIN_MASS_JOB_MS,
  MIN_MASS_OPENIDS,
} from './handlers/mass.js'
export { isNewsMediaId } from './handlers/news-media.js'
export type { OutboxEvent, OutboxListener, PendingPush } from './outbox.js'
export { ReceivedLog } from './received.js'
export type { ReceivedChannel, ReceivedMessage } from './received.js'
export { CsWindows, WINDOW_RULES } from './cs-windows.js'
export type { CsWindow, WindowRule, WindowTrigger } from './cs-windows.js'
export {
  FIRST_KF_ID,
  KF_INVITE_TTL_SECONDS,
  KfAccountStore,
  MAX_KF_ACCOUNTS,
} from './kf-accounts.js'
export type { KfAccount, KfInvite, KfInviteStatus } from './kf-accounts.js'
export {
  CUSTOM_MSGTYPES,
  MAX_CUSTOM_ARTICLES,
  MAX_CUSTOM_TEXT_BYTES,
} from './handlers/custom-message-rules.js'
export { TYPING_COMMANDS } from './handlers/custom-service.js'
export {
  KF_ACCOUNT_PATTERN,
  MAX_KF_BINDINGS,
  MAX_KF_NICKNAME_CHARS,
  WECHAT_ID_PATTERN,
} from './handlers/kf-account.js'
export { INSPECTION_PREFIX, INSPECTION_ROUTES, InspectionError } from './inspection/index.js'
export {
  DEFAULT_PUSH_URL,
  KEPT_REPORTS,
  MEDIA_KINDS,
  PLATFORM_FIELDS,
  PUSH_RETRIES,
  PUSH_TIMEOUT_MS,
  PushEngine,
  PushError,
  UNAVAILABLE_NOTICE,
  isMediaKind,
  keyOf,
  originalIdOf,
} from './push/index.js'
export type {
  FanFile,
  FanMessage,
  FetchLike,
  MediaKind,
  PushAttempt,
  PushEngineOptions,
  PushInput,
  PushRefusal,
  PushReport,
  PushSource,
} from './push/index.js'
export type { InspectionContext, InspectionRequest, InspectionRoute } from './inspection/index.js'
export { AdjustableClock } from './adjustable-clock.js'
export { FaultPlan } from './faults.js'
export type { Fault, FaultAction } from './faults.js'
export { createSelfSignedCertificate, DEFAULT_DNS_NAMES } from './tls/self-signed.js'
export type { SelfSignedOptions, TlsMaterial } from './tls/self-signed.js'
export { MAX_PERMANENT_QRCODES, QrCodeStore } from './qrcode-store.js'
export type { QrCode, QrScene, ResolvedQrCode } from './qrcode-store.js'
export {
  DEFAULT_QR_EXPIRE_SECONDS,
  MAX_PERMANENT_SCENE_ID,
  MAX_QR_EXPIRE_SECONDS,
  MAX_SCENE_STR_LENGTH,
} from './handlers/qrcode.js'
export {
  OAUTH_CODE_TTL_MS,
  OAuthStore,
  REFRESH_TOKEN_TTL_MS,
  WEB_TOKEN_TTL_MS,
} from './oauth-store.js'
export type { IssuedWebToken, OAuthGrant, OAuthScope } from './oauth-store.js'
export { DECLINE_PARAM, FAN_PARAM, MAX_OAUTH_STATE_BYTES } from './handlers/oauth.js'
export { ERRCODE_HEADER } from './handlers/oauth-pages.js'
export { encodeQr } from './qr/qr-encode.js'
export type { EcLevel, QrMatrix } from './qr/qr-encode.js'
export { encodeJpeg } from './qr/jpeg.js'
export type { GrayImage } from './qr/jpeg.js'
export { SHORT_KEY_LENGTH, ShortLinkStore } from './short-link-store.js'
export type { ShortLink } from './short-link-store.js'
export { MAX_SUBSCRIBE_TEMPLATES, PRI_TMPL_ID_LENGTH, SubscribeStore } from './subscribe-store.js'
export type { SubscribeTemplate } from './subscribe-store.js'
export { SUBSCRIBE_CATEGORIES, SUBSCRIBE_LIBRARY } from './subscribe-library.js'
export type {
  SubscribeCategory,
  SubscribeKeyword,
  SubscribeLibraryTemplate,
} from './subscribe-library.js'
export {
  MAX_SCENE_DESC_CHARS,
  MAX_TITLES_PAGE,
  SUBSCRIBE_EVENT_DELAY_MS,
} from './handlers/subscribe.js'
