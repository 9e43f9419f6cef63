/**
 * 你问我答 + 图尚往来, the first two tutorials of the WeChat Official Account course: a fan's text
 * comes back as the same text, and a fan's image comes back as the same image, by its MediaId
 * (WeChat keeps the fan's upload as temporary media for 3 days, so the reply can point at it).
 *
 * Serve it: npx wxmp webhook --app examples/echo/app.ts
 */
import { defineApp, reply } from '@wxmp/webhook'

/** The welcome a new follower gets. */
export const WELCOME = '欢迎关注！发文字给我，我原样奉还；发图片给我，原图奉还。'

export default defineApp((wh) => {
  // 你问我答: the reply is the question.
  wh.on('text', (msg) => reply.text(msg.Content))
  // 图尚往来: an image reply needs a MediaId, and the fan's own image already has one.
  wh.on('image', (msg) => reply.image(msg.MediaId))
  wh.on('event.subscribe', () => WELCOME)
})
