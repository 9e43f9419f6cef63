/**
 * Parametric QR codes (§6.10): `qrcode/create` issues a ticket for a scene; `showqrcode` on
 * mp.weixin.qq.com answers the code as a JPEG, or HTTP 404 for a ticket that is not live.
 */
import { QR_LIMITS } from '@wxmp/spec'
import { ERRCODE } from '@wxmp/core'
import { HttpAnswer } from '../http-answer.js'
import { qrJpeg } from '../qr/qr-image.js'
import type { QrCode, QrScene } from '../qrcode-store.js'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import { answerNow } from './answer-now.js'
import type { Handlers } from './handler.js'

/** A temporary code's lifetime when `expire_seconds` is omitted (§6.10). */
export const DEFAULT_QR_EXPIRE_SECONDS = QR_LIMITS.defaultExpireSeconds

/** The longest a temporary code lives: 30 days (§6.10). */
export const MAX_QR_EXPIRE_SECONDS = QR_LIMITS.maxExpireSeconds

/** Permanent `scene_id`s run 1 … this (§6.10). */
export const MAX_PERMANENT_SCENE_ID = QR_LIMITS.maxPermanentSceneId

/** `scene_str` is 1 … this many characters (§6.10). */
export const MAX_SCENE_STR_LENGTH = QR_LIMITS.maxSceneStrLength

// "32-bit non-zero integer": both the signed and the unsigned reading are accepted ([inferred]).
const MIN_TEMP_SCENE_ID = QR_LIMITS.minTemporarySceneId
const MAX_TEMP_SCENE_ID = QR_LIMITS.maxTemporarySceneId

/** 40053 unless the scene fits the rules of its kind of code. */
function checkScene(scene: QrScene, permanent: boolean): void {
  const fits =
    typeof scene === 'string'
      ? [...scene].length >= 1 && [...scene].length <= MAX_SCENE_STR_LENGTH
      : permanent
        ? scene >= 1 && scene <= MAX_PERMANENT_SCENE_ID
        : scene !== 0 && scene >= MIN_TEMP_SCENE_ID && scene <= MAX_TEMP_SCENE_ID
  if (!fits) throw new WechatError(ERRCODE.INVALID_ACTION_INFO)
}

/**
 * A temporary code's lifetime: 60 s when omitted or 0 ([inferred] for 0), at most 30 days; a
 * longer request is capped rather than refused ([inferred]: §6.10 only gives the maximum).
 */
function lifetime(expireSeconds: number | undefined): number {
  if (!expireSeconds) return DEFAULT_QR_EXPIRE_SECONDS
  return Math.min(expireSeconds, MAX_QR_EXPIRE_SECONDS)
}

function answerOf(code: QrCode): { ticket: string; expire_seconds?: number; url: string } {
  return code.expireSeconds === undefined
    ? { ticket: code.ticket, url: code.url }
    : { ticket: code.ticket, expire_seconds: code.expireSeconds, url: code.url }
}

/** The QR code endpoints. */
export const qrcodeHandlers = {
  'qrcode.create': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      const { scene } = request.action_info
      const value: QrScene = 'scene_id' in scene ? scene.scene_id : scene.scene_str
      const qrcodes = ctx.state.qrcodes
      switch (request.action_name) {
        case 'QR_SCENE':
        case 'QR_STR_SCENE':
          checkScene(value, false)
          return answerOf(qrcodes.createTemporary(appid, value, lifetime(request.expire_seconds)))
        default: {
          checkScene(value, true)
          const code = qrcodes.permanent(appid, value)
          // The reference gives no code for the 100,001st permanent code; 40053 is [inferred].
          if (!code) throw new WechatError(ERRCODE.INVALID_ACTION_INFO)
          return answerOf(code)
        }
      }
    },
  },
  'qrcode.show': {
    // A missing ticket is a 404 like an unknown one, not the schema's errcode.
    precheck: (raw, { state }) => {
      if (!raw.query.ticket || !state.qrcodes.get(raw.query.ticket)) answerNow(notFound())
    },
    run: (request, { state }) => {
      const code = state.qrcodes.get(request.ticket)
      if (!code) answerNow(notFound())
      return { data: qrJpeg(code.url), contentType: 'image/jpg' }
    },
  },
} satisfies Handlers

/** `showqrcode`'s answer for a ticket that is unknown or expired (§0, §6.10). */
function notFound(): HttpAnswer {
  return new HttpAnswer(404, { 'content-type': 'text/html; charset=utf-8' }, '')
}
