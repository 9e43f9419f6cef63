/**
 * WeChat's documented limits on menus (§6.1), parametric QR codes (§6.10) and remarks (§6.9), as
 * data, so a client can check a request before sending it. WeChat enforces them; these copies only let a caller
 * learn every problem at once instead of one errcode per round trip.
 */

/** The button types whose tap is pushed to the webhook with the button's `key` (§6.1). */
export const MENU_KEY_TYPES = Object.freeze([
  'click',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
] as const)

/** The button types that open a `url` (a mini program's `url` is its fallback page, §6.1). */
export const MENU_URL_TYPES = Object.freeze(['view', 'miniprogram'] as const)

/** The button types that carry a permanent material's `media_id` (§6.1). */
export const MENU_MEDIA_TYPES = Object.freeze(['media_id', 'view_limited'] as const)

/** The button types that carry a published article's `article_id` (§6.1). */
export const MENU_ARTICLE_TYPES = Object.freeze(['article_id', 'article_view_limited'] as const)

/**
 * `menu/create`'s limits (§6.1). Lengths are UTF-8 bytes, as WeChat counts them: a Chinese
 * character is 3 bytes, so a top-level name holds 5 of them.
 */
export const MENU_LIMITS = Object.freeze({
  /** Top-level buttons: 1 … 3. */
  maxButtons: 3,
  /** Sub buttons of a group: 1 … 5. */
  maxSubButtons: 5,
  /** A top-level button's name, in bytes. */
  maxButtonNameBytes: 16,
  /** A sub button's name, in bytes. */
  maxSubButtonNameBytes: 60,
  /** A button's `key`, in bytes. */
  maxKeyBytes: 128,
  /** A button's `url`, in bytes. */
  maxUrlBytes: 1024,
})

/** `qrcode/create`'s limits (§6.10). */
export const QR_LIMITS = Object.freeze({
  /** A temporary code lives at most 30 days. */
  maxExpireSeconds: 2_592_000,
  /** A temporary code lives 60 s when `expire_seconds` is omitted. */
  defaultExpireSeconds: 60,
  /** Permanent `scene_id`s run 1 … this. */
  maxPermanentSceneId: 100_000,
  /**
   * A temporary `scene_id` is a non-zero 32-bit integer. The reference does not say signed or
   * unsigned, so both readings are allowed (from -2^31 to 2^32 - 1).
   */
  minTemporarySceneId: -(2 ** 31),
  /** The largest temporary `scene_id` (see `minTemporarySceneId`). */
  maxTemporarySceneId: 2 ** 32 - 1,
  /** `scene_str` is 1 … this many characters. */
  maxSceneStrLength: 64,
})

/** `user/info/updateremark`'s limit (§6.9, current doc): else 40092. */
export const REMARK_LIMITS = Object.freeze({
  /** A remark must be shorter than this many UTF-8 bytes. */
  bytesBelow: 30,
})
