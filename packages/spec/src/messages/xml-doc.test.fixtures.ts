/** Test helper: the value under the root `<xml>` of a document, through core's parser. */
import { parseXml, type XmlObject } from '@wxmp/core'

/** Parses `xml` with `@wxmp/core` and returns what is under its root element. */
export function xmlDoc(xml: string): XmlObject {
  const root = parseXml(xml).xml
  if (typeof root !== 'object' || Array.isArray(root))
    throw new Error('expected an <xml> root with children')
  return root
}
