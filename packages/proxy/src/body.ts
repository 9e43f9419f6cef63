/** Reading a caller's request body with a size limit (it is kept, so a token retry can resend it). */
import { ProxyRefusal } from './refusal.js'

/** The body's bytes, or a `too-large` refusal once more than `limit` bytes arrived. */
export async function readBody(request: Request, limit: number): Promise<Uint8Array | undefined> {
  if (request.body === null) return undefined
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (declared > limit) throw tooLarge(limit)
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = (request.body as ReadableStream<Uint8Array>).getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

/** The refusal of a body over `limit` bytes. */
export function tooLarge(limit: number): ProxyRefusal {
  return new ProxyRefusal('too-large', `the request body exceeds ${limit} bytes`)
}
