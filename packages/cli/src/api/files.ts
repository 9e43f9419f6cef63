/** Files on disk for uploads and downloads: the media type an extension implies, writing bytes. */
import { writeFileSync } from 'node:fs'
import { extname } from 'node:path'
import { UsageError } from './failure.js'

/** The media types of uploads. */
export const MEDIA_TYPES = ['image', 'voice', 'video', 'thumb'] as const

/** One of {@link MEDIA_TYPES}. */
export type MediaType = (typeof MEDIA_TYPES)[number]

// Every extension WeChat accepts for some upload (§6.2, §6.3). `thumb` shares jpg with image, so
// it is only ever chosen with --type.
const BY_EXTENSION: Readonly<Record<string, MediaType>> = {
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  bmp: 'image',
  amr: 'voice',
  mp3: 'voice',
  wma: 'voice',
  wav: 'voice',
  mp4: 'video',
}

/** `--type` if given (checked), else the type the file's extension implies; a `UsageError` if neither. */
export function mediaTypeOf(file: string, given: string | undefined): MediaType {
  if (given !== undefined) {
    if ((MEDIA_TYPES as readonly string[]).includes(given)) return given as MediaType
    throw new UsageError(`--type: "${given}" is not one of ${MEDIA_TYPES.join(', ')}`)
  }
  const extension = extname(file).slice(1).toLowerCase()
  const type = BY_EXTENSION[extension]
  if (type === undefined)
    throw new UsageError(
      `${file}: cannot tell the media type from ".${extension}" — give --type ${MEDIA_TYPES.join('|')}`,
    )
  return type
}

/** Writes downloaded bytes to `file`; a failure to write is a `UsageError` (a bad -o path). */
export function writeBytes(file: string, data: Uint8Array): void {
  try {
    writeFileSync(file, data)
  } catch (error) {
    throw new UsageError(
      `-o ${file}: cannot write it (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    )
  }
}
