/**
 * The client's types, derived from the table: one method per endpoint, grouped by scope
 * (`client.menu.create`), its parameter required when the request has a required field, its
 * result the endpoint's response type. Nothing here names an endpoint.
 */
import type { EndpointId, RequestArgs, RequestOf, ResponseOf, UploadFile } from '@wxmp/spec'
import type { CallOptions } from './options.js'
import type { UploadInput } from './internal/upload.js'

type ScopeOf<Id extends string> = Id extends `${infer S}.${string}` ? S : never

/** The table's scopes: `'menu' | 'media' | …`. */
export type Scope = ScopeOf<EndpointId>

// File parts of an upload accept more than the table's UploadFile: streams and paths too.
type WithUploads<T> = T extends object
  ? { [K in keyof T]: T[K] extends UploadFile ? UploadInput : T[K] }
  : T

/** The parameter list of an endpoint's method (required when its request has a required field). */
export type ClientArgs<Id extends EndpointId> =
  RequestArgs<Id> extends [request: RequestOf<Id>]
    ? [request: WithUploads<RequestOf<Id>>]
    : [request?: WithUploads<RequestOf<Id>>]

/** One endpoint's method: its request, then per-call options. */
export type EndpointMethod<Id extends EndpointId> = (
  ...args: [...ClientArgs<Id>, options?: CallOptions]
) => Promise<ResponseOf<Id>>

/** The methods of one scope, keyed by method name (`create`, `get`, …). */
export type ScopeMethods<S extends Scope> = {
  readonly [Id in EndpointId as Id extends `${S}.${infer N}` ? N : never]: EndpointMethod<Id>
}

/** Every scope's methods: `client.menu.create(...)`, `client.user.info(...)`, … */
export type EndpointMethods = { readonly [S in Scope]: ScopeMethods<S> }
