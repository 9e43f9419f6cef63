/**
 * @wxmp/crypto: WeChat's SHA-1 signatures, AES-256-CBC message encryption with key rotation,
 * the encrypted reply envelope, a push builder for tests and the emulator, and the JS-SDK signature.
 * Built on node:crypto only (WebCrypto cannot do WeChat's 32-byte PKCS#7 padding).
 */
export { constantTimeEqual } from './constant-time-equal.js'
export {
  sha1Signature,
  urlSignature,
  msgSignature,
  verifyUrlSignature,
  verifyMsgSignature,
} from './signature.js'
export { createMessageCipher } from './message-cipher.js'
export type {
  KeyIndex,
  MessageCipher,
  MessageCipherOptions,
  DecryptedMessage,
} from './message-cipher.js'
export { sealReply, openReply } from './reply-envelope.js'
export type { SealReplyOptions } from './reply-envelope.js'
export { buildPush, buildUrlVerification } from './push.js'
export type { PushMode, BuildPushOptions, BuiltPush, UrlVerificationOptions } from './push.js'
export { jsSdkSignature, normalizeSignedUrl } from './jssdk.js'
export type { JsSdkSignatureInput } from './jssdk.js'
