/**
 * Upload inputs (bytes, a Blob, a stream, a file path) turned into a Blob the multipart body can
 * carry, and checked against the table's file limits before anything is sent.
 */
import { openAsBlob } from 'node:fs'
import { basename, extname } from 'node:path'
import { WxRequestError } from '@wxmp/core'
import { fileLimitFor } from '@wxmp/spec'
import type { FilePart } from '@wxmp/spec'

/**
 * A file to upload: its bytes (a Buffer, a Uint8Array, a Blob, or a readable stream such as
 * `fs.createReadStream(...)`) with a file name, or a path on disk (the name defaults to the
 * path's). WeChat checks the extension, so the name matters. `contentType` defaults from it.
 */
export type UploadInput =
  | {
      readonly data: Uint8Array | Blob | AsyncIterable<Uint8Array | string>
      readonly filename: string
      readonly contentType?: string
    }
  | { readonly path: string; readonly filename?: string; readonly contentType?: string }

/** A resolved upload: replayable bytes and a name. */
export interface FileBlob {
  readonly blob: Blob
  readonly filename: string
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  bmp: 'image/bmp',
  amr: 'audio/amr',
  mp3: 'audio/mpeg',
  wma: 'audio/x-ms-wma',
  wav: 'audio/wav',
  mp4: 'video/mp4',
}

const extensionOf = (filename: string): string => extname(filename).slice(1).toLowerCase()

/**
 * Reads an upload input into a Blob. A file path becomes a file-backed Blob (not read into
 * memory); a stream is read to the end, because a token retry must be able to send the same
 * bytes again and a stream can be read only once.
 */
export async function toFileBlob(
  endpoint: string,
  part: string,
  input: unknown,
): Promise<FileBlob> {
  if (typeof input !== 'object' || input === null)
    throw new WxRequestError(endpoint, part, [
      `${part}: expected a file ({ data, filename } or { path })`,
    ])
  const file = input as Partial<Record<'data' | 'path' | 'filename' | 'contentType', unknown>>
  if (typeof file.path === 'string') {
    const filename = typeof file.filename === 'string' ? file.filename : basename(file.path)
    const type = contentTypeFor(filename, file.contentType)
    try {
      return { blob: await openAsBlob(file.path, { type }), filename }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new WxRequestError(endpoint, part, [`${part}: cannot read ${file.path}: ${reason}`])
    }
  }
  if (typeof file.filename !== 'string' || file.filename === '')
    throw new WxRequestError(endpoint, `${part}.filename`, [
      `${part}.filename: required (WeChat checks the extension)`,
    ])
  const type = contentTypeFor(file.filename, file.contentType)
  const blob = await blobOf(file.data, type)
  if (!blob)
    throw new WxRequestError(endpoint, `${part}.data`, [
      `${part}.data: expected a Buffer, Uint8Array, Blob or readable stream`,
    ])
  return { blob, filename: file.filename }
}

/**
 * Refuses a file WeChat would refuse (extension, size), naming the limit. The query picks the
 * limits where they vary (`type` of `media/upload`); an unknown selector is left to WeChat.
 */
export function checkFileLimit(
  endpoint: string,
  part: string,
  spec: FilePart,
  file: FileBlob,
  query: Readonly<Record<string, string>>,
): void {
  const limit = fileLimitFor(spec, query)
  if (!limit) return
  const extension = extensionOf(file.filename)
  if (!limit.extensions.includes(extension))
    throw new WxRequestError(endpoint, part, [
      `${part}: .${extension || '(none)'} is not accepted here (${limit.extensions.join(', ')})`,
    ])
  if (file.blob.size > limit.maxBytes)
    throw new WxRequestError(endpoint, part, [
      `${part}: ${file.blob.size} bytes is over WeChat's limit of ${limit.maxBytes}`,
    ])
}

function contentTypeFor(filename: string, given: unknown): string {
  if (typeof given === 'string' && given !== '') return given
  return CONTENT_TYPES[extensionOf(filename)] ?? 'application/octet-stream'
}

async function blobOf(data: unknown, type: string): Promise<Blob | undefined> {
  if (data instanceof Blob) return data.type === type ? data : new Blob([data], { type })
  if (data instanceof Uint8Array) return new Blob([copy(data)], { type })
  if (typeof data === 'object' && data !== null && Symbol.asyncIterator in data) {
    const chunks: Uint8Array[] = []
    for await (const chunk of data as AsyncIterable<Uint8Array | string>)
      chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : copy(chunk))
    return new Blob(chunks, { type })
  }
  return undefined
}

// A copy on its own ArrayBuffer: Blob parts must not be views of a shared or resizable buffer,
// and the caller may reuse theirs (a pooled Buffer) once the call has started.
function copy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes)
}
