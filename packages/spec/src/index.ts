/**
 * @wxmp/spec: WeChat's messages, events and passive replies as data, with the parser, renderers,
 * reply builders and samples they drive. Pure code, no I/O.
 */
export * from './messages/index.js'
export * from './endpoints/index.js'
