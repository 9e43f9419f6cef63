/** Test helpers: WeChat-identical signed pushes and a client that retries like WeChat. */
export {
  signedPush,
  signedVerification,
  toFetchRequest,
  type SignedPushOptions,
} from './signed-push.js'
export {
  WeChatLikeClient,
  type DeliveryAttempt,
  type DeliveryResult,
} from './wechat-like-client.js'
