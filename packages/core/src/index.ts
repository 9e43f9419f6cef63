/**
 * @wxmp/core: errors, the errcode table, the XML codec, the Clock and the configuration schema.
 * Pure code: nothing here does I/O except reading a configuration file when asked to.
 */
export * from './errors.js'
export * from './errcodes.js'
export * from './clock.js'
export * from './virtual-clock.js'
export * from './xml/index.js'
export * from './config/index.js'
export * from './api-error.js'
export * from './redact.js'
export { beijingDay, beijingMonth, untilBeijingMidnight } from './beijing-time.js'
