/**
 * Responses that are not one JSON document: file downloads, downloads that turn into JSON for
 * some media (video), and the OAuth consent page, which answers with a browser redirect.
 */
import { z } from 'zod'

/** A downloaded file, as the SDK returns it. */
export interface DownloadedFile {
  readonly data: Uint8Array
  /** The `Content-Type` WeChat sent. */
  readonly contentType: string
  /** The file name from `Content-Disposition`, when WeChat sent one. */
  readonly filename?: string
}

/** The response is the file's bytes. Errors still come as HTTP 200 + JSON errcode (§0). */
export interface BinaryResponse {
  readonly kind: 'binary'
  /** The content types WeChat is known to send for the file. */
  readonly contentTypes: readonly string[]
}

/**
 * The response is the file's bytes, or a JSON document for some media (`media/get` answers a
 * video with `{video_url}`). A JSON body is an error when it carries a non-zero errcode, else `json`.
 */
export interface BinaryOrJsonResponse<J extends z.ZodType = z.ZodType> {
  readonly kind: 'binaryOrJson'
  readonly contentTypes: readonly string[]
  readonly json: J
}

/**
 * A page the user's browser opens (the OAuth consent page); WeChat answers by redirecting to the
 * caller's `redirect_uri` with `params` appended. `fragment` must end the request URL.
 */
export interface RedirectResponse<P extends z.ZodObject = z.ZodObject> {
  readonly kind: 'redirect'
  readonly params: P
  readonly fragment?: string
}

/** Anything an entry's `response` may be. */
export type ResponseSpec = z.ZodType | BinaryResponse | BinaryOrJsonResponse | RedirectResponse

/** Declares a file download. */
export function binary(contentTypes: readonly string[]): BinaryResponse {
  return Object.freeze({ kind: 'binary', contentTypes })
}

/** Declares a download that some media answer with JSON instead. */
export function binaryOrJson<J extends z.ZodType>(
  contentTypes: readonly string[],
  json: J,
): BinaryOrJsonResponse<J> {
  return Object.freeze({ kind: 'binaryOrJson', contentTypes, json })
}

/** Declares a browser redirect answer. */
export function redirect<P extends z.ZodObject>(params: P, fragment?: string): RedirectResponse<P> {
  return Object.freeze(
    fragment === undefined ? { kind: 'redirect', params } : { kind: 'redirect', params, fragment },
  )
}

/** How a response is delivered: one JSON document, a file, either, or a redirect. */
export type ResponseKind =
  'json' | BinaryResponse['kind'] | BinaryOrJsonResponse['kind'] | RedirectResponse['kind']

/** The delivery kind of a response spec. */
export function responseKind(response: ResponseSpec): ResponseKind {
  return response instanceof z.ZodType ? 'json' : response.kind
}

/** The JSON schema of a response, when it has one (`json`, and the JSON side of `binaryOrJson`). */
export function jsonSchemaOf(response: ResponseSpec): z.ZodType | undefined {
  if (response instanceof z.ZodType) return response
  return response.kind === 'binaryOrJson' ? response.json : undefined
}
