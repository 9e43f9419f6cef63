/**
 * What an endpoint's emulation looks like, typed against the spec table: the request is the
 * table's validated wire request, the answer must be the table's success type.
 */
import type { Endpoint, EndpointId, ResponseOf, WireRequestOf } from '@wxmp/spec'
import type { HttpAnswer } from '../http-answer.js'
import type { EmulatorState } from '../state.js'

/** The request before schema validation: query parameters and the parsed JSON body, if any. */
export interface RawRequest {
  readonly query: Readonly<Record<string, string>>
  readonly body: unknown
}

/** What the pipeline hands a handler. */
export interface HandlerContext {
  readonly state: EmulatorState
  readonly entry: Endpoint
  /**
   * The AppID whose access_token authorised the call; `undefined` for `appSecret` endpoints,
   * which identify the account themselves.
   */
  readonly appid: string | undefined
  /** The caller's address (IPv4-mapped IPv6 unwrapped); 127.0.0.1 for in-process calls. */
  readonly clientIp: string
}

/** One endpoint's emulation. Throw `WechatError` to answer an errcode. */
export interface Handler<Id extends EndpointId> {
  /**
   * Checks WeChat answers with their own errcodes (button sizes, missing appid, …), run on the
   * raw request before the schema, which would otherwise reject the same input as a format error.
   */
  readonly precheck?: (raw: RawRequest, ctx: HandlerContext) => void
  /**
   * Answers a request that passed the schema: the table's success value, or an `HttpAnswer` for
   * what is not JSON (a page, an HTTP 404). A redirect endpoint's params are appended to the
   * request's `redirect_uri` by the pipeline.
   */
  readonly run: (request: WireRequestOf<Id>, ctx: HandlerContext) => ResponseOf<Id> | HttpAnswer
}

/** Some handlers by endpoint id: what one concern's file exports. */
export type Handlers = { readonly [Id in EndpointId]?: Handler<Id> }

/** A handler for every endpoint of the table: an entry without one fails the type check. */
export type AllHandlers = { readonly [Id in EndpointId]: Handler<Id> }

/** The AppID of an `accessToken` call; the pipeline guarantees it for such endpoints. */
export function callerOf(ctx: HandlerContext): string {
  if (ctx.appid === undefined) throw new Error(`${ctx.entry.id}: no authenticated account`)
  return ctx.appid
}
