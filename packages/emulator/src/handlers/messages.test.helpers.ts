/**
 * A harness for the sending endpoints, whose answers carry 64-bit ids as bare JSON numbers: calls
 * return the raw text too, and parse it the lossless way (spec's `quoteId64`) as a client must.
 */
import { quoteId64 } from '@wxmp/spec'
import { expect } from 'vitest'
import { APPID, harness } from '../emulator.test.helpers.js'
import type { Harness, Json } from '../emulator.test.helpers.js'
import type { MediaType } from '../media-store.js'

/** A parsed answer and the text it came from. */
export interface Answer {
  readonly json: Json
  readonly text: string
}

/** The harness plus token-authenticated calls that parse 64-bit ids losslessly. */
export interface MessageHarness extends Harness {
  /** POSTs `body` (objects as JSON) with the demo account's token. */
  post(path: string, body: unknown): Promise<Json>
  /** The same, with the answer's raw text. */
  postRaw(path: string, body: unknown): Promise<Answer>
  /** GETs `path` with the token. */
  get(path: string): Promise<Json>
  /** Keeps a temporary media file of `type` and returns its media_id. */
  media(type: MediaType): string
  /** Fetches a fresh token for the next calls (after the clock moved past 2 hours). */
  renewToken(): Promise<void>
}

/** A fresh seeded emulator on a virtual clock, with a token already fetched. */
export async function messageHarness(): Promise<MessageHarness> {
  const h = harness()
  let query = new URLSearchParams({ access_token: await h.token() }).toString()
  const send = async (method: string, path: string, body: unknown): Promise<Answer> => {
    const response = await h.emulator.handle({
      method,
      path,
      query,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })
    expect(response.status).toBe(200)
    const text = String(response.body)
    return { text, json: JSON.parse(quoteId64(text)) as Json }
  }
  const media = (type: MediaType): string =>
    h.emulator.state.registerTemporaryMedia(APPID, {
      type,
      bytes: new Uint8Array([1, 2, 3]),
      contentType: 'application/octet-stream',
      filename: `file.${type === 'voice' ? 'amr' : type === 'video' ? 'mp4' : 'jpg'}`,
    })
  return {
    ...h,
    postRaw: (path, body) => send('POST', path, body),
    post: async (path, body) => (await send('POST', path, body)).json,
    get: async (path) => (await send('GET', path, '')).json,
    media,
    renewToken: async () => {
      query = new URLSearchParams({ access_token: await h.token() }).toString()
    },
  }
}
