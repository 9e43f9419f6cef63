import type { WebhookResponse } from './http-types.js'

/**
 * Remembered responses as UTF-8 bytes in one preallocated buffer (a ring), so that keeping the
 * answers of the last N pushes costs the garbage collector nothing: strings kept alive for
 * seconds are promoted to V8's old generation, which then grows by tens of MB per second under
 * load before a full collection. Responses are decoded only when a retry asks for one.
 * A response whose bytes were overwritten by newer ones reads back as `undefined`.
 */
export class ResponseArena {
  readonly #bytes: Buffer
  /** Total bytes ever reserved, including skipped tails: positions are `absolute % size`. */
  #written = 0
  readonly #types: string[] = []
  readonly #typeIndex = new Map<string, number>()

  constructor(size: number) {
    this.#bytes = Buffer.allocUnsafe(Math.max(1024, size))
  }

  /** Stores the body; returns its absolute offset and byte length, or undefined if too large. */
  put(body: string): { offset: number; length: number } | undefined {
    const size = this.#bytes.length
    const worst = body.length * 3 // UTF-8 bytes per UTF-16 unit, at most
    if (worst > size / 4) return undefined // a body this large is not worth evicting others for
    let pos = this.#written % size
    if (pos + worst > size) {
      this.#written += size - pos // skip the tail; start again at 0
      pos = 0
    }
    const length = this.#bytes.write(body, pos, 'utf8')
    const offset = this.#written
    this.#written += length
    return { offset, length }
  }

  /** Reads a body back, or undefined when newer bodies overwrote it. */
  get(offset: number, length: number): string | undefined {
    const size = this.#bytes.length
    if (offset < this.#written - size) return undefined
    const pos = offset % size
    return this.#bytes.toString('utf8', pos, pos + length)
  }

  /** A small index for a content type (responses use a handful). */
  typeId(contentType: string): number {
    let id = this.#typeIndex.get(contentType)
    if (id === undefined) {
      id = this.#types.length
      this.#types.push(contentType)
      this.#typeIndex.set(contentType, id)
    }
    return id
  }

  /** The content type of an index from `typeId`. */
  type(id: number): string {
    return this.#types[id] ?? 'text/plain; charset=utf-8'
  }
}

/** Rebuilds a response from stored parts. */
export function storedResponse(status: number, contentType: string, body: string): WebhookResponse {
  return { status, body, contentType }
}
