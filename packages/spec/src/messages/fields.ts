/**
 * The field machinery every message, event and reply is declared with. A field is plain data
 * (kind, required, how it is written) plus a phantom TypeScript type, so one declaration drives
 * the parser, the renderer, the sample builder, the generated docs and the static types.
 */

/**
 * What a field holds on the wire and after parsing:
 * - `string`: text, written in CDATA;
 * - `id`: a 64-bit id (`MsgId`, `MsgID`, `publish_id`), kept as a string because it can exceed
 *   2^53, written bare like WeChat does;
 * - `int` / `decimal`: numbers, written bare;
 * - `object`: an element with child fields;
 * - `list`: a wrapper element whose children are one repeated tag (`<PicList><item>…`);
 * - `repeated`: the field's own tag repeats (`<fail_idx>1</fail_idx><fail_idx>2</fail_idx>`).
 */
export type FieldKind = 'string' | 'id' | 'int' | 'decimal' | 'object' | 'list' | 'repeated'

/** How a scalar is written inside its element: in a CDATA section, or as escaped bare text. */
export type FieldWire = 'cdata' | 'bare'

/** A declared field: data only, plus the phantom type of its parsed value. */
export interface Field<T = unknown, R extends boolean = boolean> {
  /** What the field holds. */
  readonly kind: FieldKind
  /** Required fields missing from a push make it `invalid`; lists are always present (maybe empty). */
  readonly required: R
  /** How a scalar is rendered. WeChat writes numbers bare, except inside `SendLocationInfo`. */
  readonly wire: FieldWire
  /** Other tags accepted when parsing, for places where WeChat's docs disagree; never rendered. */
  readonly aliases: readonly string[]
  /** The child fields of an `object`. */
  readonly fields: FieldMap | undefined
  /** The tag of each element inside a `list` wrapper (`item`). */
  readonly item: string | undefined
  /** The element field of a `list` or `repeated`. */
  readonly of: Field | undefined
  /** Phantom: the parsed value's type. Never set at run time. */
  readonly __type?: T
}

/** Fields keyed by WeChat's tag name, in wire order. */
export interface FieldMap {
  readonly [tag: string]: Field
}

/** A field that can still be refined with `.optional()`, `.alias()` or `.cdata()`. */
export interface FieldBuilder<T, R extends boolean> extends Field<T, R> {
  /** The same field, allowed to be absent. */
  optional(): FieldBuilder<T, false>
  /** The same field, also read from these tags when its own tag is absent. */
  alias(...tags: string[]): FieldBuilder<T, R>
  /** The same field, rendered inside CDATA (for numbers WeChat happens to quote). */
  cdata(): FieldBuilder<T, R>
}

/** The parsed type of one field. */
export type ValueOf<F> = F extends Field<infer T> ? T : never

type RequiredTags<M extends FieldMap> = {
  [K in keyof M]: M[K] extends { readonly required: true } ? K : never
}[keyof M]

/** Flattens an intersection into one object type, so editor hovers show plain fields. */
export type Flatten<T> = { [K in keyof T]: T[K] } & {}

/** The parsed type of a field map: required tags are present, optional tags may be absent. */
export type Infer<M extends FieldMap> = Flatten<
  { -readonly [K in RequiredTags<M>]: ValueOf<M[K]> } & {
    -readonly [K in Exclude<keyof M, RequiredTags<M>>]?: ValueOf<M[K]>
  }
>

interface FieldProps {
  readonly kind: FieldKind
  readonly required: boolean
  readonly wire: FieldWire
  readonly aliases: readonly string[]
  readonly fields?: FieldMap
  readonly item?: string
  readonly of?: Field
}

function build<T, R extends boolean>(props: FieldProps): FieldBuilder<T, R> {
  const field: FieldBuilder<T, R> = {
    kind: props.kind,
    required: props.required as R,
    wire: props.wire,
    aliases: props.aliases,
    fields: props.fields,
    item: props.item,
    of: props.of,
    optional: () => build<T, false>({ ...props, required: false }),
    alias: (...tags) => build<T, R>({ ...props, aliases: [...props.aliases, ...tags] }),
    cdata: () => build<T, R>({ ...props, wire: 'cdata' }),
  }
  return Object.freeze(field)
}

function scalar<T>(kind: FieldKind, wire: FieldWire): FieldBuilder<T, true> {
  return build<T, true>({ kind, required: true, wire, aliases: [] })
}

/**
 * Field constructors. Tags keep WeChat's spelling and case; the declaration order is the
 * order fields are rendered in.
 * @example
 * const fields = { EventKey: f.string, MenuId: f.id.optional() }
 */
export const f = {
  /** Text, rendered in CDATA. */
  string: scalar<string>('string', 'cdata'),
  /** A 64-bit id kept as a string (`'7293847561029384756'` stays exact), rendered bare. */
  id: scalar<string>('id', 'bare'),
  /** An integer (`CreateTime`, counts, status codes), rendered bare. */
  int: scalar<number>('int', 'bare'),
  /** A decimal (`Location_X`, `Latitude`), rendered bare. */
  decimal: scalar<number>('decimal', 'bare'),
  /** An element with child fields. */
  object<M extends FieldMap>(fields: M): FieldBuilder<Infer<M>, true> {
    return build<Infer<M>, true>({
      kind: 'object',
      required: true,
      wire: 'bare',
      aliases: [],
      fields,
    })
  },
  /** A wrapper element holding repeated `item` tags; parses to an array, empty when absent. */
  list<E extends Field>(item: string, of: E): Field<ValueOf<E>[], true> {
    return build<ValueOf<E>[], true>({
      kind: 'list',
      required: true,
      wire: 'bare',
      aliases: [],
      item,
      of,
    })
  },
  /** A tag that repeats in place; parses to an array, empty when absent. */
  repeated<E extends Field>(of: E): Field<ValueOf<E>[], true> {
    return build<ValueOf<E>[], true>({
      kind: 'repeated',
      required: true,
      wire: 'bare',
      aliases: [],
      of,
    })
  },
} as const
