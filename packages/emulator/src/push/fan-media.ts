/**
 * The files behind a fan's image, voice, video and short-video messages. WeChat keeps what the
 * fan sent as temporary media, so the push's `MediaId` (and a video's `ThumbMediaId`) can be
 * downloaded with `media/get` for 3 days (§2.3). A test may give the bytes; otherwise a tiny file
 * of the right type stands in.
 */
import type { MediaFile, MediaType } from '../media-store.js'
import { PushError } from './push-error.js'

/** A file a fan sends: its bytes and content type. */
export interface FanFile {
  readonly bytes: Uint8Array
  readonly contentType: string
  /** Defaults to `<type>.<extension of the content type>`. */
  readonly filename?: string
}

/** The message kinds that carry a fan's file. */
export const MEDIA_KINDS = ['image', 'voice', 'video', 'shortvideo'] as const

/** One of `MEDIA_KINDS`. */
export type MediaKind = (typeof MEDIA_KINDS)[number]

/** True for a message kind that carries a file. */
export function isMediaKind(kind: string): kind is MediaKind {
  return (MEDIA_KINDS as readonly string[]).includes(kind)
}

// A 1×1 JPEG: what fans' photos and video covers become when the test gives no bytes.
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////' +
    '////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
)
// The AMR magic and one silent 12.2 kbit/s frame (header 0x3C + 31 bytes).
const AMR = Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.from([0x3c]), Buffer.alloc(31)])
// An MP4 with an `ftyp` box and an empty `mdat`: enough for anything that sniffs the type.
const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom', 'latin1'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isommp41', 'latin1'),
  Buffer.from([0, 0, 0, 8]),
  Buffer.from('mdat', 'latin1'),
])

const PLACEHOLDERS: Readonly<Record<MediaType, FanFile>> = {
  image: { bytes: JPEG, contentType: 'image/jpeg', filename: 'image.jpg' },
  thumb: { bytes: JPEG, contentType: 'image/jpeg', filename: 'thumb.jpg' },
  voice: { bytes: AMR, contentType: 'audio/amr', filename: 'voice.amr' },
  video: { bytes: MP4, contentType: 'video/mp4', filename: 'video.mp4' },
}

// The content-type family a kind's file must belong to.
const FAMILY: Readonly<Record<MediaKind, string>> = {
  image: 'image/',
  voice: 'audio/',
  video: 'video/',
  shortvideo: 'video/',
}

/** The temporary-media type a kind's main file is kept as. */
export function mediaTypeOf(kind: MediaKind): MediaType {
  return kind === 'image' ? 'image' : kind === 'voice' ? 'voice' : 'video'
}

/**
 * The file to keep for a message of `kind`: the fan's own (its content type must match the kind,
 * else `invalid-message`) or the placeholder.
 */
export function fileFor(kind: MediaKind, given: FanFile | undefined): MediaFile {
  const type = mediaTypeOf(kind)
  if (given === undefined) return { type, ...PLACEHOLDERS[type] } as MediaFile
  const contentType = given.contentType.toLowerCase()
  if (!contentType.startsWith(FAMILY[kind]))
    throw new PushError(
      'invalid-message',
      `a ${kind} message needs a ${FAMILY[kind]}* file, got ${JSON.stringify(given.contentType)}`,
    )
  if (given.bytes.byteLength === 0) throw new PushError('invalid-message', 'the file is empty')
  const extension = (contentType.split('/')[1] ?? 'bin').split(/[;+\s]/)[0] || 'bin'
  return {
    type,
    bytes: given.bytes,
    contentType: given.contentType,
    filename: given.filename ?? `${kind}.${extension === 'jpeg' ? 'jpg' : extension}`,
  }
}

/** The placeholder cover of a fan's video (kept as a `thumb`). */
export function placeholderThumb(): MediaFile {
  return { type: 'thumb', ...PLACEHOLDERS.thumb } as MediaFile
}

/** `Format` of a voice message from its file's content type (§2.3 names `amr` and `speex`). */
export function voiceFormatOf(contentType: string): string {
  const subtype = contentType.toLowerCase().split('/')[1]?.split(/[;\s]/)[0] ?? ''
  if (subtype === 'mpeg' || subtype === 'mp3') return 'mp3'
  if (subtype === 'speex' || subtype === 'x-speex') return 'speex'
  return 'amr'
}
