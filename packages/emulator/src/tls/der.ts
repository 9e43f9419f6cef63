/**
 * The few DER (ASN.1) encodings a self-signed certificate needs. Node can make keys and sign,
 * but has no certificate builder, and the emulator should not need the openssl binary.
 */

/** One DER element: tag byte, definite length, content. */
export function element(tag: number, content: Uint8Array): Buffer {
  const length = content.length
  let header: number[]
  if (length < 0x80) header = [tag, length]
  else {
    const bytes: number[] = []
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff)
    header = [tag, 0x80 | bytes.length, ...bytes]
  }
  return Buffer.concat([Buffer.from(header), content])
}

/** SEQUENCE of the given elements. */
export const sequence = (...items: Uint8Array[]): Buffer => element(0x30, Buffer.concat(items))

/** SET of the given elements. */
export const set = (...items: Uint8Array[]): Buffer => element(0x31, Buffer.concat(items))

/** A non-negative INTEGER from big-endian bytes (a 0 byte is prepended when the top bit is set). */
export function integer(bytes: Uint8Array): Buffer {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start++
  const trimmed = bytes.subarray(start)
  const padded = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed
  return element(0x02, padded)
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [first * 40 + second]
  for (const arc of rest) {
    const chunk: number[] = [arc & 0x7f]
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      chunk.unshift((value & 0x7f) | 0x80)
    bytes.push(...chunk)
  }
  return element(0x06, Buffer.from(bytes))
}

/** A UTF8String. */
export const utf8 = (text: string): Buffer => element(0x0c, Buffer.from(text, 'utf8'))

/** A UTCTime (years 1950–2049), `YYMMDDHHMMSSZ`. */
export function utcTime(date: Date): Buffer {
  const iso = date.toISOString() // 2026-11-21T13:00:00.000Z
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`
  return element(0x17, Buffer.from(text, 'ascii'))
}

/** A BIT STRING with no unused bits. */
export const bitString = (bytes: Uint8Array): Buffer =>
  element(0x03, Buffer.concat([Buffer.from([0]), bytes]))

/** An OCTET STRING. */
export const octetString = (bytes: Uint8Array): Buffer => element(0x04, bytes)

/** A context-specific constructed tag `[n]` around `content`. */
export const explicit = (n: number, content: Uint8Array): Buffer => element(0xa0 | n, content)
