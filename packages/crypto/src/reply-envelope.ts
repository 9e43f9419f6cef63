/**
 * The encrypted passive reply (§4.4): the developer's reply XML encrypted, signed with
 * MsgSignature = sha1(sort(token, TimeStamp, Nonce, Encrypt)), in a four-field envelope.
 * sealReply is the webhook side; openReply is WeChat's side, for the emulator and tests.
 */
import { cdata, escapeXmlText, WxDecryptError, WxSignatureError } from '@wxmp/core'
import type { KeyIndex, MessageCipher } from './message-cipher.js'
import { msgSignature, verifyMsgSignature } from './signature.js'
import { readChildValue } from './xml-scan.js'

/** What {@link sealReply} needs besides the account's cipher. */
export interface SealReplyOptions {
  /** The account's Token (服务器配置). */
  token: string
  /** The complete plaintext reply XML (§3). */
  xml: string
  /** Unix seconds of the reply. */
  timestamp: string | number
  /** Any nonce; echoing the request's nonce is what WeChat's own example does. */
  nonce: string
  /** The key that opened the request (DecryptedMessage.keyIndex), so WeChat can open the reply. */
  keyIndex?: KeyIndex | undefined
  /** Fixed random prefix, for reproducible tests only. */
  random16?: Buffer | undefined
}

/** Encrypts and signs a passive reply, returning the `<xml><Encrypt>…<MsgSignature>…` envelope. */
export function sealReply(cipher: MessageCipher, options: SealReplyOptions): string {
  const { token, xml, nonce, keyIndex, random16 } = options
  const timestamp = String(options.timestamp)
  const encrypt = cipher.encrypt(xml, keyIndex ?? 0, random16)
  // Signed over the raw values; the XML carries them escaped, and the reader unescapes them.
  const signature = msgSignature(token, timestamp, nonce, encrypt)
  return (
    `<xml><Encrypt>${cdata(encrypt)}</Encrypt>` +
    `<MsgSignature>${cdata(signature)}</MsgSignature>` +
    `<TimeStamp>${escapeXmlText(timestamp)}</TimeStamp>` +
    `<Nonce>${cdata(nonce)}</Nonce></xml>`
  )
}

/**
 * Verifies and decrypts an encrypted reply envelope and returns the inner reply XML.
 * Throws WxSignatureError when MsgSignature, TimeStamp or Nonce is missing or the signature does
 * not match, and WxDecryptError when Encrypt is missing or does not open for this account.
 */
export function openReply(cipher: MessageCipher, token: string, replyXml: string): string {
  const encrypt = readChildValue(replyXml, 'Encrypt')
  if (encrypt === undefined)
    throw new WxDecryptError('base64', 'the reply has no <Encrypt> element')
  const signature = readChildValue(replyXml, 'MsgSignature')
  const timestamp = readChildValue(replyXml, 'TimeStamp')
  const nonce = readChildValue(replyXml, 'Nonce')
  if (signature === undefined || timestamp === undefined || nonce === undefined) {
    throw new WxSignatureError('the encrypted reply lacks MsgSignature, TimeStamp or Nonce')
  }
  // Signature first: decrypting unauthenticated ciphertext would expose a padding oracle.
  if (!verifyMsgSignature(token, timestamp, nonce, encrypt, signature)) {
    throw new WxSignatureError(
      'the reply MsgSignature does not match (wrong Token, or the envelope was altered)',
    )
  }
  return cipher.decrypt(encrypt).xml
}
