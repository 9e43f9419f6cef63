/**
 * The message of a customer-service send (§6.8): `msgtype` names the payload key, as in
 * `{"touser":"…","msgtype":"text","text":{"content":"…"}}`. One variant per msgtype.
 */
import { z } from 'zod'

const mediaId = z.object({ media_id: z.string() })

const common = {
  touser: z.string(),
  // Send as a given customer-service account instead of the account itself.
  customservice: z.object({ kf_account: z.string() }).optional(),
}

/** The body of `message/custom/send`. */
export const customMessage = z.discriminatedUnion('msgtype', [
  z.object({ ...common, msgtype: z.literal('text'), text: z.object({ content: z.string() }) }),
  z.object({ ...common, msgtype: z.literal('image'), image: mediaId }),
  z.object({ ...common, msgtype: z.literal('voice'), voice: mediaId }),
  z.object({
    ...common,
    msgtype: z.literal('video'),
    video: z.object({
      media_id: z.string(),
      thumb_media_id: z.string(),
      title: z.string().optional(),
      description: z.string().optional(),
    }),
  }),
  z.object({
    ...common,
    msgtype: z.literal('music'),
    music: z.object({
      title: z.string().optional(),
      description: z.string().optional(),
      musicurl: z.string(),
      hqmusicurl: z.string(),
      thumb_media_id: z.string(),
    }),
  }),
  z.object({
    ...common,
    msgtype: z.literal('news'),
    // One article; tapping it opens `url`.
    news: z.object({
      articles: z.array(
        z.object({
          title: z.string(),
          description: z.string().optional(),
          url: z.string(),
          picurl: z.string().optional(),
        }),
      ),
    }),
  }),
  z.object({ ...common, msgtype: z.literal('mpnews'), mpnews: mediaId }),
  // A published article (newer doc revision; the reference has not re-verified it).
  z.object({
    ...common,
    msgtype: z.literal('mpnewsarticle'),
    mpnewsarticle: z.object({ article_id: z.string() }),
  }),
  z.object({
    ...common,
    msgtype: z.literal('msgmenu'),
    // The user's tap comes back as a text message whose `bizmsgmenuid` is the chosen `id`.
    msgmenu: z.object({
      head_content: z.string().optional(),
      list: z.array(z.object({ id: z.string(), content: z.string() })),
      tail_content: z.string().optional(),
    }),
  }),
  z.object({ ...common, msgtype: z.literal('wxcard'), wxcard: z.object({ card_id: z.string() }) }),
  z.object({
    ...common,
    msgtype: z.literal('miniprogrampage'),
    miniprogrampage: z.object({
      title: z.string(),
      appid: z.string(),
      pagepath: z.string(),
      thumb_media_id: z.string(),
    }),
  }),
])
