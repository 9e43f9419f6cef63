/**
 * A small query-string reader for the handful of parameters WeChat sends. `URLSearchParams` costs
 * more than the rest of a plaintext push; this decodes only values that contain `%` or `+`.
 */

/** The WeChat push parameters; absent ones are `undefined`. */
export interface PushQuery {
  signature?: string
  timestamp?: string
  nonce?: string
  echostr?: string
  openid?: string
  encrypt_type?: string
  msg_signature?: string
}

const KNOWN = new Set([
  'signature',
  'timestamp',
  'nonce',
  'echostr',
  'openid',
  'encrypt_type',
  'msg_signature',
])

/** Reads the known WeChat parameters from a raw query string; the first occurrence of each wins. */
export function readPushQuery(query: string): PushQuery {
  const out: Record<string, string> = {}
  let start = 0
  const len = query.length
  while (start < len) {
    let end = query.indexOf('&', start)
    if (end === -1) end = len
    const eq = query.indexOf('=', start)
    if (eq !== -1 && eq < end) {
      // Names are compared in place: slicing each one out cost more than the rest of the parse.
      const length = eq - start
      for (const name of KNOWN) {
        if (name.length === length && query.startsWith(name, start)) {
          if (out[name] === undefined) out[name] = decode(query.slice(eq + 1, end))
          break
        }
      }
    }
    start = end + 1
  }
  return out
}

function decode(value: string): string {
  if (value.indexOf('%') === -1 && value.indexOf('+') === -1) return value
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    // A malformed escape cannot match any signature; keep the raw text so verification fails cleanly.
    return value
  }
}
