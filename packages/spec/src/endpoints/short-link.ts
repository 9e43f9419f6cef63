/**
 * Short keys (短key托管): WeChat keeps a long string (up to 4 KB) under a short key for up to
 * 30 days, so a QR code or link can carry the key instead. Not in the protocol reference: the
 * routes and shapes come from WeChat's 短key托管 doc page as remembered, so both entries are
 * `unverified`.
 */
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { okWith, uint, unixSeconds } from './schemas.js'

const DOC = 'Account_Management/KEY_Shortener'

const SOURCE = {
  source:
    'WeChat doc developers.weixin.qq.com/doc/offiaccount/Account_Management/KEY_Shortener (短key托管), from memory',
}

/** The longest `long_data`, in bytes (the page's "不超过4KB"). */
export const SHORT_LINK_MAX_DATA_BYTES = 4096

/** The longest and default `expire_seconds`: 2,592,000 s, 30 days. */
export const SHORT_LINK_MAX_EXPIRE_SECONDS = 2_592_000

/** The shortLink scope. */
export const shortLink = defineScope('shortLink', {
  /**
   * 生成短key: keeps `long_data` under a new `short_key`. Each call makes a new key, so it is not
   * retried. `expire_seconds` defaults to (and is at most) 30 days.
   */
  generate: endpoint('POST /cgi-bin/shorten/gen', {
    title: '生成短key',
    doc: DOC,
    unverified: SOURCE,
    idempotent: false,
    body: z.object({ long_data: z.string(), expire_seconds: uint.optional() }),
    response: okWith({ short_key: z.string() }),
  }),
  /** 获取长信息: the data behind a key, when it was made, and the seconds it has left. */
  fetch: endpoint('POST /cgi-bin/shorten/fetch', {
    title: '获取长信息',
    doc: DOC,
    unverified: SOURCE,
    idempotent: true,
    body: z.object({ short_key: z.string() }),
    response: okWith({ long_data: z.string(), create_time: unixSeconds, expire_seconds: uint }),
  }),
})
