/**
 * The 64-bit ids of sent messages (§0): template `msgid`s, mass `msg_id`s. The spec types them as
 * decimal strings; WeChat writes them as bare JSON numbers, so answers carrying them are rendered
 * here rather than by `JSON.stringify` (which would quote them).
 */
import { ID64_FIELDS } from '@wxmp/spec'
import { HttpAnswer } from './http-answer.js'
import type { Random } from './random.js'
import { randomHex } from './random.js'

/**
 * A 19-digit id, above 2^53 and below 2^63, like the template msgids observed in the wild: a
 * client that parses it with a plain `JSON.parse` gets a rounded id, as it would from WeChat.
 */
export function randomId64(random: Random): string {
  let id = String(1 + Math.floor(random() * 8))
  for (let i = 0; i < 18; i++) id += String(Math.floor(random() * 10))
  return id
}

// `"msg_id":"123"` right after `{` or `,`: inside a JSON string a quote is escaped, so this never
// matches text within a string value (the same reasoning as spec's `quoteId64`).
const QUOTED_ID = new RegExp(`([{,])"(${ID64_FIELDS.join('|')})":"(\\d+)"`, 'g')

/** `JSON.stringify(body)` with the 64-bit id fields as bare numbers, WeChat's way. */
export function stringifyWithId64(body: unknown): string {
  return JSON.stringify(body).replace(QUOTED_ID, '$1"$2":$3')
}

// The pipeline's JSON content type (observed; `encoding`, not `charset`).
const JSON_HEADERS = Object.freeze({ 'content-type': 'application/json; encoding=utf-8' })

/**
 * A JSON answer whose id fields are bare numbers. Handlers return it (success) or throw it (an
 * error that carries an id, such as 45065 with the first send's `msg_id`).
 */
export function id64Answer(body: unknown): HttpAnswer {
  return new HttpAnswer(200, JSON_HEADERS, stringifyWithId64(body))
}

/**
 * A rid in the pipeline's format (`xxxxxxxx-xxxxxxxx-xxxxxxxx`, Unix seconds in hex first), for
 * the error answers a handler renders itself.
 */
export function ridAt(nowMs: number, random: Random): string {
  const seconds = Math.floor(nowMs / 1000)
    .toString(16)
    .padStart(8, '0')
    .slice(-8)
  return `${seconds}-${randomHex(random, 8)}-${randomHex(random, 8)}`
}
