/** A test harness: one emulated account on a virtual clock, and calls that return parsed JSON. */
import { VirtualClock } from '@wxmp/core'
import type { AccountConfig } from '@wxmp/core'
import { endpointById, jsonSchemaOf } from '@wxmp/spec'
import type { EndpointId } from '@wxmp/spec'
import { expect } from 'vitest'
import { createEmulator } from './emulator.js'
import type { Emulator } from './emulator.js'

/** The demo account's AppID and AppSecret. */
export const APPID = 'wx0123456789abcdef'
export const SECRET = 'S3cretS3cretS3cretS3cretS3cret12'

/** The demo account, as core's config schema outputs it. */
export const ACCOUNT: AccountConfig = {
  appid: APPID,
  secret: SECRET,
  token: 'wxmptoken',
  encryptMode: 'plain',
}

/** A JSON answer, loosely typed for assertions. */
export type Json = Record<string, unknown> & { errcode?: number; errmsg?: string }

/** What a test works with. */
export interface Harness {
  readonly clock: VirtualClock
  readonly emulator: Emulator
  /** One request; `body` objects are sent as JSON. */
  call(method: string, path: string, query?: Record<string, string>, body?: unknown): Promise<Json>
  /** A fresh classic token of the demo account. */
  token(): Promise<string>
}

/** A fresh emulator with the demo account, seeded, on a virtual clock. */
export function harness(): Harness {
  const clock = new VirtualClock()
  const emulator = createEmulator({ accounts: [ACCOUNT], clock, seed: 42 })
  const call: Harness['call'] = async (method, path, query = {}, body = '') => {
    const response = await emulator.handle({
      method,
      path,
      query: new URLSearchParams(query).toString(),
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    return JSON.parse(String(response.body)) as Json
  }
  const token = async (): Promise<string> => {
    const answer = await call('GET', '/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: APPID,
      secret: SECRET,
    })
    return String(answer.access_token)
  }
  return { clock, emulator, call, token }
}

/** Asserts `body` is an error with `errcode`, its errmsg carrying a WeChat-style rid. */
export function expectError(body: Json, errcode: number): void {
  expect(body.errcode).toBe(errcode)
  expect(body.errmsg).toMatch(/ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/)
}

/** Asserts `body` is a success of endpoint `id` by the spec table's own response schema. */
export function expectValidResponse(id: EndpointId, body: Json): void {
  const schema = jsonSchemaOf(endpointById(id).response)
  expect(schema, `${id} has a JSON response`).toBeDefined()
  const parsed = schema?.safeParse(body)
  expect(parsed?.success, JSON.stringify(parsed?.error?.issues)).toBe(true)
}
