/**
 * Type tests, checked by `tsc -b` (this file is part of the build, never run): request and
 * response types come from the schemas, required fields are required, 64-bit ids are strings.
 */
import { expectTypeOf } from 'vitest'
import type { DownloadedFile } from './responses.js'
import type { UploadFile } from './multipart.js'
import type { EndpointId, EndpointOf } from './table.js'
import type { RequestArgs, RequestOf, ResponseOf, WireRequestOf } from './types.js'

export function requestTypesComeFromTheSchemas(): void {
  expectTypeOf<RequestOf<'menu.create'>>().toHaveProperty('button')
  // @ts-expect-error a menu without `button` is not a menu.create request
  const noButton: RequestOf<'menu.create'> = {}
  void noButton
  expectTypeOf<RequestArgs<'menu.create'>>().toEqualTypeOf<[request: RequestOf<'menu.create'>]>()
  // Nothing required: the parameter may be left out.
  expectTypeOf<RequestArgs<'menu.get'>>().toEqualTypeOf<[request?: RequestOf<'menu.get'>]>()
  expectTypeOf<RequestArgs<'token.get'>>().toEqualTypeOf<[request?: RequestOf<'token.get'>]>()
}

export function accountKeysAreFilledByTheClient(): void {
  expectTypeOf<RequestOf<'token.get'>>().not.toHaveProperty('secret')
  expectTypeOf<RequestOf<'oauth.accessToken'>>().toEqualTypeOf<{
    code: string
    grant_type?: 'authorization_code' | undefined
  }>()
  // What a server sees keeps them, with defaults filled.
  expectTypeOf<WireRequestOf<'token.get'>>().toEqualTypeOf<{
    grant_type: 'client_credential'
    appid: string
    secret: string
  }>()
}

export function unionBodiesKeepTheirVariants(request: RequestOf<'customService.send'>): void {
  if (request.msgtype === 'news')
    expectTypeOf(request.news.articles[0]?.url).toEqualTypeOf<string | undefined>()
  if (request.msgtype === 'text') expectTypeOf(request.text.content).toEqualTypeOf<string>()
}

export function uploadsTakeAFile(): void {
  expectTypeOf<RequestOf<'media.upload'>>().toEqualTypeOf<{
    type: 'image' | 'voice' | 'video' | 'thumb'
    readonly media: UploadFile
  }>()
}

export function responsesComeFromTheSchemas(): void {
  expectTypeOf<ResponseOf<'user.info'>['openid']>().toEqualTypeOf<string>()
  expectTypeOf<ResponseOf<'user.info'>['nickname']>().toEqualTypeOf<string | undefined>()
  expectTypeOf<ResponseOf<'template.send'>['msgid']>().toEqualTypeOf<string>()
  expectTypeOf<ResponseOf<'mass.sendAll'>['msg_id']>().toEqualTypeOf<string>()
  expectTypeOf<ResponseOf<'media.get'>>().toEqualTypeOf<
    DownloadedFile | { video_url: string; errcode?: 0 | undefined; errmsg?: string | undefined }
  >()
  expectTypeOf<ResponseOf<'qrcode.show'>>().toEqualTypeOf<DownloadedFile>()
  expectTypeOf<ResponseOf<'oauth.authorize'>>().toEqualTypeOf<{
    code?: string | undefined
    state?: string | undefined
  }>()
}

export function entriesKeepTheirLiterals(): void {
  expectTypeOf<EndpointOf<'qrcode.show'>['host']>().toEqualTypeOf<'mp'>()
  expectTypeOf<EndpointOf<'menu.create'>['auth']>().toEqualTypeOf<'accessToken'>()
  expectTypeOf<EndpointOf<'menu.create'>['method']>().toEqualTypeOf<'POST'>()
  expectTypeOf<'menu.create'>().toExtend<EndpointId>()
  expectTypeOf<'menu.nope'>().not.toExtend<EndpointId>()
}

/** The emulator's handler map: one handler per id, a missing one is a compile error. */
type Handlers = { [Id in EndpointId]: (request: WireRequestOf<Id>) => ResponseOf<Id> }

export function aHandlerMapMustCoverEveryId(handlers: Handlers): void {
  expectTypeOf(handlers['menu.create']).parameter(0).toHaveProperty('button')
  // @ts-expect-error a map without user.info is not a handler map
  const partial: Handlers = { 'menu.create': handlers['menu.create'] }
  void partial
}
