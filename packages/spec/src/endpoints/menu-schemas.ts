/**
 * Menu buttons (§6.1). Requests use one variant per button `type`, each with the fields that type
 * requires; responses are looser (one object, every field optional except `name`) because WeChat
 * echoes `sub_button: []` on leaves and the console can create types the API cannot.
 */
import { z } from 'zod'
import { MENU_ARTICLE_TYPES, MENU_KEY_TYPES, MENU_MEDIA_TYPES } from './limits.js'
import { looseId } from './schemas.js'

const name = z.string()

/** A leaf button of a menu being created, by `type`. */
export const leafButton = z.discriminatedUnion('type', [
  z.object({ type: z.enum(MENU_KEY_TYPES), name, key: z.string() }),
  z.object({ type: z.literal('view'), name, url: z.string() }),
  z.object({
    type: z.literal('miniprogram'),
    name,
    url: z.string(),
    appid: z.string(),
    pagepath: z.string(),
  }),
  z.object({ type: z.enum(MENU_MEDIA_TYPES), name, media_id: z.string() }),
  z.object({ type: z.enum(MENU_ARTICLE_TYPES), name, article_id: z.string() }),
])

/** A top-level button of a menu being created: a leaf, or a group of up to 5 leaves. */
export const topButton = z.union([leafButton, z.object({ name, sub_button: z.array(leafButton) })])

/**
 * Who sees a conditional menu. WeChat now accepts only `tag_id` and `client_platform_type`
 * (1 iOS, 2 Android, 3 other); the legacy fields are kept so a server sees them and can answer 65320.
 */
export const matchRule = z.object({
  tag_id: z.string().optional(),
  client_platform_type: z.string().optional(),
  sex: z.string().optional(),
  country: z.string().optional(),
  province: z.string().optional(),
  city: z.string().optional(),
  language: z.string().optional(),
})

/** The fields a conditional menu's `matchrule` may set; it needs at least one (else 65304). */
export const MATCH_RULE_FIELDS: readonly string[] = Object.freeze(Object.keys(matchRule.shape))

const buttonOutFields = {
  type: z.string().optional(),
  name,
  key: z.string().optional(),
  url: z.string().optional(),
  media_id: z.string().optional(),
  appid: z.string().optional(),
  pagepath: z.string().optional(),
  article_id: z.string().optional(),
}

/** A button as `menu/get` and `trymatch` return it: leaves echo an empty `sub_button`. */
export const buttonOut = z.object({
  ...buttonOutFields,
  sub_button: z
    .array(z.object({ ...buttonOutFields, sub_button: z.array(z.never()).optional() }))
    .optional(),
})

/** A menu as `menu/get` returns it. */
export const menuOut = z.object({ button: z.array(buttonOut), menuid: looseId.optional() })

/** A conditional menu as `menu/get` returns it. */
export const conditionalMenuOut = z.object({
  button: z.array(buttonOut),
  matchrule: matchRule,
  menuid: looseId,
})

const newsInfo = z.object({
  list: z.array(
    z.object({
      title: z.string(),
      author: z.string().optional(),
      digest: z.string().optional(),
      show_cover: z.int().optional(),
      cover_url: z.string().optional(),
      content_url: z.string().optional(),
      source_url: z.string().optional(),
    }),
  ),
})

const selfMenuFields = {
  type: z.string().optional(),
  name,
  key: z.string().optional(),
  url: z.string().optional(),
  // Console-made buttons: text/img/voice/video/news carry their content in `value`.
  value: z.string().optional(),
  news_info: newsInfo.optional(),
}

/**
 * A button of `get_current_selfmenu_info`, which also shows console-made menus; sub menus are
 * wrapped as `sub_button: { list: [...] }` there, unlike `menu/get`.
 */
export const selfMenuButton = z.object({
  ...selfMenuFields,
  sub_button: z.object({ list: z.array(z.object(selfMenuFields)) }).optional(),
})
