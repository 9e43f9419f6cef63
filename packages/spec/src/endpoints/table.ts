/**
 * THE endpoint table: every scope spread into one object keyed by id (`menu.create`), and the
 * same entries as a list. Adding an endpoint means adding one entry to its scope file.
 */
import { blacklist } from './blacklist.js'
import { customService } from './custom-service.js'
import { datacube } from './datacube.js'
import type { Endpoint } from './define.js'
import { draft } from './draft.js'
import { freepublish } from './freepublish.js'
import { kfAccount } from './kf-account.js'
import { mass } from './mass.js'
import { material } from './material.js'
import { media } from './media.js'
import { menu } from './menu.js'
import { oauth } from './oauth.js'
import { ops } from './ops.js'
import { qrcode } from './qrcode.js'
import { shortLink } from './short-link.js'
import { subscribe } from './subscribe.js'
import { tags } from './tags.js'
import { template } from './template.js'
import { ticket } from './ticket.js'
import { token } from './token.js'
import { user } from './user.js'

/** Every scope, in doc order; each is keyed by full id. */
export const scopes = [
  token,
  ops,
  menu,
  media,
  material,
  draft,
  freepublish,
  mass,
  template,
  subscribe,
  customService,
  kfAccount,
  user,
  tags,
  blacklist,
  qrcode,
  shortLink,
  oauth,
  ticket,
  datacube,
] as const

/** Every endpoint, keyed by id (`menu.create`). */
export const endpoints = Object.freeze({
  ...token,
  ...ops,
  ...menu,
  ...media,
  ...material,
  ...draft,
  ...freepublish,
  ...mass,
  ...template,
  ...subscribe,
  ...customService,
  ...kfAccount,
  ...user,
  ...tags,
  ...blacklist,
  ...qrcode,
  ...shortLink,
  ...oauth,
  ...ticket,
  ...datacube,
})

/** The table's type. */
export type Endpoints = typeof endpoints

/** Every endpoint id, as a union of literals (`'menu.create' | 'menu.get' | …`). */
export type EndpointId = keyof Endpoints

/** The entry of one id, with its schemas' own types. */
export type EndpointOf<Id extends EndpointId> = Endpoints[Id]

/** Every endpoint, in doc order. */
export const allEndpoints: readonly Endpoint[] = Object.freeze(Object.values(endpoints))
