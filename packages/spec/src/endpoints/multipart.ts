/**
 * Uploads: `multipart/form-data` bodies with a file part (always named `media` on the OA API)
 * and, for some endpoints, plain form fields. The file limits are data, so the SDK can refuse an
 * oversized file before sending it and the emulator can answer with WeChat's errcode.
 */
import type { z } from 'zod'

/** A file to upload, as the caller hands it to the SDK. */
export interface UploadFile {
  /** The bytes. */
  readonly data: Uint8Array | Blob
  /** The file name sent in the part header; WeChat checks the extension. */
  readonly filename: string
  /** The part's content type; derived from the extension when absent. */
  readonly contentType?: string
}

/** What WeChat accepts for one kind of file. */
export interface FileLimit {
  /** The size limit in bytes: a larger file is refused (the docs do not say whether the limit itself passes). */
  readonly maxBytes: number
  /** Accepted file extensions, lower case, without the dot. */
  readonly extensions: readonly string[]
  /** The longest accepted play time in seconds (voice). */
  readonly maxSeconds?: number
}

/** One file part and its limits. */
export interface FilePart {
  /**
   * The query parameter whose value picks the limits (`type` on `media/upload`). Absent when one
   * set of limits applies; `limits` then has the single key `'*'`.
   */
  readonly selector?: string
  /** Limits keyed by the selector's value, or `'*'`. */
  readonly limits: Readonly<Record<string, FileLimit>>
}

/** A multipart body: file parts by part name, plus optional form fields. */
export interface Multipart<
  F extends z.ZodObject | undefined = z.ZodObject | undefined,
  P extends string = string,
> {
  readonly kind: 'multipart'
  /** Plain form fields (strings on the wire), e.g. the video `description` of `add_material`. */
  readonly fields: F
  /** The file parts by part name. */
  readonly files: { readonly [K in P]: FilePart }
}

/** Declares a multipart body: file parts only, or file parts and form fields. */
export function multipart<const P extends string>(spec: {
  readonly files: { readonly [K in P]: FilePart }
}): Multipart<undefined, P>
export function multipart<const P extends string, F extends z.ZodObject>(spec: {
  readonly files: { readonly [K in P]: FilePart }
  readonly fields: F
}): Multipart<F, P>
export function multipart(spec: {
  readonly files: Readonly<Record<string, FilePart>>
  readonly fields?: z.ZodObject
}): Multipart {
  return Object.freeze({ kind: 'multipart', fields: spec.fields, files: spec.files })
}

/** One set of limits for every upload to the part. */
export function anyFile(limit: FileLimit): FilePart {
  return { limits: { '*': limit } }
}

/** Limits chosen by a query parameter's value, e.g. `byQuery('type', { image: …, voice: … })`. */
export function byQuery(selector: string, limits: Readonly<Record<string, FileLimit>>): FilePart {
  return { selector, limits }
}

/**
 * The limits that apply to an upload, given the request's query (`{ type: 'voice' }`).
 * `undefined` when the selector's value is not one WeChat accepts (WeChat answers 40004).
 */
export function fileLimitFor(
  part: FilePart,
  query: Readonly<Record<string, string | undefined>> = {},
): FileLimit | undefined {
  const key = part.selector === undefined ? '*' : query[part.selector]
  return key === undefined || !Object.hasOwn(part.limits, key) ? undefined : part.limits[key]
}

/** Whether `value` is a multipart descriptor rather than a JSON schema. */
export function isMultipart(value: unknown): value is Multipart {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'multipart'
  )
}

/** 1 KiB, for writing limits the way WeChat's docs state them. */
export const KB = 1024
/** 1 MiB. */
export const MB = 1024 * KB
