/**
 * Type tests, checked by `tsc -b` (part of the build, never run): the client's methods take the
 * table's request types (required fields required, wrong types refused) and return its response
 * types; uploads take paths and streams; `request()` is the untyped escape hatch.
 */
import { Readable } from 'node:stream'
import type { DownloadedFile, RequestOf, ResponseOf } from '@wxmp/spec'
import { expectTypeOf } from 'vitest'
import type { Client } from './client.js'

export async function requiredFieldsAreRequired(client: Client): Promise<void> {
  // @ts-expect-error menu.create needs its `button` list
  await client.menu.create({})
  // @ts-expect-error and its argument cannot be left out
  await client.menu.create()
  // @ts-expect-error user.info needs an `openid`
  await client.user.info({ lang: 'zh_CN' })
  // Nothing required: the argument may be left out, options may still follow.
  await client.menu.get()
  await client.tags.get(undefined, { timeoutMs: 1000 })
}

export async function wrongTypesAreRefused(client: Client): Promise<void> {
  // @ts-expect-error a tag name is a string
  await client.tags.create({ tag: { name: 42 } })
  // @ts-expect-error `type` is one of WeChat's media types
  await client.media.upload({ type: 'gif', media: { path: 'a.gif' } })
  // @ts-expect-error a button type outside the table's list
  await client.menu.create({ button: [{ type: 'tap', name: 'x', key: 'k' }] })
  // @ts-expect-error account keys are the client's to fill
  await client.oauth.accessToken({ code: 'c', secret: 's' })
}

export async function responsesAreTyped(client: Client): Promise<void> {
  expectTypeOf(await client.user.info({ openid: 'o' })).toEqualTypeOf<ResponseOf<'user.info'>>()
  expectTypeOf(
    (await client.template.send({} as RequestOf<'template.send'>)).msgid,
  ).toEqualTypeOf<string>()
  expectTypeOf(await client.qrcode.show({ ticket: 't' })).toEqualTypeOf<DownloadedFile>()
  expectTypeOf(client.request('GET /cgi-bin/x')).toEqualTypeOf<Promise<unknown>>()
}

export async function uploadsTakeBytesStreamsAndPaths(client: Client): Promise<void> {
  await client.media.upload({ type: 'image', media: { data: Buffer.from([1]), filename: 'a.jpg' } })
  await client.media.upload({
    type: 'image',
    media: { data: Readable.from([]), filename: 'a.jpg' },
  })
  await client.material.add({ type: 'image', media: { path: '/tmp/a.png' } })
  // @ts-expect-error bytes need a file name: WeChat checks the extension
  await client.media.uploadImg({ media: { data: new Uint8Array(1) } })
}
