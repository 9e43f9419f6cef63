/**
 * A world for the every-endpoint acceptance test: one seeded emulator on a virtual clock, calls
 * made by endpoint id (method, host and path come from the spec table, the access_token is added
 * for `accessToken` endpoints), and the small arrangements scenarios share (an uploaded image, a
 * follower, a tag), each made through the API itself.
 */
import { VirtualClock } from '@wxmp/core'
import { endpointById, quoteId64 } from '@wxmp/spec'
import type { EndpointId } from '@wxmp/spec'
import { createEmulator } from '../emulator.js'
import type { Emulator } from '../emulator.js'
import { ACCOUNT, APPID, SECRET } from '../emulator.test.helpers.js'
import type { Fan } from '../fans.js'

/** What a call sends: query parameters, and a JSON body or a multipart form. */
export interface CallInput {
  readonly query?: Record<string, string>
  readonly body?: unknown
  readonly form?: FormData
  /** Leave out the access_token (to test its absence). */
  readonly anonymous?: boolean
}

/** An answer: status, headers and, when it is JSON, the parsed body. */
export interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly raw: Buffer | string
  readonly json: (Record<string, unknown> & { errcode?: number; errmsg?: string }) | undefined
}

/** The acceptance test's view of one emulator. */
export interface World {
  readonly clock: VirtualClock
  readonly emulator: Emulator
  readonly appid: string
  readonly secret: string
  /** The account's current access_token (fetched once). */
  token(): Promise<string>
  /** Calls endpoint `id`. */
  call(id: EndpointId, input?: CallInput): Promise<Answer>
  /** A follower of the account (the first demo fan that follows). */
  follower(): Fan
  /** A known fan who no longer follows. */
  formerFollower(): Fan
  /** Uploads a small file as temporary media of `type`; returns its media_id. */
  temporaryMedia(type: 'image' | 'voice' | 'video' | 'thumb'): Promise<string>
  /** Adds a permanent material image; returns its media_id. */
  permanentImage(): Promise<string>
}

const EXTENSIONS = { image: 'jpg', voice: 'mp3', video: 'mp4', thumb: 'jpg' } as const

/** A small file form with one `media` part. */
export function fileForm(
  filename: string,
  bytes = 1024,
  fields: Record<string, string> = {},
): FormData {
  const form = new FormData()
  const data = new Uint8Array(bytes).map((_, i) => (i * 7) & 0xff)
  form.append('media', new Blob([data]), filename)
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  return form
}

/** A fresh world, seeded and on a virtual clock. */
export function createWorld(): World {
  const clock = new VirtualClock()
  const emulator = createEmulator({ accounts: [ACCOUNT], clock, seed: 2026 })
  let token: string | undefined

  const call = async (id: EndpointId, input: CallInput = {}): Promise<Answer> => {
    const entry = endpointById(id)
    const query = new URLSearchParams(input.query)
    if (entry.auth === 'accessToken' && input.anonymous !== true)
      query.set('access_token', await world.token())
    const host = { api: 'api.weixin.qq.com', mp: 'mp.weixin.qq.com', open: 'open.weixin.qq.com' }[
      entry.host
    ]
    const url = `https://${host}${entry.path}?${query.toString()}`
    let body: FormData | string | undefined
    if (input.form !== undefined) body = input.form
    else if (input.body !== undefined)
      body = typeof input.body === 'string' ? input.body : JSON.stringify(input.body)
    const response = await emulator.fetch(
      new Request(url, { method: entry.method, ...(body === undefined ? {} : { body }) }),
    )
    return toAnswer(response)
  }

  const world: World = {
    clock,
    emulator,
    appid: APPID,
    secret: SECRET,
    token: async () => {
      if (token !== undefined) return token
      const answer = await call('token.get', {
        query: { grant_type: 'client_credential', appid: APPID, secret: SECRET },
      })
      token = String(answer.json?.access_token)
      return token
    },
    call,
    follower: () => {
      const fan = emulator.fans.list(APPID).find((candidate) => candidate.subscribed)
      if (!fan) throw new Error('the demo account has no follower')
      return fan
    },
    formerFollower: () => {
      const fan = emulator.fans.list(APPID).find((candidate) => !candidate.subscribed)
      if (!fan) throw new Error('the demo account has no former follower')
      return fan
    },
    temporaryMedia: async (type) => {
      const answer = await call('media.upload', {
        query: { type },
        form: fileForm(`file.${EXTENSIONS[type]}`),
      })
      return String(answer.json?.media_id)
    },
    permanentImage: async () => {
      const answer = await call('material.add', {
        query: { type: 'image' },
        form: fileForm('cover.jpg'),
      })
      return String(answer.json?.media_id)
    },
  }
  return world
}

async function toAnswer(response: Response): Promise<Answer> {
  const headers = Object.fromEntries(response.headers)
  const raw = Buffer.from(await response.arrayBuffer())
  const isJson = (headers['content-type'] ?? '').includes('json')
  return {
    status: response.status,
    headers,
    raw,
    // As a client reads WeChat's JSON: 64-bit ids as strings, before they lose digits.
    json: isJson ? (JSON.parse(quoteId64(raw.toString('utf8'))) as Answer['json']) : undefined,
  }
}
