/**
 * The part of `wechat-api` (node-webot, plain JavaScript, no types) the acceptance tests use
 * (emulator and proxy, whose tsconfigs include this file).
 * Callbacks are Node style: `(err, result, res)`.
 */
declare module 'wechat-api' {
  type Callback<T> = (error: (Error & { code?: number }) | null, result: T) => void
  class WechatAPI {
    constructor(appid: string, appsecret: string)
    /** The API base, `https://api.weixin.qq.com` by default. */
    endpoint: string
    setOpts(options: Record<string, unknown>): void
    getLatestToken(callback: Callback<{ accessToken: string; expireTime: number }>): void
    createMenu(menu: unknown, callback: Callback<{ errcode: number }>): void
    getMenu(callback: Callback<{ menu: { button: unknown[] } }>): void
    removeMenu(callback: Callback<{ errcode: number }>): void
    uploadMedia(filepath: string, type: string, callback: Callback<{ media_id: string }>): void
    getMedia(mediaId: string, callback: Callback<Buffer>): void
    sendTemplate(
      openid: string,
      templateId: string,
      url: string,
      data: Record<string, { value: string; color?: string }>,
      callback: Callback<{ msgid: number }>,
    ): void
    sendText(openid: string, text: string, callback: Callback<{ errcode: number }>): void
    getUser(openid: string, callback: Callback<{ openid: string; subscribe: number }>): void
  }
  export = WechatAPI
}
