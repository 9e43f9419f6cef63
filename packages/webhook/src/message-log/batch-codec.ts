import { WxError } from '@wxmp/core'
import { matchesFilter } from './query-filter.js'
import type { MessageLogEntry, MessageLogFilter, MessageMode, MessageOutcome } from './types.js'

/**
 * The stored form of one batch of entries (schema version 2): a single BLOB, little-endian,
 *
 *   header  `count` records of 60 bytes, one per entry in append order:
 *           f64 at, f64 durationMs;
 *           u32 × 8, the lengths in UTF-16 code units of appid, key, kind, fromUser, toUser,
 *           mode, outcome and error (`ABSENT` when there is none);
 *           u32 × 3, the lengths in bytes of the entry's three runs of text below;
 *   text    for each entry, three runs of UTF-8: its eight small fields back to back, in that
 *           order; its request; its reply.
 *
 * Why this shape rather than JSON or separator-joined text (measured on 100k+ entries of ~1.1 KB
 * with CJK and emoji, µs per entry): `JSON.stringify` ~3.5; one string per entry joined by
 * separators ~1.2 to build plus ~1–1.5 for better-sqlite3 to bind it (it measures and converts
 * the UTF-8 in two passes); this codec 0.6 (benchmark-like traffic) to 1.2 (CJK-heavy).
 *  - Numbers in binary: formatting a double costs ~100 ns; a `DataView` store costs ~2 ns.
 *  - Lengths, not separators: nothing to scan for or escape, so any string round-trips.
 *  - `Buffer#write` straight into one reused buffer: no big JS string is built (V8 puts strings
 *    over ~128 KB in its large-object space, which measured 5–10× slower) and no garbage is left.
 *  - UTF-8, not UTF-16 (which V8 writes 2–5× faster from a CJK string): every byte stored is
 *    written to the WAL, then read and written again by its checkpoint, ~0.8 ns per byte on the
 *    2-vCPU VM these figures come from; and WeChat XML is mostly ASCII, which UTF-8 stores in
 *    half the bytes, nearly at memcpy speed. Measured, the two tie on CJK-heavy text and UTF-8
 *    wins on the rest; it also keeps the file small.
 *  - Bodies in their own runs, with byte lengths: a reader decodes the small fields, tests a
 *    filter on them, and decodes the XML only of the entries that match.
 * A lone surrogate is stored as U+FFFD, as by any UTF-8 store; lengths still match, since both
 * are one UTF-16 unit.
 */
const RECORD_BYTES = 60
/** Offset in a record of the UTF-16 lengths of the small fields, then of the byte lengths. */
const UNITS_AT = 16
const BYTES_AT = 48
/** The length stored for an `error` the entry does not have (an empty error is a real value). */
const ABSENT = 0xffff_ffff
/** Worst-case UTF-8 bytes per UTF-16 code unit. */
const MAX_UTF8_PER_UNIT = 3
/** The reused buffer starts at this size: a default batch of 512 entries of ~1.1 KB fits. */
const INITIAL_BYTES = 1 << 20
/** A buffer grown past this for an unusually large batch is given back on the next batch. */
const MAX_KEPT_BYTES = 8 << 20

/** Where the encoder reads entries from: the writer's queue (a `RingBuffer`) or an array. */
export interface EntrySource {
  /** The `i`-th entry, 0 = oldest. */
  peek(i: number): MessageLogEntry | undefined
}

/** One encoded batch and the bounds of its `at` values, for the index. */
export interface EncodedBatch {
  /** A view of the encoder's buffer: valid until the next `encode`, so bind it before then. */
  readonly blob: Buffer
  /** Smallest `at` in the batch (`Infinity` if no entry has a comparable one). */
  readonly minAt: number
  /** Largest `at` in the batch (`-Infinity` if no entry has a comparable one). */
  readonly maxAt: number
}

/**
 * Encodes batches into one buffer that it reuses, so a steady stream of batches allocates
 * nothing but the short per-entry string of small fields. Not reentrant: one per writer.
 */
export class BatchEncoder {
  #buf: Buffer = Buffer.allocUnsafeSlow(INITIAL_BYTES)
  #view: DataView = new DataView(this.#buf.buffer, this.#buf.byteOffset, this.#buf.byteLength)

  /** Encodes the `count` oldest entries of `source`. Throws if one of them is missing. */
  encode(source: EntrySource, count: number): EncodedBatch {
    if (this.#buf.length > MAX_KEPT_BYTES) this.#replace(Buffer.allocUnsafeSlow(INITIAL_BYTES))
    let off = count * RECORD_BYTES
    if (off > this.#buf.length) this.#grow(0, off)
    let minAt = Infinity
    let maxAt = -Infinity
    for (let i = 0; i < count; i++) {
      const e = source.peek(i)
      if (e === undefined) throw new RangeError(`no entry ${i} of ${count} to encode`)
      const at = e.at
      if (at < minAt) minAt = at
      if (at > maxAt) maxAt = at
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
      const most = (small.length + request.length + reply.length) * MAX_UTF8_PER_UNIT
      if (off + most > this.#buf.length) this.#grow(off, most)
      const buf = this.#buf
      const smallBytes = buf.write(small, off, 'utf8')
      const requestBytes = buf.write(request, off + smallBytes, 'utf8')
      const replyBytes = buf.write(reply, off + smallBytes + requestBytes, 'utf8')
      off += smallBytes + requestBytes + replyBytes

      const view = this.#view
      const h = i * RECORD_BYTES
      view.setFloat64(h, at, true)
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
    }
    return { blob: this.#buf.subarray(0, off), minAt, maxAt }
  }

  /** Makes room for `bytes` more after the first `used`, keeping those. */
  #grow(used: number, bytes: number): void {
    const next = Buffer.allocUnsafeSlow(Math.max(used + bytes, this.#buf.length * 2))
    this.#buf.copy(next, 0, 0, used)
    this.#replace(next)
  }

  #replace(buf: Buffer): void {
    this.#buf = buf
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  }
}

/**
 * Decodes the entries of a batch written by `BatchEncoder` that pass `filter` (its `limit`
 * aside), in append order. Entries outside `before` cost a header read; the others, a decode
 * of their small fields; only matches have their XML decoded. Throws
 * `WxError('WX_ERR_MESSAGE_LOG_CORRUPT')` if the blob does not hold `count` well-formed records.
 */
export function decodeBatch(
  blob: Uint8Array,
  count: number,
  filter: MessageLogFilter = {},
): MessageLogEntry[] {
  let pos = count * RECORD_BYTES
  if (!Number.isSafeInteger(count) || count < 0 || blob.byteLength < pos) {
    throw corrupt(`${blob.byteLength} bytes cannot hold ${count} entries`)
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength)
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  const before = filter.before
  const found: MessageLogEntry[] = []
  for (let h = 0; h < count * RECORD_BYTES; h += RECORD_BYTES) {
    const smallAt = pos
    const requestAt = smallAt + view.getUint32(h + BYTES_AT, true)
    const replyAt = requestAt + view.getUint32(h + BYTES_AT + 4, true)
    pos = replyAt + view.getUint32(h + BYTES_AT + 8, true)
    const at = view.getFloat64(h, true)
    if (before !== undefined && !(at < before)) continue

    const small = bytes.toString('utf8', smallAt, requestAt)
    let from = 0
    const field = (i: number): string => {
      const units = view.getUint32(h + UNITS_AT + i * 4, true)
      return small.slice(from, (from += units))
    }
    const entry: MessageLogEntry = {
      at,
      appid: field(0),
      key: field(1),
      kind: field(2),
      fromUser: field(3),
      toUser: field(4),
      mode: field(5) as MessageMode,
      request: '',
      reply: '',
      outcome: field(6) as MessageOutcome,
      durationMs: view.getFloat64(h + 8, true),
    }
    const errorUnits = view.getUint32(h + UNITS_AT + 28, true)
    const error = errorUnits === ABSENT ? undefined : field(7)
    // `slice` clamps silently, so lengths that do not add up show only here.
    if (from !== small.length)
      throw corrupt(`entry ${h / RECORD_BYTES}: small fields do not add up`)
    if (!matchesFilter(entry, filter)) continue
    entry.request = bytes.toString('utf8', requestAt, replyAt)
    entry.reply = bytes.toString('utf8', replyAt, pos)
    if (error !== undefined) entry.error = error
    found.push(entry)
  }
  if (pos !== blob.byteLength) throw corrupt(`records span ${pos} bytes of ${blob.byteLength}`)
  return found
}

/** A field as a string: the types say it is one, but a bad value must not shift the others. */
function text(value: unknown): string {
  if (typeof value === 'string') return value
  // Any text, `[object Object]` included, beats a length that does not match what was written.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return value === undefined || value === null ? '' : String(value)
}

function corrupt(detail: string): WxError {
  return new WxError('WX_ERR_MESSAGE_LOG_CORRUPT', `message-log batch is corrupt: ${detail}`)
}
