/**
 * `POST /__emulator/push`: a fan sends the account a message or triggers an event; the answer is
 * the delivery report (`attempts`, `reply`, `acknowledged`, `xml`, …). The message uses the XML's
 * element names: `{"MsgType": "text", "Content": "hi"}`, `{"MsgType": "event", "Event": "CLICK",
 * "EventKey": "k"}`; lists are arrays, nested elements objects.
 */
import { z } from 'zod'
import { isMediaKind, keyOf } from '../push/index.js'
import type { FanFile, FanMessage } from '../push/index.js'
import { accountOf, fanOf, parseInput, pushing } from './inputs.js'
import { InspectionError } from './route.js'
import type { InspectionRoute } from './route.js'

const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** A file in a JSON body: base64 bytes and their content type. */
export const fileFields = {
  file: z
    .string({ error: 'must be the file as a base64 string' })
    .regex(STRICT_BASE64, 'must be the file as a base64 string')
    .optional(),
  contentType: z.string().min(1).optional(),
  filename: z.string().min(1).max(128).optional(),
}

const PushBody = z.strictObject(
  {
    appid: z.string().optional(),
    openid: z.string().optional(),
    message: z.record(z.string(), z.unknown(), {
      error: 'must be an object such as {"MsgType": "text", "Content": "hi"}',
    }),
    ...fileFields,
  },
  { error: 'must be an object with a message' },
)

/** The file a body carries, or `undefined`; 400 when half of it is given. */
export function fileOf(body: {
  file?: string | undefined
  contentType?: string | undefined
  filename?: string | undefined
}): FanFile | undefined {
  if (body.file === undefined) {
    if (body.contentType !== undefined) throw new InspectionError('contentType needs file')
    return undefined
  }
  if (body.contentType === undefined)
    throw new InspectionError('file needs contentType, e.g. "image/jpeg"')
  return {
    bytes: Buffer.from(body.file, 'base64'),
    contentType: body.contentType,
    ...(body.filename === undefined ? {} : { filename: body.filename }),
  }
}

/**
 * The engine's message from XML-named JSON fields: `MsgType` (+ `Event`) select the kind, the
 * rest are the message's own elements. Values must be strings, numbers, objects or arrays.
 */
export function fanMessageOf(fields: Readonly<Record<string, unknown>>): FanMessage {
  const { MsgType, Event, ...rest } = fields
  if (typeof MsgType !== 'string')
    throw new InspectionError('message.MsgType: required, e.g. "text" or "event"')
  if (MsgType === 'event' && typeof Event !== 'string')
    throw new InspectionError('message.Event: required when MsgType is "event", e.g. "CLICK"')
  if (MsgType !== 'event' && Event !== undefined)
    throw new InspectionError('message.Event: only for MsgType "event"')
  const kind = keyOf(MsgType, typeof Event === 'string' ? Event : undefined)
  if (kind === undefined) {
    const what = MsgType === 'event' ? `event ${String(Event)}` : `MsgType ${MsgType}`
    throw new InspectionError(`message: WeChat pushes no ${what} (names are case-sensitive)`)
  }
  for (const [name, value] of Object.entries(rest)) checkValue(`message.${name}`, value)
  return { ...rest, kind } as FanMessage
}

function checkValue(path: string, value: unknown): void {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkValue(`${path}[${index}]`, item))
    return
  }
  if (typeof value === 'object' && value !== null) {
    for (const [name, inner] of Object.entries(value)) checkValue(`${path}.${name}`, inner)
    return
  }
  throw new InspectionError(`${path}: must be a string, a number, an object or an array`)
}

/** The push route. */
export const pushRoutes: readonly InspectionRoute[] = [
  {
    method: 'POST',
    path: '/__emulator/push',
    run: async (request, { emulator }) => {
      const body = parseInput(PushBody, request.body)
      const { state } = emulator
      const account = accountOf(state, body.appid)
      const fan = fanOf(state, account.appid, body.openid, {
        test: (candidate) => candidate.subscribed,
        what: 'follower',
      })
      const message = fanMessageOf(body.message)
      const file = fileOf(body)
      if (file !== undefined && !isMediaKind(message.kind))
        throw new InspectionError(`file: a ${message.kind} message carries no file`)
      return pushing(() =>
        emulator.push.push({ appid: account.appid, openid: fan.openid, message, file }),
      )
    },
  },
]
