import type { WebhookResponse } from '../http-types.js'

/** What a claim key holds: its owner's token, the body fingerprint, and once settled, the answer. */
export interface ClaimValue {
  readonly owner: string
  readonly fingerprint: number
  readonly response: WebhookResponse | undefined
}

interface Stored {
  o: string
  f: number
  r?: { s: number; t: string; b: string; h?: Record<string, string> }
}

/** The value of a claim whose first attempt is still running. */
export function encodePending(owner: string, fingerprint: number): string {
  return JSON.stringify({ o: owner, f: fingerprint } satisfies Stored)
}

/**
 * The value of a settled claim. JSON keeps the body exact: `JSON.stringify` escapes lone
 * surrogates, so even a body that is not well-formed UTF-16 survives the trip as ASCII escapes.
 */
export function encodeSettled(owner: string, fingerprint: number, r: WebhookResponse): string {
  const stored: Stored = {
    o: owner,
    f: fingerprint,
    r: { s: r.status, t: r.contentType, b: r.body },
  }
  if (r.headers !== undefined) stored.r!.h = r.headers
  return JSON.stringify(stored)
}

/** Reads a claim value back; throws on anything this store did not write. */
export function decodeClaim(value: string): ClaimValue {
  const v = JSON.parse(value) as Stored
  if (typeof v !== 'object' || v === null || typeof v.o !== 'string' || typeof v.f !== 'number')
    throw new Error('not a wxmp webhook claim')
  const r = v.r
  if (r === undefined) return { owner: v.o, fingerprint: v.f, response: undefined }
  const response: WebhookResponse = { status: r.s, body: r.b, contentType: r.t }
  if (r.h !== undefined) response.headers = r.h
  return { owner: v.o, fingerprint: v.f, response }
}
