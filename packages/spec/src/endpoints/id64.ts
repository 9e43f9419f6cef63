/**
 * 64-bit ids. WeChat writes `msgid`, `msg_id`, `msg_data_id` and `publish_id` as bare JSON
 * numbers that can exceed 2^53, where `JSON.parse` silently rounds them. wxmp types them as
 * strings: whoever parses a response body must quote these fields first (`quoteId64`), and the
 * response schemas accept only the quoted form, so a body parsed the lossy way fails validation
 * instead of carrying a wrong id.
 */
import { z } from 'zod'

/** The JSON fields that carry 64-bit ids in API responses. */
export const ID64_FIELDS = ['msgid', 'msg_id', 'msg_data_id', 'publish_id'] as const

/** A 64-bit id in a response: a decimal string (see `quoteId64`). */
export const id64 = z.string().regex(/^\d+$/, 'a 64-bit id as a decimal string')

/**
 * A 64-bit id in a request: a decimal string, or a number when it is small enough to be exact.
 * WeChat's own examples use both (`mass/get` quotes it, `mass/delete` does not).
 */
export const id64In = z.union([id64, z.int().nonnegative()])

// A key can only follow `{` or `,` (and whitespace); inside a JSON string a quote is escaped, so
// this never matches text within a string value.
const ID_NUMBER = new RegExp(
  `([{,]\\s*)"(${ID64_FIELDS.join('|')})"(\\s*):(\\s*)(-?\\d+)(?=\\s*[,}\\]])`,
  'g',
)

/**
 * Rewrites a JSON text so the 64-bit id fields hold strings: `"msg_id":1000000000000000001` →
 * `"msg_id":"1000000000000000001"`. Run it on a response body before `JSON.parse`.
 */
export function quoteId64(json: string): string {
  return json.replace(ID_NUMBER, '$1"$2"$3:$4"$5"')
}
