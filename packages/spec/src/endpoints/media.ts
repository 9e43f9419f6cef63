/** Temporary media (临时素材, §6.2): uploads kept 3 days, and their download. */
import { ERRCODE } from '@wxmp/core'
import { z } from 'zod'
import { defineScope, endpoint } from './define.js'
import { KB, MB, anyFile, byQuery, multipart } from './multipart.js'
import { binary, binaryOrJson } from './responses.js'
import { data, unixSeconds } from './schemas.js'

/** How long WeChat keeps temporary media (uploaded, or received from users): 3 days. */
export const TEMPORARY_MEDIA_TTL_SECONDS = 3 * 24 * 60 * 60

/** The media types of `media/upload`. */
export const temporaryMediaType = z.enum(['image', 'voice', 'video', 'thumb'])

// §6.2. The image limit is the documented 10 MB; the newer page's summary says 2 MB, so a client
// that wants to be safe can stop at 2 MB itself.
const temporaryLimits = byQuery('type', {
  image: { maxBytes: 10 * MB, extensions: ['png', 'jpeg', 'jpg', 'gif'] },
  voice: { maxBytes: 2 * MB, extensions: ['amr', 'mp3'], maxSeconds: 60 },
  video: { maxBytes: 10 * MB, extensions: ['mp4'] },
  thumb: { maxBytes: 64 * KB, extensions: ['jpg'] },
})

const uploadErrors = [
  ERRCODE.INVALID_MEDIA_TYPE,
  ERRCODE.INVALID_FILE_TYPE,
  ERRCODE.INVALID_FILE_SIZE,
  ERRCODE.INVALID_IMAGE_SIZE,
  ERRCODE.INVALID_VOICE_SIZE,
  ERRCODE.INVALID_VIDEO_SIZE,
  ERRCODE.INVALID_THUMB_SIZE,
  ERRCODE.MEDIA_DATA_MISSING,
  ERRCODE.EMPTY_MEDIA_DATA,
  ERRCODE.MEDIA_SIZE_OUT_OF_LIMIT,
  ERRCODE.VOICE_PLAYTIME_OUT_OF_LIMIT,
]

const mediaIdQuery = z.object({ media_id: z.string() })

/** The media scope. */
export const media = defineScope('media', {
  /** 新增临时素材: multipart part `media`; limits by `type`; kept 3 days. */
  upload: endpoint('POST /cgi-bin/media/upload', {
    title: '新增临时素材',
    doc: 'Asset_Management/New_temporary_materials',
    ref: '§6.2',
    idempotent: false,
    query: z.object({ type: temporaryMediaType }),
    body: multipart({ files: { media: temporaryLimits } }),
    response: data({ type: temporaryMediaType, media_id: z.string(), created_at: unixSeconds }),
    errcodes: uploadErrors,
    quota: { perDay: 100_000, testAccountPerDay: 500 },
  }),
  /** 获取临时素材: the file's bytes, or `{video_url}` for a video. */
  get: endpoint('GET /cgi-bin/media/get', {
    title: '获取临时素材',
    doc: 'Asset_Management/Get_temporary_materials',
    ref: '§6.2',
    idempotent: true,
    query: mediaIdQuery,
    response: binaryOrJson(
      ['image/jpeg', 'image/png', 'image/gif', 'audio/amr', 'audio/mpeg'],
      data({ video_url: z.string() }),
    ),
    errcodes: [ERRCODE.INVALID_MEDIA_ID, ERRCODE.MEDIA_ID_MISSING],
    quota: { perDay: 200_000, testAccountPerDay: 1000 },
  }),
  /** 获取高清语音素材: the 16 kHz speex recording a page uploaded with JS-SDK `uploadVoice`. */
  getJssdk: endpoint('GET /cgi-bin/media/get/jssdk', {
    title: '获取高清语音素材',
    doc: 'Asset_Management/Get_temporary_materials',
    ref: '§6.2',
    idempotent: true,
    query: mediaIdQuery,
    response: binary(['voice/speex', 'audio/speex']),
    errcodes: [ERRCODE.INVALID_MEDIA_ID, ERRCODE.MEDIA_ID_MISSING],
  }),
  /** 上传图文消息内的图片获取URL: an image for article bodies (jpg/png under 1 MB), not in the library. */
  uploadImg: endpoint('POST /cgi-bin/media/uploadimg', {
    title: '上传图文消息内的图片获取URL',
    doc: 'Asset_Management/Adding_Permanent_Assets',
    ref: '§6.2',
    idempotent: false,
    body: multipart({
      files: { media: anyFile({ maxBytes: 1 * MB, extensions: ['jpg', 'png'] }) },
    }),
    response: data({ url: z.string() }),
    errcodes: [
      ERRCODE.INVALID_FILE_TYPE,
      ERRCODE.INVALID_IMAGE_SIZE,
      ERRCODE.MEDIA_SIZE_OUT_OF_LIMIT,
    ],
  }),
})
