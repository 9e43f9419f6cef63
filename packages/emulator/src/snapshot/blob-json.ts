/**
 * JSON for snapshot parts with the bytes kept out: every `Uint8Array` becomes `{"$blob": sha256}`
 * and its bytes go to the blob table, stored once however many parts or saves refer to them. So
 * a media library costs its size once, and a save rewrites only the files added since the last.
 *
 * A marker must not be confused with data a user sent (a template payload may hold any key):
 * keys that start with `$` are written with one more `$` and read back with one less, so only a
 * marker ever has the key `$blob` in the file.
 */
import { createHash } from 'node:crypto'

// Stores never change bytes after keeping them (they copy on the way in), so a hash computed
// once holds for the array's life.
const hashes = new WeakMap<Uint8Array, string>()

function hashOf(bytes: Uint8Array): string {
  let hash = hashes.get(bytes)
  if (hash === undefined) {
    hash = createHash('sha256').update(bytes).digest('hex')
    hashes.set(bytes, hash)
  }
  return hash
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** `value` as JSON, each byte array replaced by a marker and added to `blobs` by its hash. */
export function encodePart(value: unknown, blobs: Map<string, Uint8Array>): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, replaced: unknown) {
    // `replaced` has been through `toJSON` (a Buffer's turns it into numbers): look at the original.
    const original = this[key]
    if (original instanceof Uint8Array) {
      const hash = hashOf(original)
      blobs.set(hash, original)
      return { $blob: hash }
    }
    if (typeof replaced === 'bigint')
      throw new TypeError(`snapshot: ${key} is a bigint; stores keep 64-bit ids as strings`)
    if (!isPlainObject(replaced) || !Object.keys(replaced).some((name) => name.startsWith('$')))
      return replaced
    return Object.fromEntries(
      Object.entries(replaced).map(([name, each]) => [
        name.startsWith('$') ? `$${name}` : name,
        each,
      ]),
    )
  })
}

/** Reads what `encodePart` wrote, the markers replaced by their bytes from `blob`. */
export function decodePart(json: string, blob: (hash: string) => Uint8Array): unknown {
  return JSON.parse(json, (_key, value: unknown) => {
    if (!isPlainObject(value)) return value
    const names = Object.keys(value)
    if (names.length === 1 && typeof value.$blob === 'string') return blob(value.$blob)
    if (!names.some((name) => name.startsWith('$'))) return value
    return Object.fromEntries(
      Object.entries(value).map(([name, each]) => [
        name.startsWith('$$') ? name.slice(1) : name,
        each,
      ]),
    )
  })
}
