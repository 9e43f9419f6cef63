/**
 * Request and response types, inferred from each entry's schemas (never declared twice).
 * `RequestOf` is what a caller passes (query and body merged, the account's `appid`/`secret` left
 * out because the client fills them); `WireRequestOf` is everything on the wire after validation;
 * `ResponseOf` is the success value.
 */
import type { z } from 'zod'
import type { Multipart, UploadFile } from './multipart.js'
import type {
  BinaryOrJsonResponse,
  BinaryResponse,
  DownloadedFile,
  RedirectResponse,
} from './responses.js'
import type { EndpointId, EndpointOf } from './table.js'

/** Request keys the client fills from the account's configuration, never the caller. */
export type AccountKey = 'appid' | 'secret'

/** The request type of an endpoint that takes no parameters. */
export type NoParams = Record<never, never>

type Simplify<T> = T extends unknown ? { [K in keyof T]: T[K] } : never
// Distributes over a union body (one variant per msgtype) so each variant keeps its own fields.
type Merge<A, B> = B extends unknown ? Simplify<A & B> : never
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Simplify<Omit<T, K>> : never

type Files<P extends string> = { readonly [K in P]: UploadFile }
type FieldsIn<F> = F extends z.ZodObject ? z.input<F> : NoParams
type FieldsOut<F> = F extends z.ZodObject ? z.output<F> : NoParams

type QueryIn<E> = E extends { readonly query: infer Q extends z.ZodType } ? z.input<Q> : NoParams
type QueryOut<E> = E extends { readonly query: infer Q extends z.ZodType } ? z.output<Q> : NoParams
type BodyIn<E> = E extends { readonly body: infer B }
  ? B extends Multipart<infer F, infer P>
    ? FieldsIn<F> & Files<P>
    : B extends z.ZodType
      ? z.input<B>
      : NoParams
  : NoParams
type BodyOut<E> = E extends { readonly body: infer B }
  ? B extends Multipart<infer F, infer P>
    ? FieldsOut<F> & Files<P>
    : B extends z.ZodType
      ? z.output<B>
      : NoParams
  : NoParams

/**
 * What a caller passes: query parameters and body fields in one object (uploads add their file
 * parts, e.g. `media`). `RequestOf<'menu.create'>` is `{ button: … }`.
 */
export type RequestOf<Id extends EndpointId> = OmitEach<
  Merge<QueryIn<EndpointOf<Id>>, BodyIn<EndpointOf<Id>>>,
  AccountKey
>

/** Everything a server sees once the request is validated: query and body, defaults filled. */
export type WireRequestOf<Id extends EndpointId> = Merge<
  QueryOut<EndpointOf<Id>>,
  BodyOut<EndpointOf<Id>>
>

/**
 * The parameter list of a typed method: required when the request has a required field, so an
 * omitted body is a compile error (unlike octokit's all-optional `params?`).
 */
export type RequestArgs<Id extends EndpointId> =
  NoParams extends RequestOf<Id> ? [request?: RequestOf<Id>] : [request: RequestOf<Id>]

/** The success value of a response spec. */
export type ResponseValue<R> = R extends BinaryResponse
  ? DownloadedFile
  : R extends BinaryOrJsonResponse<infer J>
    ? DownloadedFile | z.output<J>
    : R extends RedirectResponse<infer P>
      ? z.output<P>
      : R extends z.ZodType
        ? z.output<R>
        : never

/** What a successful call returns: the JSON body, a downloaded file, or the redirect's params. */
export type ResponseOf<Id extends EndpointId> = ResponseValue<EndpointOf<Id>['response']>
