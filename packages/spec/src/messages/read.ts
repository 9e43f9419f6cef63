/**
 * Compiles field maps into readers that turn a parsed XML object into typed values. Runs on the
 * webhook's hot path, so a reader is a tree of closures built once per spec: no schema library,
 * no per-message allocation beyond the output objects, and strings are passed through as they are
 * (only numbers are coerced, only lists are reshaped).
 */
import type { XmlObject, XmlValue } from '@wxmp/core'
import type { Field, FieldMap } from './fields.js'

/** Reads one element's value: the coerced value, `undefined` when absent, or `FAIL`. */
type ValueReader = (v: XmlValue | undefined) => unknown

/** Fills `out` from `src`; returns `undefined` on success or why the input is unusable. */
export type ObjectReader = (src: XmlObject, out: Record<string, unknown>) => string | undefined

const FAIL = Symbol('fail')
const EMPTY: XmlObject = Object.freeze(Object.create(null) as XmlObject)

// Why the last read failed (a path such as `SendPicsInfo.PicList.item[0].PicMd5Sum` and a
// reason). Module state instead of a result object keeps the success path allocation-free;
// reads are synchronous, so no other read can interleave.
let failPath = ''
let failWhy = ''

/** Compiles the reader for a map of fields (a message body, or an object's children). */
export function compileObjectReader(fields: FieldMap): ObjectReader {
  const read = objectReader(fields)
  return (src, out) => {
    if (read(src, out)) return undefined
    return failPath === '' ? failWhy : `${failPath}: ${failWhy}`
  }
}

function objectReader(fields: FieldMap): (src: XmlObject, out: Record<string, unknown>) => boolean {
  const entries = Object.entries(fields).map(([tag, field]) => ({
    tag,
    aliases: field.aliases,
    required: field.required,
    read: valueReader(field),
  }))
  return (src, out) => {
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!
      let raw = src[e.tag]
      if (raw === undefined && e.aliases.length > 0) raw = fromAliases(src, e.aliases)
      const value = e.read(raw)
      if (value === undefined) {
        if (!e.required) continue
        failPath = e.tag
        failWhy = 'missing'
        return false
      }
      if (value === FAIL) {
        failPath = joinPath(e.tag, failPath)
        return false
      }
      out[e.tag] = value
    }
    return true
  }
}

function valueReader(field: Field): ValueReader {
  switch (field.kind) {
    case 'string':
    case 'id':
      return (v) => (typeof v === 'string' || v === undefined ? v : failWith('expected text'))
    case 'int':
      return (v) => readNumber(v, true)
    case 'decimal':
      return (v) => readNumber(v, false)
    case 'object': {
      const read = objectReader(field.fields ?? {})
      return (v) => {
        if (v === undefined) return undefined
        // An empty element (`<ScanCodeInfo></ScanCodeInfo>`) parses to '': an object with no children.
        const src = v === '' ? EMPTY : isObject(v) ? v : undefined
        if (src === undefined) return failWith('expected child elements')
        const out: Record<string, unknown> = {}
        return read(src, out) ? out : FAIL
      }
    }
    case 'list': {
      const item = field.item ?? 'item'
      const read = elementReader(field)
      return (v) => {
        // WeChat writes an empty list as an empty wrapper, and sometimes omits it.
        if (v === undefined || v === '') return []
        if (!isObject(v)) return failWith('expected a list of <' + item + '>')
        const list = readElements(v[item], read)
        if (list === FAIL) failPath = joinPath(item, failPath)
        return list
      }
    }
    case 'repeated': {
      const read = elementReader(field)
      return (v) => (v === undefined ? [] : readElements(v, read))
    }
  }
}

function elementReader(field: Field): ValueReader {
  if (field.of === undefined || field.of.kind === 'list' || field.of.kind === 'repeated') {
    throw new TypeError('a list element must be a scalar or an object field')
  }
  return valueReader(field.of)
}

// One element parses to a value, a repeated tag to an array: both become an array here.
function readElements(raw: XmlValue | undefined, read: ValueReader): unknown[] | typeof FAIL {
  if (raw === undefined) return []
  const items = Array.isArray(raw) ? raw : [raw]
  const out: unknown[] = new Array<unknown>(items.length)
  for (let i = 0; i < items.length; i++) {
    const value = read(items[i])
    if (value === undefined || value === FAIL) {
      if (value === undefined) {
        failPath = ''
        failWhy = 'empty element'
      }
      failPath =
        `[${i}]` + (failPath === '' || failPath.startsWith('[') ? failPath : '.' + failPath)
      return FAIL
    }
    out[i] = value
  }
  return out
}

function readNumber(v: XmlValue | undefined, integer: boolean): unknown {
  // An empty element carries no number: treat it as absent rather than as 0.
  if (v === undefined || v === '') return undefined
  if (typeof v !== 'string') return failWith(integer ? 'expected an integer' : 'expected a number')
  const n = +v
  const ok = integer ? Number.isInteger(n) : Number.isFinite(n)
  // `+'  '` is 0, so a zero needs a second look before it counts as a number.
  if (ok && (n !== 0 || v.trim() !== '')) return n
  return failWith(integer ? 'expected an integer' : 'expected a number')
}

function fromAliases(src: XmlObject, aliases: readonly string[]): XmlValue | undefined {
  for (const tag of aliases) if (src[tag] !== undefined) return src[tag]
  return undefined
}

function failWith(why: string): typeof FAIL {
  failPath = ''
  failWhy = why
  return FAIL
}

function joinPath(tag: string, rest: string): string {
  if (rest === '') return tag
  return rest.startsWith('[') ? tag + rest : `${tag}.${rest}`
}

function isObject(v: XmlValue): v is XmlObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
