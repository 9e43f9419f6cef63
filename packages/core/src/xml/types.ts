/**
 * The shape the XML codec produces. WeChat's envelopes are flat element trees with text leaves,
 * no attributes and no mixed content that matters, so a parsed document is plain data:
 * an element with children becomes an `XmlObject`, a leaf becomes its text, and a tag repeated
 * under one parent becomes an array in document order.
 * Every `XmlObject` has a null prototype: a tag named `__proto__` is an ordinary key.
 */
export type XmlValue = string | XmlObject | XmlValue[]

/** An element's children keyed by tag name (null prototype). */
export interface XmlObject {
  [tag: string]: XmlValue
}
