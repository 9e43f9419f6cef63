/**
 * Compiles field maps into renderers that write typed values back as WeChat's XML: strings in
 * CDATA, numbers and ids bare, in declaration order, with no whitespace between elements.
 * Like the readers, a renderer is a closure tree built once per spec.
 */
import { cdata, escapeXmlText } from '@wxmp/core'
import type { Field, FieldMap } from './fields.js'

/** Renders the elements of one object (absent optional fields are skipped). */
export type ObjectWriter = (obj: Readonly<Record<string, unknown>>) => string

type ContentWriter = (v: unknown) => string
type ElementWriter = (v: unknown) => string

/** Compiles the renderer for a map of fields. */
export function compileObjectWriter(fields: FieldMap): ObjectWriter {
  const tags = Object.keys(fields)
  const writers = tags.map((tag) => elementWriter(tag, fields[tag]!))
  return (obj) => {
    let xml = ''
    for (let i = 0; i < writers.length; i++) xml += writers[i]!(obj[tags[i]!])
    return xml
  }
}

function elementWriter(tag: string, field: Field): ElementWriter {
  const open = `<${tag}>`
  const close = `</${tag}>`
  if (field.kind === 'list') {
    const itemOpen = `<${field.item ?? 'item'}>`
    const itemClose = `</${field.item ?? 'item'}>`
    const content = contentWriter(elementOf(field))
    // The wrapper is always written, empty for an empty list, as WeChat's own samples do.
    return (v) => open + repeat(v, itemOpen, itemClose, content) + close
  }
  if (field.kind === 'repeated') {
    const content = contentWriter(elementOf(field))
    return (v) => repeat(v, open, close, content)
  }
  const content = contentWriter(field)
  return (v) => (v === undefined ? '' : open + content(v) + close)
}

function contentWriter(field: Field): ContentWriter {
  switch (field.kind) {
    case 'string':
    case 'id':
      return field.wire === 'cdata' ? (v) => cdata(String(v)) : (v) => escapeXmlText(String(v))
    case 'int':
    case 'decimal':
      if (field.wire === 'cdata') return (v) => cdata(String(v))
      return (v) => (typeof v === 'number' ? String(v) : escapeXmlText(String(v)))
    case 'object': {
      const inner = compileObjectWriter(field.fields ?? {})
      return (v) => (typeof v === 'object' && v !== null ? inner(v as Record<string, unknown>) : '')
    }
    case 'list':
    case 'repeated':
      throw new TypeError('a list element must be a scalar or an object field')
  }
}

function elementOf(field: Field): Field {
  if (field.of === undefined) throw new TypeError(`a ${field.kind} field needs an element field`)
  return field.of
}

function repeat(v: unknown, open: string, close: string, content: ContentWriter): string {
  if (!Array.isArray(v)) return ''
  let xml = ''
  for (const item of v) xml += open + content(item) + close
  return xml
}
