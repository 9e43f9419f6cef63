/**
 * Building blocks shared by the scope files: the success envelopes, and field types WeChat uses
 * everywhere. Schemas describe the documented shape (types, required fields, the values that pick
 * a variant); size and count limits that WeChat answers with their own errcodes are left to the
 * emulator, which must answer with those codes rather than a schema error.
 */
import { z } from 'zod'

/** An "action" success: `{"errcode":0,"errmsg":"ok"}` (some sends word errmsg differently). */
export const ok = z.object({ errcode: z.literal(0), errmsg: z.string() })

const dataEnvelope = z.object({ errcode: z.literal(0).optional(), errmsg: z.string().optional() })

/** A "data" success: the fields, with `errcode: 0` / `errmsg` allowed but not required (§0). */
export function data<S extends z.ZodRawShape>(shape: S) {
  return dataEnvelope.extend(shape)
}

/** A success that always carries `errcode: 0` and `errmsg` next to its data (`template/send`, …). */
export function okWith<S extends z.ZodRawShape>(shape: S) {
  return ok.extend(shape)
}

/** A failure body: every endpoint, any errcode. */
export const errorBody = z.object({ errcode: z.int(), errmsg: z.string() })

/** A non-negative integer: counts, offsets, 0/1 flags. */
export const uint = z.int().nonnegative()

/** A Unix time in seconds. */
export const unixSeconds = uint

/** A 0/1 flag, as WeChat writes booleans in most bodies. */
export const flag = z.union([z.literal(0), z.literal(1)])

/** An id WeChat writes as a number in some responses and as a string in others (`menuid`, `kf_id`). */
export const looseId = z.union([z.string(), z.int()])

/** A page of OpenIDs (`user/get`, `user/tag/get`, `getblacklist`); `data` is absent on the last page. */
export const openidPage = data({
  total: uint.optional(),
  count: uint,
  data: z.object({ openid: z.array(z.string()) }).optional(),
  next_openid: z.string(),
})

/** The `lang` of user-info calls. */
export const lang = z.enum(['zh_CN', 'zh_TW', 'en'])
