/**
 * Parametric QR codes (§6.10): the image URL of a ticket, and `createQrCode`, which picks the
 * action from the scene and checks WeChat's limits before asking.
 */
import { WxRequestError } from '@wxmp/core'
import { QR_LIMITS } from '@wxmp/spec'
import type { RequestOf, ResponseOf } from '@wxmp/spec'
import type { Client } from '../client.js'

/** Where WeChat serves a ticket's image (§0, §6.10). */
export const QR_IMAGE_URL = 'https://mp.weixin.qq.com/cgi-bin/showqrcode'

/**
 * The image URL of a QR ticket: a JPEG anyone can fetch, no access_token; WeChat answers 404 once
 * the ticket has expired. The ticket is URL-encoded, as §6.10 requires (it holds `+`, `/`, `=`).
 *
 * @example
 * `<img src="${qrImageUrl(code.ticket)}">`
 */
export function qrImageUrl(ticket: string): string {
  return `${QR_IMAGE_URL}?ticket=${encodeURIComponent(ticket)}`
}

/** What {@link createQrCode} takes. */
export type QrCodeOptions =
  | {
      /** A number (`scene_id`) or a string (`scene_str`) that comes back with the scan. */
      readonly scene: number | string
      /** A temporary code's life in seconds, 1 … 2,592,000 (30 days). WeChat's default is 60. */
      readonly expireSeconds?: number
      readonly permanent?: false
    }
  | {
      readonly scene: number | string
      /** A permanent code (at most 100,000 per account; `scene_id` 1 … 100,000). */
      readonly permanent: true
      readonly expireSeconds?: undefined
    }

/** A created code: WeChat's answer plus the image URL. */
export type CreatedQrCode = ResponseOf<'qrcode.create'> & {
  /** {@link qrImageUrl} of the ticket. */
  readonly imageUrl: string
}

/**
 * Creates a parametric QR code: `QR_SCENE` / `QR_STR_SCENE` (temporary) or `QR_LIMIT_SCENE` /
 * `QR_LIMIT_STR_SCENE` (permanent), by the scene's type. Scene and life are checked against §6.10
 * first; a breach is a `WxRequestError` (endpoint `qrcode.create`) and nothing is sent.
 *
 * @example
 * const code = await createQrCode(client, { scene: 'invite-42', expireSeconds: 7 * 86400 })
 * console.log(code.imageUrl)
 */
export async function createQrCode(client: Client, options: QrCodeOptions): Promise<CreatedQrCode> {
  const body = qrCodeRequest(options)
  const answer = await client.qrcode.create(body)
  return { ...answer, imageUrl: qrImageUrl(answer.ticket) }
}

/**
 * The `qrcode/create` body for `options`, checked against §6.10 (see {@link createQrCode}).
 */
export function qrCodeRequest(options: QrCodeOptions): RequestOf<'qrcode.create'> {
  const { scene, expireSeconds } = options
  const permanent = options.permanent === true
  const issues: string[] = []
  if (typeof scene === 'number') {
    if (!Number.isInteger(scene)) issues.push(`scene: ${scene} is not an integer`)
    else if (permanent && (scene < 1 || scene > QR_LIMITS.maxPermanentSceneId))
      issues.push(`scene: a permanent scene_id is 1 … ${QR_LIMITS.maxPermanentSceneId}`)
    else if (
      !permanent &&
      (scene === 0 ||
        scene < QR_LIMITS.minTemporarySceneId ||
        scene > QR_LIMITS.maxTemporarySceneId)
    )
      issues.push('scene: a temporary scene_id is a non-zero 32-bit integer')
  } else if (typeof scene === 'string') {
    const length = [...scene].length
    if (length < 1 || length > QR_LIMITS.maxSceneStrLength)
      issues.push(`scene: ${length} characters, a scene_str is 1 … ${QR_LIMITS.maxSceneStrLength}`)
  } else {
    issues.push('scene: must be a number or a string')
  }
  if (expireSeconds !== undefined) {
    if (permanent) issues.push('expireSeconds: a permanent code does not expire')
    else if (
      !Number.isInteger(expireSeconds) ||
      expireSeconds < 1 ||
      expireSeconds > QR_LIMITS.maxExpireSeconds
    )
      issues.push(`expireSeconds: ${expireSeconds}, must be 1 … ${QR_LIMITS.maxExpireSeconds}`)
  }
  const first = issues[0]
  if (first !== undefined)
    throw new WxRequestError('qrcode.create', first.slice(0, first.indexOf(':')), issues)

  if (typeof scene === 'number') {
    const action_info = { scene: { scene_id: scene } }
    if (permanent) return { action_name: 'QR_LIMIT_SCENE', action_info }
    return { action_name: 'QR_SCENE', action_info, ...lifeOf(expireSeconds) }
  }
  const action_info = { scene: { scene_str: scene } }
  if (permanent) return { action_name: 'QR_LIMIT_STR_SCENE', action_info }
  return { action_name: 'QR_STR_SCENE', action_info, ...lifeOf(expireSeconds) }
}

// Left out when not given, so WeChat's own default (60 s) applies.
const lifeOf = (expireSeconds: number | undefined) =>
  expireSeconds === undefined ? {} : { expire_seconds: expireSeconds }
