import { join } from 'node:path'

/**
 * Where the message log lives when only a data directory is configured: `<dataDir>/messages.sqlite`,
 * the file `wxmp webhook` and `wxmp dev` write.
 */
export function defaultMessageLogFile(dataDir: string): string {
  return join(dataDir, 'messages.sqlite')
}
