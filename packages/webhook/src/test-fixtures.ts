import type { WebhookAccountConfig } from './accounts.js'

/** A plaintext account (no EncodingAESKey). */
export const PLAIN: WebhookAccountConfig = {
  appid: 'wx0123456789abcdef',
  token: 'testToken2024',
  originalId: 'gh_0123456789ab',
}

/** An account with an AES key and a previous key (rotation). */
export const SAFE: WebhookAccountConfig = {
  appid: 'wxfedcba9876543210',
  token: 'safeToken2024',
  aesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
  previousAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  originalId: 'gh_fedcba987654',
}

/** A fan's text message, as WeChat pushes it. */
export function textXml(
  content: string,
  msgId = '24000000000000000001',
  from = 'oUser000000000000000000000A',
  createTime = 1767225600,
): string {
  return `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
}

/** An event push (no MsgId). */
export function eventXml(
  event: string,
  eventKey?: string,
  from = 'oUser000000000000000000000A',
  createTime = 1767225600,
): string {
  const key = eventKey === undefined ? '' : `<EventKey><![CDATA[${eventKey}]]></EventKey>`
  return `<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${key}</xml>`
}
