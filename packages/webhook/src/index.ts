/**
 * @wxmp/webhook: the server WeChat pushes to. Verify → decrypt → parse → dedupe → route → reply.
 *
 * @example
 * const wh = createWebhook({ accounts: [{ appid, token, aesKey }] })
 * wh.text('hi', () => 'hello')
 * wh.menu('mpGuide', () => reply.text('编写之中'))
 * await serveWebhook(wh, { port: 8080 })
 */
export { createWebhook, Webhook, type WebhookOptions } from './webhook.js'
export {
  serveWebhook,
  type RunningServer,
  type ServeOptions,
  type RequestHandler,
} from './node-server.js'
export {
  Router,
  type Handler,
  type HandlerResult,
  type Matcher,
  type Middleware,
  type MessageOf,
  type RouteKey,
  type TextPattern,
} from './router.js'
export type { AccountInfo, HandlerContext, PushMode } from './context.js'
export type { WebhookAccountConfig } from './accounts.js'
export type { WebhookRequest, WebhookResponse } from './http-types.js'
export type { Claim, DeliveryStore } from './delivery-store.js'
export { MemoryDeliveryStore, type MemoryDeliveryStoreOptions } from './memory-delivery-store.js'
export {
  DEFAULT_WEBHOOK_REDIS_PREFIX,
  openRedisDeliveryStore,
  RedisDeliveryStore,
  type RedisDeliveryStoreOptions,
} from './redis/redis-delivery-store.js'
export {
  MemoryLateReplySink,
  type LateReply,
  type LateReplyOutcome,
  type LateReplySink,
} from './late-reply.js'
export { createLogger, silentLogger, type Logger, type LogLevel, type LogFields } from './logger.js'
export { WebhookMetrics, type RequestOutcome } from './metrics.js'
export { dedupeKey } from './dedupe-key.js'
export * from './message-log/index.js'
export { reply } from '@wxmp/spec/messages'
export { defineApp, type WebhookApp } from './define-app.js'
export { EXAMPLES, echoApp, menuGuideApp } from './examples/index.js'
export {
  signedPush,
  signedVerification,
  toFetchRequest,
  WeChatLikeClient,
  type SignedPushOptions,
  type DeliveryAttempt,
  type DeliveryResult,
} from './testing/index.js'
