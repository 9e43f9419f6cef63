import { join } from 'node:path'

/** Where the message log lives when only a data directory is configured: `<dataDir>/message-log.sqlite`. */
export function defaultMessageLogFile(dataDir: string): string {
  return join(dataDir, 'message-log.sqlite')
}
