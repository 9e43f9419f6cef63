/**
 * Builds exactly what WeChat sends to a webhook: the query string and body of a push in each
 * encryption mode (§2.1, §4.4), and the GET handshake (§1). Used by webhook tests and by the
 * emulator's push engine, so it follows the official examples' parameter order.
 */
import { randomInt } from 'node:crypto'
import { cdata, systemClock, unixSeconds, WxConfigError, type Clock } from '@wxmp/core'
import { createMessageCipher } from './message-cipher.js'
import { msgSignature, urlSignature } from './signature.js'
import { readChildValue } from './xml-scan.js'
import { appendToRoot } from './xml-write.js'

/** Console setting 消息加解密方式: 明文 (plain), 兼容 (compat) or 安全 (safe). */
export type PushMode = 'plain' | 'compat' | 'safe'

/** Inputs of {@link buildPush}. */
export interface BuildPushOptions {
  /** The account's Token. */
  token: string
  /** The account's AppID; required in compat and safe mode. */
  appId?: string | undefined
  /** The EncodingAESKey to encrypt with; required in compat and safe mode. */
  aesKey?: string | undefined
  /** Encryption mode of the account. */
  mode: PushMode
  /** The plaintext message XML (§2.3, §2.4). */
  xml: string
  /** ToUserName of the safe-mode envelope; defaults to the one in `xml`. */
  toUserName?: string | undefined
  /** The `openid` query parameter; defaults to FromUserName in `xml`, omitted when neither exists. */
  openid?: string | undefined
  /** Unix seconds; defaults to now on `clock`. */
  timestamp?: string | number | undefined
  /** Defaults to a random 9–10 digit string, like WeChat's. */
  nonce?: string | undefined
  /** Fixed random prefix of the ciphertext, for reproducible tests. */
  random16?: Buffer | undefined
  /** Source of the default timestamp; the system clock unless given. */
  clock?: Clock | undefined
}

/** A push as it arrives: the URL query (without `?`) and the POST body. */
export interface BuiltPush {
  /** `signature=…&timestamp=…&nonce=…[&openid=…][&encrypt_type=aes&msg_signature=…]` */
  query: string
  /** The XML body for the mode. */
  body: string
}

/** Inputs of {@link buildUrlVerification}. */
export interface UrlVerificationOptions {
  /** The account's Token. */
  token: string
  /** The string the server must echo; defaults to 19 random digits, like WeChat's. */
  echostr?: string | undefined
  /** Unix seconds; defaults to now on `clock`. */
  timestamp?: string | number | undefined
  /** Defaults to a random 9–10 digit string. */
  nonce?: string | undefined
  /** Source of the default timestamp; the system clock unless given. */
  clock?: Clock | undefined
}

/** Produces the query and body WeChat would POST for `xml` in the given mode, correctly signed. */
export function buildPush(options: BuildPushOptions): BuiltPush {
  const { token, mode, xml } = options
  const timestamp = String(options.timestamp ?? unixSeconds(options.clock ?? systemClock))
  const nonce = options.nonce ?? randomNonce()
  const openid = options.openid ?? readChildValue(xml, 'FromUserName')
  let query = signedQuery(token, timestamp, nonce)
  if (openid !== undefined) query += `&openid=${encodeURIComponent(openid)}`
  if (mode === 'plain') return { query, body: xml }
  if (mode !== 'compat' && mode !== 'safe') {
    throw new TypeError(`buildPush: unknown mode ${JSON.stringify(mode)}`)
  }

  const { appId, aesKey } = options
  if (appId === undefined || aesKey === undefined) {
    throw new WxConfigError(
      `buildPush: ${mode} mode needs appId and aesKey`,
      appId === undefined ? 'appId' : 'aesKey',
    )
  }
  const encrypt = createMessageCipher({ appId, aesKey }).encrypt(xml, 0, options.random16)
  // msg_signature signs the base64 text exactly as it appears in the body.
  query += `&encrypt_type=aes&msg_signature=${msgSignature(token, timestamp, nonce, encrypt)}`
  const encryptElement = `<Encrypt>${cdata(encrypt)}</Encrypt>`
  // Compat mode keeps every plaintext field and adds Encrypt, as in the official sample body.
  if (mode === 'compat') return { query, body: appendToRoot(xml, encryptElement) }
  const toUserName = options.toUserName ?? readChildValue(xml, 'ToUserName')
  const head = toUserName === undefined ? '' : `<ToUserName>${cdata(toUserName)}</ToUserName>`
  return { query, body: `<xml>${head}${encryptElement}</xml>` }
}

/** The query string (without `?`) of WeChat's GET handshake: signature, timestamp, nonce, echostr. */
export function buildUrlVerification(options: UrlVerificationOptions): string {
  const timestamp = String(options.timestamp ?? unixSeconds(options.clock ?? systemClock))
  const nonce = options.nonce ?? randomNonce()
  const echostr = options.echostr ?? randomEchostr()
  return `${signedQuery(options.token, timestamp, nonce)}&echostr=${encodeURIComponent(echostr)}`
}

/** `signature=…&timestamp=…&nonce=…`; the signature covers the raw values, the query carries them encoded. */
function signedQuery(token: string, timestamp: string, nonce: string): string {
  const signature = urlSignature(token, timestamp, nonce)
  return `signature=${signature}&timestamp=${encodeURIComponent(timestamp)}&nonce=${encodeURIComponent(nonce)}`
}

/** 9 or 10 random digits with no leading zero, the shape of WeChat's nonces. */
function randomNonce(): string {
  return String(randomInt(100_000_000, 10_000_000_000))
}

/** 19 random digits with no leading zero, the shape of the official echostr example. */
function randomEchostr(): string {
  return (
    String(randomInt(100_000_000, 1_000_000_000)) +
    String(randomInt(0, 10_000_000_000)).padStart(10, '0')
  )
}
