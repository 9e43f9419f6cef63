/**
 * Upload bodies (`multipart/form-data`, RFC 7578) as the emulator reads them, and WeChat's checks
 * on the file part. Anything that is not a readable multipart body with the `media` part is
 * 41005 "media data missing" (WeChat's answer to an upload without a file).
 */
import { ERRCODE } from '@wxmp/core'
import { fileLimitFor } from '@wxmp/spec'
import type { FileLimit, Multipart } from '@wxmp/spec'
import { WechatError } from './wechat-error.js'

/** One file part as received. */
export interface ReceivedFile {
  readonly data: Uint8Array
  readonly filename: string
  readonly contentType: string
}

/** A parsed multipart body: file parts (those with a `filename`) and plain fields. */
export interface ParsedMultipart {
  readonly files: ReadonlyMap<string, ReceivedFile>
  readonly fields: Readonly<Record<string, string>>
}

/** The header's value, whatever the case of its name. */
export function headerOf(
  headers: Readonly<Record<string, string>> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value
  return undefined
}

/** `boundary` of a `multipart/form-data` content type, quoted or not. */
function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return undefined
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  const boundary = match?.[1] ?? match?.[2]
  return boundary && boundary.length <= 200 ? boundary : undefined
}

/** A parameter (`name`, `filename`) of a Content-Disposition value. */
function dispositionParam(value: string, param: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${param}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(value)
  if (match?.[1] !== undefined) return match[1].replace(/\\(.)/g, '$1')
  return new RegExp(`(?:^|;)\\s*${param}=([^;\\s]+)`, 'i').exec(value)?.[1]
}

const malformed = (): WechatError => new WechatError(ERRCODE.MEDIA_DATA_MISSING)

/** Parses a multipart body; 41005 when the content type or the body is not a multipart form. */
export function parseMultipart(contentType: string | undefined, body: Buffer): ParsedMultipart {
  const boundary = boundaryOf(contentType)
  if (boundary === undefined) throw malformed()
  const delimiter = Buffer.from(`--${boundary}`)
  const next = Buffer.from(`\r\n--${boundary}`)
  const files = new Map<string, ReceivedFile>()
  const fields: Record<string, string> = {}

  let at = body.indexOf(delimiter)
  if (at !== 0 && (at < 2 || body.subarray(at - 2, at).toString('latin1') !== '\r\n'))
    throw malformed()
  at += delimiter.length
  for (;;) {
    if (body.subarray(at, at + 2).toString('latin1') === '--') break // the closing delimiter
    // Transport padding (spaces, tabs) may follow a delimiter before its CRLF.
    while (body[at] === 0x20 || body[at] === 0x09) at++
    if (body.subarray(at, at + 2).toString('latin1') !== '\r\n') throw malformed()
    const headersEnd = body.indexOf('\r\n\r\n', at + 2)
    if (headersEnd < 0) throw malformed()
    const end = body.indexOf(next, headersEnd + 4)
    if (end < 0) throw malformed()
    const headers = new Map<string, string>()
    for (const line of body
      .subarray(at + 2, headersEnd)
      .toString('utf8')
      .split('\r\n')) {
      const colon = line.indexOf(':')
      if (colon > 0)
        headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
    }
    const disposition = headers.get('content-disposition') ?? ''
    const name = dispositionParam(disposition, 'name')
    if (!/^form-data\b/i.test(disposition) || name === undefined) throw malformed()
    const content = body.subarray(headersEnd + 4, end)
    const filename = dispositionParam(disposition, 'filename')
    if (filename === undefined) fields[name] = content.toString('utf8')
    else {
      files.set(name, {
        data: new Uint8Array(content),
        filename,
        contentType: headers.get('content-type') ?? 'application/octet-stream',
      })
    }
    at = end + next.length
  }
  return { files, fields }
}

// The size errcode by the selector's value (`type`); a part with one set of limits is an image
// upload (`uploadimg`) and answers 40009 too; anything else the generic 40006.
const SIZE_ERRCODE: Readonly<Record<string, number>> = {
  image: ERRCODE.INVALID_IMAGE_SIZE,
  '*': ERRCODE.INVALID_IMAGE_SIZE,
  voice: ERRCODE.INVALID_VOICE_SIZE,
  video: ERRCODE.INVALID_VIDEO_SIZE,
  thumb: ERRCODE.INVALID_THUMB_SIZE,
}

/**
 * Reads an upload and applies the table's file limits, in WeChat's order as far as known:
 * the `type` (40004), the body and its parts (41005), an empty file (44001), the extension
 * (40005), the size (40009–40012, else 40006). Play time (`maxSeconds`) is not checked: the
 * emulator does not decode audio. Returns the parts by name and the plain fields.
 */
export function readUpload(
  spec: Multipart,
  query: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>> | undefined,
  body: Buffer | string,
): ParsedMultipart {
  const limits = new Map<string, { key: string; limit: FileLimit }>()
  for (const [name, part] of Object.entries(spec.files)) {
    const limit = fileLimitFor(part, query)
    if (!limit) throw new WechatError(ERRCODE.INVALID_MEDIA_TYPE)
    limits.set(name, {
      key: part.selector === undefined ? '*' : (query[part.selector] ?? ''),
      limit,
    })
  }
  const parsed = parseMultipart(
    headerOf(headers, 'content-type'),
    typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
  )
  for (const [name, { key, limit }] of limits) {
    const file = parsed.files.get(name)
    if (!file) throw malformed()
    if (file.data.byteLength === 0) throw new WechatError(ERRCODE.EMPTY_MEDIA_DATA)
    const extension = /\.([^./\\]+)$/.exec(file.filename)?.[1]?.toLowerCase() ?? ''
    if (!limit.extensions.includes(extension)) throw new WechatError(ERRCODE.INVALID_FILE_TYPE)
    if (file.data.byteLength > limit.maxBytes)
      throw new WechatError(SIZE_ERRCODE[key] ?? ERRCODE.INVALID_FILE_SIZE)
  }
  return parsed
}
