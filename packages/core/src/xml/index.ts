/** The XML codec for WeChat's flat envelopes (stub: being written). */
export type { XmlObject, XmlValue } from './types.js'
