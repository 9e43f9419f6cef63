/**
 * The tag endpoints (§6.9): create, list, rename and delete tags, page a tag's followers, and tag
 * or untag up to 50 followers at once. A tag's count and members are its current followers.
 */
import { ERRCODE } from '@wxmp/core'
import type { Fan } from '../fans.js'
import { openidPage } from '../openid-page.js'
import { MAX_TAGS, RESERVED_TAG_IDS } from '../tag-store.js'
import type { Tag } from '../tag-store.js'
import { WechatError } from '../wechat-error.js'
import { bytes, checkListSize, follower } from './fan-rules.js'
import { callerOf } from './handler.js'
import type { HandlerContext, Handlers } from './handler.js'

/** Tag names are at most this many UTF-8 bytes (45158). */
export const MAX_TAG_NAME_BYTES = 30

/** OpenIDs per tagging call (40032 beyond). */
export const MAX_TAGGING_OPENIDS = 50

/** Tags one follower can hold (45059 beyond). */
export const MAX_TAGS_PER_FAN = 20

/** A tag whose followers exceed this cannot be deleted directly (45057). */
export const MAX_DELETABLE_TAG_FANS = 100_000

const OK = { errcode: 0, errmsg: 'ok' } as const

/** 45158 for a long name; 45157 for an empty one or one another tag of the account has. */
function checkName(ctx: HandlerContext, name: string, self?: number): void {
  if (bytes(name) > MAX_TAG_NAME_BYTES) throw new WechatError(ERRCODE.TAG_NAME_TOO_LONG)
  const taken = ctx.state.tags
    .list(callerOf(ctx))
    .some((tag) => tag.name === name && tag.id !== self)
  if (name.trim() === '' || taken) throw new WechatError(ERRCODE.INVALID_TAG_NAME)
}

/** An existing tag of the caller; 45159 otherwise. */
function existingTag(ctx: HandlerContext, id: number): Tag {
  const tag = ctx.state.tags.get(callerOf(ctx), id)
  if (!tag) throw new WechatError(ERRCODE.INVALID_TAG_ID)
  return tag
}

/** A tag that may be edited: 45058 for 0/1/2, 45159 when it does not exist. */
function editableTag(ctx: HandlerContext, id: number): Tag {
  if (RESERVED_TAG_IDS.has(id)) throw new WechatError(ERRCODE.RESERVED_TAG)
  return existingTag(ctx, id)
}

function membersOf(ctx: HandlerContext, id: number): Fan[] {
  return ctx.state.fans.followers(callerOf(ctx)).filter((fan) => fan.tags.includes(id))
}

/**
 * The followers a tagging call names, after its list and tag checks. Every check runs before any
 * change, so a refused call changes nothing ([inferred]: WeChat does not document partial effects).
 */
function taggingTargets(
  ctx: HandlerContext,
  request: { openid_list: string[]; tagid: number },
): Fan[] {
  checkListSize(request.openid_list, MAX_TAGGING_OPENIDS)
  existingTag(ctx, request.tagid)
  // A list naming someone twice must not tag them twice.
  return [...new Set(request.openid_list.map((openid) => follower(ctx, openid)))]
}

/** The tag endpoints this step emulates. */
export const tagHandlers = {
  'tags.create': {
    run: (request, ctx) => {
      const appid = callerOf(ctx)
      checkName(ctx, request.tag.name)
      if (ctx.state.tags.createdCount(appid) >= MAX_TAGS)
        throw new WechatError(ERRCODE.TOO_MANY_TAGS)
      const tag = ctx.state.tags.add(appid, request.tag.name)
      return { tag: { id: tag.id, name: tag.name } }
    },
  },
  'tags.get': {
    run: (_request, ctx) => ({
      tags: ctx.state.tags
        .list(callerOf(ctx))
        .map((tag) => ({ id: tag.id, name: tag.name, count: membersOf(ctx, tag.id).length })),
    }),
  },
  'tags.update': {
    run: (request, ctx) => {
      const tag = editableTag(ctx, request.tag.id)
      checkName(ctx, request.tag.name, tag.id)
      tag.name = request.tag.name
      return OK
    },
  },
  'tags.delete': {
    run: (request, ctx) => {
      const tag = editableTag(ctx, request.tag.id)
      if (membersOf(ctx, tag.id).length > MAX_DELETABLE_TAG_FANS)
        throw new WechatError(ERRCODE.TAG_HAS_TOO_MANY_FANS)
      // Former followers lose the tag too, so it cannot reappear if they follow again.
      for (const fan of ctx.state.fans.list(callerOf(ctx))) {
        fan.tags = fan.tags.filter((id) => id !== tag.id)
      }
      ctx.state.tags.remove(callerOf(ctx), tag.id)
      return OK
    },
  },
  'tags.getUsers': {
    run: (request, ctx) => {
      existingTag(ctx, request.tagid)
      const openids = membersOf(ctx, request.tagid).map((fan) => fan.openid)
      return openidPage(openids, request.next_openid)
    },
  },
  'tags.batchTagging': {
    run: (request, ctx) => {
      const fans = taggingTargets(ctx, request).filter((fan) => !fan.tags.includes(request.tagid))
      if (fans.some((fan) => fan.tags.length >= MAX_TAGS_PER_FAN))
        throw new WechatError(ERRCODE.USER_HAS_TOO_MANY_TAGS)
      for (const fan of fans) fan.tags.push(request.tagid)
      return OK
    },
  },
  'tags.batchUntagging': {
    run: (request, ctx) => {
      for (const fan of taggingTargets(ctx, request)) {
        fan.tags = fan.tags.filter((id) => id !== request.tagid)
      }
      return OK
    },
  },
  'tags.getIdList': {
    run: (request, ctx) => ({ tagid_list: [...follower(ctx, request.openid).tags] }),
  },
} satisfies Handlers
