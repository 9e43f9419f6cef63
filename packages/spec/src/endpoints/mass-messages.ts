/**
 * The message of a mass send (§6.5): `msgtype` names the payload key, e.g.
 * `{"msgtype":"mpnews","mpnews":{"media_id":"…"}}`. One variant per msgtype, so a body with the
 * wrong payload for its msgtype fails validation.
 */
import { z } from 'zod'
import { flag } from './schemas.js'

const mediaId = z.object({ media_id: z.string() })

/** `images`: an image post of permanent images. */
const images = z.object({
  media_ids: z.array(z.string()),
  recommend: z.string().optional(),
  need_open_comment: flag.optional(),
  only_fans_can_comment: flag.optional(),
})

/** `mpvideo`: the media_id comes from `media/uploadvideo`; send/preview may add title/description. */
const mpvideo = z.object({
  media_id: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
})

/** A mass-send body: `target` (who receives it) plus one message variant. */
export function massMessage<T extends z.ZodRawShape>(target: T) {
  return z.discriminatedUnion('msgtype', [
    z.object({ ...target, msgtype: z.literal('text'), text: z.object({ content: z.string() }) }),
    z.object({ ...target, msgtype: z.literal('voice'), voice: mediaId }),
    z.object({ ...target, msgtype: z.literal('images'), images }),
    z.object({ ...target, msgtype: z.literal('mpvideo'), mpvideo }),
    // A draft's media_id (the current pipeline) or a legacy uploadnews media_id.
    z.object({ ...target, msgtype: z.literal('mpnews'), mpnews: mediaId }),
    z.object({
      ...target,
      msgtype: z.literal('wxcard'),
      wxcard: z.object({ card_id: z.string() }),
    }),
  ])
}
