import { reply } from '@wxmp/spec/messages'
import { defineApp } from '../define-app.js'

/**
 * The seed tutorial apps 你问我答 (a text comes back as the same text) and 图尚往来 (an image comes
 * back as the same image, by its MediaId). A new follower gets a welcome text.
 */
export const echoApp = defineApp((wh) => {
  wh.on('text', (msg) => reply.text(msg.Content))
  wh.on('image', (msg) => reply.image(msg.MediaId))
  wh.on('event.subscribe', () =>
    reply.text('欢迎关注！发文字给我，我原样奉还；发图片给我，我也原图奉还。'),
  )
})
