/**
 * The webhook's message log: every accepted push and its reply, recorded off the reply path.
 * `MemoryMessageLog` for tests and the emulator; `openSqliteMessageLog` for an SQLite file under
 * the data directory (`defaultMessageLogFile`).
 */
export type {
  MessageLog,
  MessageLogEntry,
  MessageLogFilter,
  MessageLogStats,
  MessageMode,
  MessageOutcome,
} from './types.js'
export { MemoryMessageLog } from './memory-message-log.js'
export type { MemoryMessageLogOptions } from './memory-message-log.js'
export { openSqliteMessageLog } from './sqlite-message-log.js'
export type { SqliteMessageLog } from './sqlite-message-log.js'
export type { SqliteMessageLogOptions } from './sqlite-options.js'
export { MESSAGE_LOG_SCHEMA_VERSION } from './sqlite-schema.js'
export { lateReplyEntry } from './late-reply.js'
export { DEFAULT_QUERY_LIMIT, MAX_QUERY_LIMIT } from './query-filter.js'
export { defaultMessageLogFile } from './default-file.js'
export { reportMessageLogErrors } from './report-errors.js'
