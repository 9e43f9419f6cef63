/**
 * Temporary media (§6.2): uploads kept 3 days on the clock, their download (bytes, or
 * `{video_url}` for a video; a voice also as the JS-SDK's speex), and `uploadimg`. The pipeline has already read the multipart body
 * and applied the table's file limits (type 40004, extension 40005, size 40009–40012).
 */
import { ERRCODE } from '@wxmp/core'
import { WechatError } from '../wechat-error.js'
import { callerOf } from './handler.js'
import type { Handlers } from './handler.js'
import { receivedFile } from './upload.js'

/** Where the emulator says a temporary video can be downloaded (not served). */
export function videoUrl(mediaId: string): string {
  return `http://wxmp-emulator.invalid/media/video/${mediaId}`
}

/** What `media/get/jssdk` labels a voice with [inferred]: the first of the table's two types. */
export const JSSDK_VOICE_CONTENT_TYPE = 'voice/speex'

/** The temporary media endpoints this step emulates. */
export const mediaHandlers = {
  'media.upload': {
    run: (request, ctx) => {
      const item = ctx.state.media.addTemporary(
        callerOf(ctx),
        receivedFile(request.type, request.media),
      )
      return { type: item.type, media_id: item.mediaId, created_at: item.createdAt }
    },
  },
  'media.get': {
    precheck: (raw) => {
      if (!raw.query.media_id) throw new WechatError(ERRCODE.MEDIA_ID_MISSING)
    },
    run: (request, ctx) => {
      const item = ctx.state.media.getTemporary(callerOf(ctx), request.media_id)
      if (!item) throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
      if (item.type === 'video') return { video_url: videoUrl(item.mediaId) }
      return { data: item.bytes, contentType: item.contentType, filename: item.filename }
    },
  },
  'media.getJssdk': {
    precheck: (raw) => {
      if (!raw.query.media_id) throw new WechatError(ERRCODE.MEDIA_ID_MISSING)
    },
    run: (request, ctx) => {
      // The high-quality voice a page uploaded with the JS-SDK's uploadVoice. [inferred] Any
      // temporary voice is served, its bytes as stored, labelled speex; other media → 40007.
      const item = ctx.state.media.getTemporary(callerOf(ctx), request.media_id)
      if (item?.type !== 'voice') throw new WechatError(ERRCODE.INVALID_MEDIA_ID)
      return { data: item.bytes, contentType: JSSDK_VOICE_CONTENT_TYPE, filename: item.filename }
    },
  },
  'media.uploadImg': {
    run: (request, ctx) => ({
      url: ctx.state.media.imageUrl(receivedFile('image', request.media)),
    }),
  },
} satisfies Handlers
