import type { MessageLogEntry } from './types.js'

/** Bytes of one entry's record in a batch's header (the format is described in `batch-codec.ts`). */
export const RECORD_BYTES = 60
/** Offset in a record of the UTF-16 lengths of the small fields, then of the byte lengths. */
export const UNITS_AT = 16
export const BYTES_AT = 48
/** The length stored for an `error` the entry does not have (an empty error is a real value). */
export const ABSENT = 0xffff_ffff
/** Worst-case UTF-8 bytes per UTF-16 code unit. */
const MAX_UTF8_PER_UNIT = 3
/** A builder starts at this size: a default batch of 512 entries of ~1.1 KB fits. */
const INITIAL_BYTES = 1 << 20
/** A buffer grown past this for an unusually large batch is given back by `reset`. */
const MAX_KEPT_BYTES = 8 << 20

/** One encoded batch and the bounds of its `at` values, for the index. */
export interface EncodedBatch {
  /** A view of the builder's buffer: valid until it is reset, so bind it before then. */
  readonly blob: Buffer
  /** Smallest `at` in the batch (`Infinity` if no entry has a comparable one). */
  readonly minAt: number
  /** Largest `at` in the batch (`-Infinity` if no entry has a comparable one). */
  readonly maxAt: number
}

/**
 * One batch, encoded entry by entry as the entries arrive: each `append` writes the entry's
 * record and text into the builder's buffer at once, so the log holds bytes off the JS heap
 * rather than entry objects and their XML strings until the batch is written. Held as objects,
 * the queue (up to a batch, ~0.5 MB) was what V8's young-generation collections copied most:
 * most of their cost, and of the pauses every reply in flight waited out.
 *
 * Layout while filling: `capacity` header records reserved at the front, the text after them.
 * A full batch is therefore already the stored blob; `seal` moves the text down only for a
 * partial batch, or after `dropOldest`.
 */
export class BatchBuilder {
  /** The most entries this batch takes. */
  readonly capacity: number
  #buf: Buffer
  #view: DataView
  /** Records `first` ≤ i < `count` are live; their text runs from `textStart` to `textEnd`. */
  #first = 0
  #count = 0
  #textStart: number
  #textEnd: number
  #sealed = false

  constructor(capacity: number) {
    this.capacity = capacity
    this.#buf = Buffer.allocUnsafeSlow(Math.max(INITIAL_BYTES, capacity * RECORD_BYTES))
    this.#view = viewOf(this.#buf)
    this.#textStart = this.#textEnd = capacity * RECORD_BYTES
  }

  /** Entries held. */
  get size(): number {
    return this.#count - this.#first
  }

  /** Bytes of the stored form, once sealed (`seal().blob.length`). */
  get storedBytes(): number {
    return this.#sealed ? this.#textEnd : 0
  }

  /** Whether `append` is refused: the batch is full or sealed. */
  get full(): boolean {
    return this.#sealed || this.#count === this.capacity
  }

  /** Encodes `entry` as the batch's newest. Throws a RangeError when `full`. */
  append(e: MessageLogEntry): void {
    if (this.full) throw new RangeError('append to a full or sealed message-log batch')
    const appid = text(e.appid)
    const key = text(e.key)
    const kind = text(e.kind)
    const fromUser = text(e.fromUser)
    const toUser = text(e.toUser)
    const mode = text(e.mode)
    const outcome = text(e.outcome)
    const error = e.error === undefined ? undefined : text(e.error)
    const request = text(e.request)
    const reply = text(e.reply)

    // The small fields go in one write (one native call instead of eight); each XML body in its
    // own, so an ASCII request keeps V8's fast one-byte path even if the reply has CJK.
    const small = appid + key + kind + fromUser + toUser + mode + outcome + (error ?? '')
    let off = this.#textEnd
    const most = (small.length + request.length + reply.length) * MAX_UTF8_PER_UNIT
    if (off + most > this.#buf.length) this.#grow(off + most)
    const buf = this.#buf
    const smallBytes = buf.write(small, off, 'utf8')
    const requestBytes = buf.write(request, off + smallBytes, 'utf8')
    const replyBytes = buf.write(reply, off + smallBytes + requestBytes, 'utf8')
    off += smallBytes + requestBytes + replyBytes
    this.#textEnd = off

    const view = this.#view
    const h = this.#count * RECORD_BYTES
    view.setFloat64(h, e.at, true)
    view.setFloat64(h + 8, e.durationMs, true)
    view.setUint32(h + UNITS_AT, appid.length, true)
    view.setUint32(h + UNITS_AT + 4, key.length, true)
    view.setUint32(h + UNITS_AT + 8, kind.length, true)
    view.setUint32(h + UNITS_AT + 12, fromUser.length, true)
    view.setUint32(h + UNITS_AT + 16, toUser.length, true)
    view.setUint32(h + UNITS_AT + 20, mode.length, true)
    view.setUint32(h + UNITS_AT + 24, outcome.length, true)
    view.setUint32(h + UNITS_AT + 28, error === undefined ? ABSENT : error.length, true)
    view.setUint32(h + BYTES_AT, smallBytes, true)
    view.setUint32(h + BYTES_AT + 4, requestBytes, true)
    view.setUint32(h + BYTES_AT + 8, replyBytes, true)
    this.#count++
  }

  /** Forgets the oldest entry (the log's queue is over its limit). No-op when empty. */
  dropOldest(): void {
    if (this.size === 0) return
    const view = this.#view
    const h = this.#first * RECORD_BYTES
    this.#textStart +=
      view.getUint32(h + BYTES_AT, true) +
      view.getUint32(h + BYTES_AT + 4, true) +
      view.getUint32(h + BYTES_AT + 8, true)
    this.#first++
  }

  /**
   * The stored form of the entries held, in append order. Seals the batch: it takes no more
   * entries, but may be sealed again (after `dropOldest`, say) until `reset`.
   */
  seal(): EncodedBatch {
    this.#sealed = true
    const n = this.size
    const headerBytes = n * RECORD_BYTES
    const buf = this.#buf
    if (this.#first !== 0) buf.copyWithin(0, this.#first * RECORD_BYTES, this.#count * RECORD_BYTES)
    if (this.#textStart !== headerBytes) buf.copyWithin(headerBytes, this.#textStart, this.#textEnd)
    this.#textEnd = headerBytes + (this.#textEnd - this.#textStart)
    this.#textStart = headerBytes
    this.#first = 0
    this.#count = n
    let minAt = Infinity
    let maxAt = -Infinity
    for (let h = 0; h < headerBytes; h += RECORD_BYTES) {
      const at = this.#view.getFloat64(h, true)
      if (at < minAt) minAt = at
      if (at > maxAt) maxAt = at
    }
    return { blob: buf.subarray(0, this.#textEnd), minAt, maxAt }
  }

  /** Empties the batch for reuse, giving back a buffer grown unusually large. */
  reset(): void {
    if (this.#buf.length > MAX_KEPT_BYTES) {
      this.#buf = Buffer.allocUnsafeSlow(Math.max(INITIAL_BYTES, this.capacity * RECORD_BYTES))
      this.#view = viewOf(this.#buf)
    }
    this.#first = 0
    this.#count = 0
    this.#textStart = this.#textEnd = this.capacity * RECORD_BYTES
    this.#sealed = false
  }

  /** Makes the buffer at least `bytes` long, keeping what is written. */
  #grow(bytes: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(bytes, this.#buf.length * 2))
    this.#buf.copy(next, 0, 0, this.#textEnd)
    this.#buf = next
    this.#view = viewOf(next)
  }
}

function viewOf(buf: Buffer): DataView {
  return new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
}

/** A field as a string: the types say it is one, but a bad value must not shift the others. */
function text(value: unknown): string {
  if (typeof value === 'string') return value
  // Any text, `[object Object]` included, beats a length that does not match what was written.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return value === undefined || value === null ? '' : String(value)
}
